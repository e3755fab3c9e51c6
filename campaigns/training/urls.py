from django.urls import path

from .views import catalogue, certificates, links, trainee

app_name = "training"

urlpatterns = [
    path("", catalogue.run_list, name="runs"),
    path("khoa-hoc/<slug:slug>/", catalogue.course_detail, name="course"),
    path("lop/<int:pk>/", catalogue.run_detail, name="run"),
    path("lop/<int:pk>/lich.ics", catalogue.run_calendar, name="run_calendar"),
    path("lop/<int:pk>/dang-ky/", trainee.register, name="register"),
    path("cua-toi/", trainee.my_registrations, name="mine"),
    path("cua-toi/<int:pk>/huy/", trainee.cancel, name="cancel"),
    path("cua-toi/<int:pk>/nhan-cho/", trainee.accept, name="accept"),
    path("cua-toi/<int:pk>/danh-gia/", trainee.give_feedback, name="feedback"),
    path("buoi/<int:session_pk>/diem-danh/", trainee.self_check_in, name="self_check_in"),
    path("lien-ket/<str:token>/", links.link_action, name="link"),
    path("chung-nhan/<str:code>.pdf", certificates.download, name="certificate"),
    path("chung-nhan/xac-minh/<str:code>/", certificates.verify, name="verify"),
]
