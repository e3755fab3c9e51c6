"""The Content-Security-Policy: one strict policy (settings.CONTENT_SECURITY_POLICY, no
inline or eval script) for the site, plus CSP_ADMIN_UPDATE merged in on the admin paths
only, for what Wagtail's and Django's admin scripts need.

The header depends only on the settings and on which of those path prefixes a request falls
under, unless a view asked for a nonce or set its own policy (django-csp's decorators): so it
is built once per kind of path and reused, instead of being rebuilt for every response."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from django.conf import settings
from django.http import HttpResponse

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


class PolicyMiddleware(CSPMiddleware):
    def __init__(self, get_response):
        super().__init__(get_response)
        self._built = {}  # kind of path (the prefixes it starts with) -> (header, report-only header)
        self._prefixes = _prefixes()  # read once, like the headers, for this stack's settings

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
        if (getattr(request, "_csp_nonce", None) is not None or not _PER_RESPONSE.isdisjoint(vars(response))
                or (response.status_code in (404, 500) and settings.DEBUG
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
            built = self._built[key] = (probe.get(HEADER), probe.get(HEADER_REPORT_ONLY))
        for header, value in zip((HEADER, HEADER_REPORT_ONLY), built, strict=True):
            if value and header not in response:
                response[header] = value
        request.csp_nonce = _SPENT_NONCE
        return response
