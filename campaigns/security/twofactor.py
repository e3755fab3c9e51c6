"""Two-factor (TOTP) for the roles that publish or administer: approvers, administrators
and every superuser. Such an account is not fully logged in until it has proved a code
from its authenticator app in this session; until then TwoFactorMiddleware sends it to set
up its device (first time) or to enter a code, whatever page it asks for."""

import io

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from campaigns.accounts import roles
from campaigns.accounts.backends import TWO_FACTOR_FLAG

from .sessions import may_be_signed_in


def requires_two_factor(user):
    """True when `user` must use a second factor (setting TWO_FACTOR_REQUIRED on)."""
    if not settings.TWO_FACTOR_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    # Read with the user itself when the session's user was loaded (accounts/backends.py).
    cached = getattr(user, TWO_FACTOR_FLAG, None)
    if cached is None:
        cached = roles.user_has_role(user, *roles.TWO_FACTOR_ROLES)
        setattr(user, TWO_FACTOR_FLAG, cached)
    return cached


def confirmed_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def qr_svg(data):
    """An SVG QR code (markup) for an otpauth:// URL; inline SVG needs no script or data URI.
    A standard QR code, never Micro QR, which authenticator apps cannot scan."""
    import segno

    out = io.BytesIO()
    segno.make_qr(data, error="m").save(out, kind="svg", scale=5, xmldecl=False, svgns=True, title=None)
    return out.getvalue().decode()


def safe_next(request, default=None):
    """The `next` target when it stays on this site; otherwise the admin's dashboard."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("wagtailadmin_home")


# Paths an unverified account may still open: the 2FA screens, logging out, assets.
EXEMPT_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/", "/favicon")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_be_signed_in(request):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and requires_two_factor(user) and not user.is_verified() and not self._exempt(request.path):
            name = "security_2fa_verify" if confirmed_device(user) else "security_2fa_setup"
            return redirect(f"{reverse(name)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _exempt(path):
        allowed = (
            reverse("security_2fa_setup"),
            reverse("security_2fa_verify"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_login"),
            reverse("admin:logout"),
        )
        # Wagtail's icon sprite and script catalogue are fetched by every admin page,
        # including the two-factor screens themselves.
        return (
            path.startswith(EXEMPT_PREFIXES) or path in allowed or path.startswith(("/admin/sprite/", "/admin/jsi18n/"))
        )
