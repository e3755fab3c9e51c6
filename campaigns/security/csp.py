"""The Content-Security-Policy: one strict policy (settings.CONTENT_SECURITY_POLICY, no
inline or eval script) for the site, plus CSP_ADMIN_UPDATE merged in on the admin paths
only, for what Wagtail's and Django's admin scripts need.

The header depends only on the settings and on which of those path prefixes a request falls
under, unless a view asked for a nonce or set its own policy (django-csp's decorators): so it
is built once per kind of path and reused, instead of being rebuilt for every response. The
nonce each request may use is made the quick way (config/hot.py), the header written as
checked once (config/hot.py: default_header), and django-csp's two methods run from one
synchronous `__call__`.

The other security headers, whose values only the settings decide, are written here the same
way: what Django's SecurityMiddleware (X-Content-Type-Options, Referrer-Policy,
Cross-Origin-Opener-Policy, Strict-Transport-Security over https) and XFrameOptionsMiddleware
add, as they add it, built once per process by those middleware themselves on an empty
response. Both stay in MIDDLEWARE, outside this one (Django's deploy checks look for them by
name, and they still cover any response this layer does not see or leaves alone); they find
the headers present and have nothing left to write."""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware

from config.hot import QuickLazy, checked_header, default_header, hot_settings

# What django-csp's decorators set on a response to change its policy.
_PER_RESPONSE = frozenset(("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                 "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro"))


def _prefixes():
    """Every path prefix the policy depends on (admin, per-path updates, exclusions)."""
    found = [*settings.CSP_ADMIN_PREFIXES, *settings.CSP_PATH_UPDATES]
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"):
        found += (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
    return tuple(dict.fromkeys(found))


# What request.csp_nonce is once the header is written: django-csp makes a new one per
# response; this one raises the same error on every use and is never filled, so one serves all.
_SPENT_NONCE = CheckableLazyObject(CSPMiddleware._csp_nonce_post_response)


class _Nonce(QuickLazy, CheckableLazyObject):
    """django-csp's lazy nonce (request.csp_nonce), made for less (config/hot.py)."""


class PolicyMiddleware(CSPMiddleware):
    async_capable = False  # one synchronous call per request, like the project's own layers

    def __init__(self, get_response):
        super().__init__(get_response)
        self._built = {}  # kind of path (the prefixes it starts with) -> ((header, value), ...)
        self._prefixes = _prefixes()  # read once, like the headers, for this stack's settings

    def __call__(self, request):
        # django-csp's process_request, then its process_response (below).
        request.csp_nonce = _Nonce(self._make_nonce, request)
        return self.process_response(request, self.get_response(request))

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        extra = {}
        if request.path_info.startswith(tuple(settings.CSP_ADMIN_PREFIXES)):
            extra = settings.CSP_ADMIN_UPDATE
        for prefix, allowances in settings.CSP_PATH_UPDATES.items():
            if request.path_info.startswith(prefix):
                extra = {**extra, **allowances}
        if extra:
            update = dict(parts.update or {})
            for directive, sources in extra.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts

    def process_response(self, request, response):
        # django-csp stores the nonce a template used as request._csp_nonce (read without the
        # AttributeError most requests, which use none, would raise inside getattr).
        if (request.__dict__.get("_csp_nonce") is not None or not _PER_RESPONSE.isdisjoint(vars(response))
                or (response.status_code in (404, 500) and hot_settings.DEBUG
                    and not getattr(response, "site_error_page", False))):
            # django-csp leaves 404s and 500s bare under DEBUG, for Django's technical pages; the
            # site's own error pages (config/errors.py) carry the policy like any page.
            return super().process_response(request, response)
        path = request.path_info
        # Most paths start with none of the prefixes: one C call says so.
        key = tuple(prefix for prefix in self._prefixes if path.startswith(prefix)) if path.startswith(self._prefixes) else ()
        built = self._built.get(key)
        if built is None:
            probe = HttpResponse()  # for the headers alone
            super().process_response(request, probe)
            built = self._built[key] = tuple(checked_header(name, probe[name]) for name in (HEADER, HEADER_REPORT_ONLY)
                                             if probe.get(name))
        for checked in built:
            default_header(response, checked)  # a policy the view set itself stays
        request.csp_nonce = _SPENT_NONCE
        secure = hot_settings.SECURE_HSTS_SECONDS and request.is_secure()
        for checked in self._fixed[bool(secure)]:
            default_header(response, checked)  # as Django's setdefault: a header the view set stays
        if not response.__dict__.get("xframe_options_exempt") and self._frame_options:
            default_header(response, self._frame_options)
        return response

    @functools.cached_property
    def _fixed(self):
        """{secure?: the headers Django's SecurityMiddleware adds to every response}: what it
        adds to an empty response, for an http and an https request, checked once."""
        answers = {}
        for secure in (False, True):
            probe = HttpResponse()
            del probe["Content-Type"]
            SecurityMiddleware(_unused).process_response(_Probe(secure), probe)
            answers[secure] = tuple(checked_header(name, value) for name, value in probe.items())
        return answers

    @functools.cached_property
    def _frame_options(self):
        """X-Frame-Options as Django's XFrameOptionsMiddleware writes it, checked once."""
        probe = HttpResponse()
        XFrameOptionsMiddleware(_unused).process_response(_Probe(False), probe)
        return checked_header("X-Frame-Options", probe["X-Frame-Options"]) if "X-Frame-Options" in probe else None


def _unused(request):
    raise AssertionError("only process_response is used")


class _Probe(HttpRequest):
    """A request that is over https or not: all those two middleware ask of one."""

    def __init__(self, secure):
        super().__init__()
        self._secure = secure

    def is_secure(self):
        return self._secure
