"""Screens where approvers and administrators set up their authenticator app and enter a
code. Wagtail-admin styled; reachable before the second factor is proved."""

from base64 import b32encode

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .ratelimit import rate_limit
from .twofactor import confirmed_device, qr_svg, safe_next

DEVICE_NAME = "Ứng dụng xác thực"


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Mã xác thực 6 chữ số"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Mã gồm đúng 6 chữ số.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean(self):
        cleaned = super().clean()
        token = (cleaned.get("token") or "").strip()
        if token and not self.device.verify_token(token):
            raise forms.ValidationError(_("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới nhất trong ứng dụng."))
        return cleaned


@never_cache
@login_required
@rate_limit("two_factor", rate="10/5m", key="user")
@require_http_methods(["GET", "POST"])
def setup(request):
    """First time: show the QR code of a new (unconfirmed) device; a correct code confirms it."""
    if confirmed_device(request.user):
        return redirect(f"{reverse('security_2fa_verify')}?{urlencode({'next': safe_next(request)})}")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
        otp_login(request, device)
        return redirect(safe_next(request))
    return render(
        request,
        "security/two_factor_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": b32encode(device.bin_key).decode(),
            "next": safe_next(request),
        },
    )


@never_cache
@login_required
@rate_limit("two_factor", rate="10/5m", key="user")
@require_http_methods(["GET", "POST"])
def verify(request):
    """Each login: a code from the confirmed device proves the second factor."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect(f"{reverse('security_2fa_setup')}?{urlencode({'next': safe_next(request)})}")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(safe_next(request))
    return render(request, "security/two_factor_verify.html", {"form": form, "next": safe_next(request)})
