from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("", views.overview, name="my_data"),
    path("tai-ve.<str:fmt>", views.download, name="my_data_download"),
    path("xoa/", views.erase, name="erase"),
    path("da-xoa/", views.erased, name="erased"),
]
