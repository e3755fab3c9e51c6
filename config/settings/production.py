"""Production: PostgreSQL, Redis and SMTP from the environment; no secret has a default,
so a missing one stops start-up with a message that names it.

Values derived from others (WAGTAILADMIN_BASE_URL from SITE_URL, SERVER_EMAIL from
DEFAULT_FROM_EMAIL, SECURE_PROXY_SSL_HEADER from TRUSTED_PROXY_COUNT) are computed once, in
base.py and its components; this file only requires and checks what production must be given,
and sets production's own policy (HTTPS, secure cookies)."""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email

from .base import *  # noqa: F403
from .base import DEFAULT_FROM_EMAIL, SILENCED_SYSTEM_CHECKS, SITE_URL, env


def _required(name):
    value = env.str(name, default="")
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set in production (see .env.example)."
        )
    return value


def _check_site_url(value):
    """The public address, as people reach it: scheme and host, no path (base.py has already
    dropped a trailing slash)."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path or parts.query:
        raise ImproperlyConfigured(f"SITE_URL must be the site's public address, such as https://phunu.example.gov.vn (got {value!r}).")


def _check_from_email(value):
    """A sender mail servers accept: an address whose domain has a dot ("Name <user@domain.tld>")."""
    address = parseaddr(value)[1]
    try:
        validate_email(address)
    except ValidationError:
        address = ""
    if not address or "." not in address.rsplit("@", 1)[-1]:
        raise ImproperlyConfigured(f"DEFAULT_FROM_EMAIL must be a real sender address, such as \"Ban tổ chức <no-reply@phunu.example.gov.vn>\" (got {value!r}).")


DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Given, and well formed (base.py read them and derived what follows from them).
_required("SITE_URL")
_check_site_url(SITE_URL)
_required("DEFAULT_FROM_EMAIL")
_check_from_email(DEFAULT_FROM_EMAIL)

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's live preview frames the site's own pages, so framing is allowed from the same
# origin only; the deploy check that asks for DENY is silenced for that reason alone.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]

# --- Security -----------------------------------------------------------------------
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
