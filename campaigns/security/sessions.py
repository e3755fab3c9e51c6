"""Sessions that expire: after SESSION_IDLE_TIMEOUT seconds without a request, and in any
case SESSION_COOKIE_AGE seconds after logging in (the session is re-saved at most once a
minute to record activity, which would otherwise push the cookie's age forward forever)."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.http import urlencode

LAST_SEEN = "_security_last_seen"
STARTED = "_security_started"


def may_be_signed_in(request):
    """False only when the request carries no session, so that Django's authentication
    middleware can only have found an anonymous user: the middleware that concern
    signed-in users then skip the request without loading the user."""
    session = getattr(request, "session", None)
    return session is None or session.session_key is not None


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_be_signed_in(request):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(STARTED, now)
            last_seen = session.get(LAST_SEEN, now)
            idle = settings.SESSION_IDLE_TIMEOUT
            if (idle and now - last_seen > idle) or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                return redirect(f"{settings.LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")
            if now - last_seen >= 60 or LAST_SEEN not in session:
                session[LAST_SEEN] = now
        return self.get_response(request)
