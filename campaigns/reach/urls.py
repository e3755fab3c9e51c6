from django.urls import path

from . import views

app_name = "reach"

urlpatterns = [
    path("<str:token>", views.redirect, name="redirect"),
    # The same link with a slash a mail client or a chat app added when it was copied.
    path("<str:token>/", views.redirect),
]
