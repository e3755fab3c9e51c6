"""The Content-Security-Policy: one strict policy (settings.CONTENT_SECURITY_POLICY, no
inline or eval script) for the site, plus CSP_ADMIN_UPDATE merged in on the admin paths
only, for what Wagtail's and Django's admin scripts need."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class PolicyMiddleware(CSPMiddleware):
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
