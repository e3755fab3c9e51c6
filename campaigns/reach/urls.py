from django.urls import path

from . import views

app_name = "reach"

urlpatterns = [
    path("<str:token>", views.redirect, name="redirect"),
]
