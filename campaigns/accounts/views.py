"""Trainee sign-up, email verification, profile and consent. Login, logout and password
reset are Django's own views with our templates (see urls.py)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.programme.models import Person
from campaigns.security.ratelimit import rate_limit

from . import services
from .forms import ProfileForm, SignUpForm

LOGIN_URL = "accounts:login"


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, except that the link in the mail is on SITE_URL, like every link that leaves
    the site (config.links), and not on whatever Host the request named."""

    def form_valid(self, form):
        self.extra_email_context = {**(self.extra_email_context or {}), "site_url": settings.SITE_URL}
        return super().form_valid(form)


def _next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@rate_limit("sign_up", rate="10/h")
def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.sign_up(
                email=data["email"], password=data["password"], full_name=data["full_name"],
                gender=data["gender"], phone=data["phone"], language=request.LANGUAGE_CODE,
            )
        except services.AccountError as error:
            form.add_error("email", error.message)
        else:
            login(request, user, backend="campaigns.accounts.backends.EmailOrUsernameBackend")
            services.send_verification(user)
            return redirect("accounts:verify_pending")
    return render(request, "accounts/sign_up.html", {"form": form})


@login_required(login_url=LOGIN_URL)
@rate_limit("verify_resend", rate="5/h", key="ip")
def verify_pending(request):
    if request.method == "POST":
        if services.send_verification(request.user):
            messages.success(request, _("Đã gửi lại email xác minh."))
        else:
            messages.error(request, _("Chưa gửi được email, hãy thử lại sau ít phút."))
        return redirect("accounts:verify_pending")
    return render(request, "accounts/verify_pending.html")


def verify(request, token):
    try:
        services.verify_email(token=token)
    except services.AccountError as error:
        return render(request, "accounts/verify_failed.html", {"message": error.message}, status=400)
    messages.success(request, _("Email của bạn đã được xác minh."))
    return redirect("accounts:profile" if request.user.is_authenticated else "accounts:login")


@login_required(login_url=LOGIN_URL)
def profile(request):
    user = request.user
    person = Person.objects.filter(user=user).first()
    needs_consent = not user.has_consented
    initial = {
        "preferred_language": user.preferred_language,
        "preferred_channels": user.preferred_channels,
        "declares_planning_pool": user.declares_planning_pool,
        "phone": user.phone,
    }
    if person:
        initial.update(full_name=person.full_name, gender=person.gender, birth_year=person.birth_year,
                       ethnicity=person.ethnicity, unit=person.unit, position=person.position)
    form = ProfileForm(request.POST or None, initial=initial, needs_consent=needs_consent)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            if needs_consent:
                services.give_consent(user=user)
            person = person or Person(user=user)
            for field in ("full_name", "gender", "birth_year", "ethnicity", "unit", "position", "phone"):
                setattr(person, field, data[field])
            person.save()
            user.phone, user.preferred_language = data["phone"], data["preferred_language"]
            user.preferred_channels, user.declares_planning_pool = data["preferred_channels"], data["declares_planning_pool"]
            user.save(update_fields=["phone", "preferred_language", "preferred_channels", "declares_planning_pool"])
        messages.success(request, _("Đã lưu hồ sơ."))
        return redirect(_next(request, "accounts:profile"))
    return render(request, "accounts/profile.html", {"form": form, "person": person, "next": _next(request, "")})


@require_POST
@login_required(login_url=LOGIN_URL)
def withdraw_consent(request):
    services.withdraw_consent(user=request.user)
    messages.success(request, _("Bạn đã rút lại sự đồng ý; thông tin dân tộc đã được xóa."))
    return redirect("accounts:profile")
