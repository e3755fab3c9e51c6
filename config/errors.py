"""The site's own error pages, in Vietnamese and in the site's look, and the rule that shows
them in development too.

- 404: templates/404.html, the site's layout (header, search, footer) with a way onward.
- 500: templates/500.html, standalone: it loads nothing from the database (Django renders it
  with no request context), only static files, so it shows even when the database is down.

With DEBUG on, Django answers a 404 with its technical page, which lists every URL pattern and
is exempt from the Content-Security-Policy. `SiteErrorPagesMiddleware` shows the site's 404
instead (with the CSP) unless a developer asks for the technical page with
DJANGO_DEBUG_TECHNICAL_ERRORS=1 (settings.DEBUG_TECHNICAL_ERRORS). Uncaught exceptions keep
Django's traceback page under DEBUG: that is what a developer needs from a crash."""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import Http404
from django.urls import Resolver404, get_urlconf, resolve
from django.views import defaults


def page_not_found(request, exception=None):
    """handler404: the site's 404 page, marked so the CSP middleware applies under DEBUG."""
    response = defaults.page_not_found(request, exception or Http404())
    response.site_error_page = True
    return response


def _showing_site_pages():
    return settings.DEBUG and not getattr(settings, "DEBUG_TECHNICAL_ERRORS", False)


class SiteErrorPagesMiddleware:
    """Under DEBUG (without DEBUG_TECHNICAL_ERRORS), answer "not found" with the site's 404:
    for a path no URL pattern matches (checked before the view, after LocaleMiddleware has
    chosen the language the i18n patterns resolve with) and for a view raising Http404.
    Does nothing when DEBUG is off: Django then uses handler404 itself (a process started
    with DEBUG off leaves this middleware out of its chain altogether)."""

    def __init__(self, get_response):
        if not settings.DEBUG:
            # Production: Django's handler404 already shows the site's page; leaving the
            # chain spares every request a layer that would do nothing.
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if _showing_site_pages():
            try:
                resolve(request.path_info, getattr(request, "urlconf", None) or get_urlconf())
            except Resolver404 as exc:
                return page_not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if _showing_site_pages() and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
