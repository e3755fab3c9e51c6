"""Rate limits on the forms attackers hammer: login, sign-up, registration, newsletter
subscription, 2FA codes. Counted in Django's cache (Redis in production, the shared file
cache on one machine), so every web process shares the counters, over a sliding window: the
attempts of the current fixed window plus those of the one before, weighed by how much of it
still lies within the last period. Fixed windows alone would let a burst at the end of one
window and another at the start of the next through: twice the limit within seconds.

Why not django-ratelimit: it refuses the file and local-memory caches our zero-setup and
test configurations use, and the part we need is these few lines.

Use on a view (function or, through method_decorator, a class-based view):

    @rate_limit("newsletter", rate="5/10m", key="ip")
    def subscribe(request): ...

Only the listed methods count (POST by default), so showing a form is never limited."""

import functools
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """ "5/10m" → (5, 600); "20/h" → (20, 3600)."""
    count, _sep, period = rate.partition("/")
    number = "".join(ch for ch in period if ch.isdigit()) or "1"
    unit = period[len(number) if period[:1].isdigit() else 0 :] or "s"
    return int(count), int(number) * _UNITS[unit]


def client_ip(request):
    """The client's address: REMOTE_ADDR, or when TRUSTED_PROXY_COUNT proxies sit in front,
    the address the outermost trusted proxy saw (never a client-supplied header alone)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _identity(request, key):
    if callable(key):
        return str(key(request))
    user = getattr(request, "user", None)
    user_part = f"u{user.pk}" if user is not None and user.is_authenticated else ""
    if key == "user":
        return user_part or client_ip(request)
    if key == "ip+user":
        return f"{client_ip(request)}|{user_part}"
    return client_ip(request)


def hit(request, group, *, rate, key="ip"):
    """Count one attempt. 0 while the attempts of the last period (this one included, and
    those already refused) are within the limit; otherwise the whole seconds until one more
    attempt would be accepted, if none is made before (the answer's Retry-After)."""
    if not getattr(settings, "RATELIMIT_ENABLED", True):
        return 0
    limit, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    elapsed = now - window * period
    prefix = f"rl:{group}:{_identity(request, key)}:"
    cache_key = f"{prefix}{window}"
    count, earlier = _count(cache_key, f"{prefix}{window - 1}", timeout=2 * period + 5)
    # The previous window weighs by the share of it still within the last `period` seconds.
    if count + earlier * (1 - elapsed / period) <= limit:
        return 0
    return _wait(limit, period, elapsed, count, earlier)


def _count(cache_key, previous_key, *, timeout):
    """One more attempt in this window's counter (kept through the next window, which weighs
    it) and the previous window's count. On Redis, one round trip (config/cache.py
    count_in_window); on other caches (the file cache of the zero-setup run), add, incr, get."""
    counter = getattr(cache, "count_in_window", None)
    counts = counter(cache_key, previous_key, timeout) if counter is not None else None
    if counts is not None:
        return counts
    cache.add(cache_key, 0, timeout=timeout)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr, or the cache is unreachable and the
        # limit fails open (config/cache.py; axes still locks logins out from the database)
        cache.set(cache_key, 1, timeout=timeout)
        count = 1
    return count, cache.get(previous_key) or 0


def _wait(limit, period, elapsed, count, earlier):
    """Seconds from now until an attempt would be within the limit: later in this window, once
    enough of the previous one has slid out (count + 1 + earlier × its weight ≤ limit), or in
    the next, where this window's `count` is the one that weighs (1 + count × weight ≤ limit)."""
    if earlier and count + 1 <= limit:
        at = period * (1 - (limit - count - 1) / earlier)
    else:
        at = period + period * max(0.0, 1 - (limit - 1) / count)
    return max(1, math.ceil(at - elapsed))


def too_many_requests(request, *, retry_after):
    response = render(
        request,
        "security/rate_limited.html",
        {"message": _("Bạn thao tác quá nhiều lần. Vui lòng thử lại sau ít phút.")},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(group, *, rate, key="ip", methods=("POST",)):
    """Decorator: answer 429 (with a Vietnamese page) once `rate` is exceeded for `group`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            wait = hit(request, group, rate=rate, key=key) if request.method in methods else 0
            if wait:
                return too_many_requests(request, retry_after=wait)
            return view(request, *args, **kwargs)

        wrapped.rate_limit = (group, rate)
        return wrapped

    return decorator


class RateLimitMiddleware:
    """Applies settings.RATE_LIMITS ({url name: (group, rate, key)}) to views we do not
    write ourselves (Wagtail's and Django's login, password reset), by URL name, on POST."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None:
            return None
        rule = settings.RATE_LIMITS.get(match.view_name)
        if rule is None:
            return None
        group, rate, key = rule
        wait = hit(request, group, rate=rate, key=key)
        if wait:
            return too_many_requests(request, retry_after=wait)
        return None
