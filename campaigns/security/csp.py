"""The Content-Security-Policy: one strict policy (settings.CONTENT_SECURITY_POLICY, no
inline or eval script) for the site, plus CSP_ADMIN_UPDATE merged in on the admin paths
only, for what Wagtail's and Django's admin scripts need."""

from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings


class PolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # django-csp leaves every 404 and 500 bare under DEBUG (for Django's technical pages);
        # the site's own error pages (config/errors.py) carry the policy like any page.
        if settings.DEBUG and getattr(response, "site_error_page", False) and HEADER not in response:
            parts = self.get_policy_parts(request=request, response=response)
            policy = build_policy(**asdict(parts))
            if policy:
                response[HEADER] = policy
            return response
        return super().process_response(request, response)

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
