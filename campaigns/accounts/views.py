"""Trainee sign-up, login, email verification, profile and consent. Logout and password
reset are Django's own views with our templates and forms (see urls.py).

Where a visitor was going (`?next=`, e.g. the course she wanted) is carried through sign-up,
the verification email and login, so she lands back there with registration one click away.
Without a destination she lands on "Khóa học của tôi"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from campaigns.programme.models import Person
from campaigns.security.ratelimit import rate_limit

from . import services
from .forms import LoginForm, ProfileForm, SignUpForm

LOGIN_URL = "accounts:login"
# The session key holding where a new trainee was going when she signed up, read back when
# she opens the verification link (in the same browser).
NEXT_AFTER_VERIFY = "accounts:next"


def _safe(request, target):
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if target and allowed else ""


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, except that the link in the mail is on SITE_URL, like every link that leaves
    the site (config.links), and not on whatever Host the request named."""

    def form_valid(self, form):
        self.extra_email_context = {**(self.extra_email_context or {}), "site_url": settings.SITE_URL}
        return super().form_valid(form)


def _next(request, default):
    return _safe(request, request.POST.get("next") or request.GET.get("next") or "") or default


def home_for(user):
    """Where a signed-in person lands when nothing says otherwise: staff on the admin's
    dashboard, trainees on their own courses."""
    return reverse("wagtailadmin_home") if user.is_staff else reverse("training:mine")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_for(self.request.user)


@rate_limit("sign_up", rate="10/h")
def sign_up(request):
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next(request, home_for(request.user)))
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
            request.session[NEXT_AFTER_VERIFY] = _next(request, "")
            services.send_verification(user)
            return redirect("accounts:verify_pending")
    return render(request, "accounts/sign_up.html", {"form": form, "next": _next(request, "")})


@login_required(login_url=LOGIN_URL)
@rate_limit("verify_resend", rate="5/h", key="ip")
def verify_pending(request):
    if request.method == "POST":
        if services.send_verification(request.user):
            messages.success(request, _("Đã gửi lại email xác minh."))
        else:
            messages.error(request, _("Chưa gửi được email, hãy thử lại sau ít phút."))
        return redirect("accounts:verify_pending")
    if request.user.email_verified:
        return redirect(_safe(request, request.session.get(NEXT_AFTER_VERIFY, "")) or home_for(request.user))
    return render(request, "accounts/verify_pending.html")


def verify(request, token):
    """The link in the verification email: back to where she was going (the course she
    chose before signing up), else her courses; in another browser, through login."""
    try:
        user = services.verify_email(token=token)
    except services.AccountError as error:
        return render(request, "accounts/verify_failed.html", {"message": error.message}, status=400)
    messages.success(request, _("Email của bạn đã được xác minh."))
    target = _safe(request, request.session.pop(NEXT_AFTER_VERIFY, ""))
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(target or home_for(user))
    return redirect(f"{reverse(LOGIN_URL)}?{urlencode({'next': target or reverse('training:mine')})}")


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
        services.save_profile(user=user, data=form.cleaned_data, consent=needs_consent)
        messages.success(request, _("Đã lưu hồ sơ."))
        return redirect(_next(request, "accounts:profile"))
    return render(request, "accounts/profile.html", {"form": form, "person": person, "next": _next(request, "")})


@login_required(login_url=LOGIN_URL)
def withdraw_consent(request):
    """GET asks for confirmation (what withdrawing means); POST withdraws."""
    if not request.user.has_consented:
        return redirect("accounts:profile")
    if request.method == "POST":
        services.withdraw_consent(user=request.user)
        messages.success(request, _("Bạn đã rút lại sự đồng ý; thông tin dân tộc đã được xóa."))
        return redirect("accounts:profile")
    return render(request, "accounts/withdraw_consent.html")
