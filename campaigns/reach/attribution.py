"""The campaign a registration came from, without a tracking cookie.

The campaign travels in the URL: a campaign's links carry `?cd=<slug>` (and the email
redirector adds `&cdm=email`), and a page opened with it carries it on its own links
(propagate.py), so it reaches the course page, the log-in or sign-up page and the
registration form. Once the visitor has a Django session anyway (she logged in or signed
up, with the parameter in the address), the campaign is also remembered in that session
(key "reach_campaign"), since the log-in may send her back to a page without it. No session
is ever started for this, and a visitor who sent `DNT: 1` or `Sec-GPC: 1` is not attributed.

When a registration is made inside one of REGISTRATION_VIEWS with a campaign known,
a RegistrationSource row records it (the last campaign followed wins)."""

import contextvars

from django.conf import settings
from django.db.models.signals import post_save

from . import hooks, params, privacy

SESSION_KEY = "reach_campaign"
REGISTRATION_VIEWS = frozenset({"training:register", "training_api:registration-list"})

_current = contextvars.ContextVar("reach_campaign", default=None)


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES and hasattr(request, "session")


def _from_session(request):
    if not _has_session(request):
        return "", ""
    value = request.session.get(SESSION_KEY)
    if isinstance(value, list | tuple) and len(value) == 2:
        campaign = params.clean_campaign(value[0])
        if campaign:
            return campaign, "email" if value[1] == "email" else "page"
    return "", ""


def may_carry_campaign(request):
    """False when the query string cannot hold the campaign parameter (no "cd=", nothing
    percent-encoded that could spell it): most requests, which then neither parse their
    query string nor look at the session for a campaign."""
    query = request.META.get("QUERY_STRING")
    return bool(query) and (f"{params.CAMPAIGN}=" in query or "%" in query)


def leave(request):
    """After a request (PageMarkMiddleware): the campaign a registration view made current
    stops being current, and, when the visitor has a session, the session remembers the
    campaign the request carried."""
    token = request.__dict__.pop("_reach_token", None)
    if token is not None:
        _current.reset(token)
    if not may_carry_campaign(request):
        return
    campaign, via = params.from_query(request.GET)
    if not campaign or not hasattr(request, "session") or privacy.opted_out(request):
        return
    if settings.SESSION_COOKIE_NAME in request.COOKIES or request.session.modified:
        if request.session.get(SESSION_KEY) != [campaign, via]:
            request.session[SESSION_KEY] = [campaign, via]


def enter_view(request):
    """Before a registration view runs: make its campaign the current one (until `leave`)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in REGISTRATION_VIEWS or privacy.opted_out(request):
        return
    campaign, via = params.from_query(request.GET)
    if not campaign:
        campaign, via = _from_session(request)
    if campaign:
        token = _current.set((campaign, via))
        request.__dict__.setdefault("_reach_token", token)


def current():
    """(campaign, via) of the registration view running now, or None."""
    return _current.get()


def record(sender, instance, created, raw=False, **kwargs):
    """post_save of a Registration inside a registration view with a campaign: record it."""
    source = current()
    if raw or source is None:
        return
    from .models import RegistrationSource

    campaign, via = source
    if campaign not in hooks.known_campaigns({campaign}):
        return
    RegistrationSource.objects.update_or_create(registration=instance, defaults={"campaign": campaign, "via": via})


def connect():
    post_save.connect(record, sender="training.Registration", dispatch_uid="reach-registration-source")
