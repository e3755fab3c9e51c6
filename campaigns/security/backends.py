"""Lockout after repeated failed logins (django-axes), in front of the email backend."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """AxesStandaloneBackend that lets request-less authenticate() calls (the test client's
    login(), management commands) fall through to the next backend instead of failing:
    they cannot be brute-forced over HTTP. Every login form passes the request, so every
    HTTP login is counted and refused while locked out."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def normalised_login(request, credentials):
    """The login as axes counts it: emails compare case-insensitively, so "An@X.vn" and
    "an@x.vn" share one failure counter."""
    login = (credentials or {}).get("username") or (credentials or {}).get("email") or ""
    return login.strip().lower()


def lockout_response(request, credentials=None):
    """The page a locked-out visitor sees (HTTP 429), in their language."""
    from django.conf import settings
    from django.shortcuts import render
    from django.urls import reverse

    cooloff = settings.AXES_COOLOFF_TIME
    minutes = int(cooloff.total_seconds() // 60) if cooloff else 0
    return render(
        request,
        "security/lockout.html",
        {"cooloff_minutes": minutes, "password_reset_url": reverse("wagtailadmin_password_reset")},
        status=429,
    )
