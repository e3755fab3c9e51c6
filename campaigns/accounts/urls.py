from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from campaigns.security.ratelimit import rate_limit

from . import views
from .forms import NewPasswordForm, ResetRequestForm

app_name = "accounts"

urlpatterns = [
    path("dang-ky/", views.sign_up, name="sign_up"),
    path(
        "dang-nhap/",
        rate_limit("login", rate="20/10m")(views.LoginView.as_view()),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("xac-minh/", views.verify_pending, name="verify_pending"),
    path("xac-minh/<str:token>/", views.verify, name="verify"),
    path("ho-so/", views.profile, name="profile"),
    path("ho-so/rut-dong-y/", views.withdraw_consent, name="withdraw_consent"),
    path(
        "quen-mat-khau/",
        rate_limit("password_reset", rate="5/h")(
            views.PasswordResetView.as_view(
                template_name="accounts/password_reset.html",
                form_class=ResetRequestForm,
                email_template_name="accounts/password_reset_email.txt",
                html_email_template_name="accounts/password_reset_email.html",
                subject_template_name="accounts/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html", form_class=NewPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
]
