"""Two middlewares (config/settings/base.py places them):

- `CountingMiddleware`, before the anonymous page cache, sees every response, the cached
  ones too, and counts one view per GET answered 200 with HTML by a public page: a Wagtail
  page or a public view named in REACH_COUNTED_VIEWS, as `PageMarkMiddleware` marked it (the
  mark travels inside the cached response and is taken off here: visitors never see it).
  With a campaign parameter it also counts the arrival from that campaign, and carries the
  parameter on the page's links (propagate.py). It sets no cookie and keeps nothing of the
  request but the path.
- `PageMarkMiddleware`, inside the page cache and after the session middleware, marks the
  response of a counted view (a Wagtail page's with its page id), and carries the visitor's campaign to the
  registration she makes (attribution.py)."""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from config.hot import header

from . import attribution, counting, params, privacy, propagate

MARK = "X-Reach-Page"
_MARK_KEY = MARK.lower()
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/api/", "/healthz",
                     "/i18n/", "/r/")
COUNTED_VIEWS = frozenset({"cms_search", "training:runs", "training:course", "training:run"})


@functools.cache
def counted_views():
    """settings.REACH_COUNTED_VIEWS or COUNTED_VIEWS, read once (a missing setting costs an
    exception per read; PageMarkMiddleware asks on every response)."""
    return getattr(settings, "REACH_COUNTED_VIEWS", COUNTED_VIEWS)


@receiver(setting_changed)
def _forget_counted_views(*, setting, **kwargs):
    if setting == "REACH_COUNTED_VIEWS":
        counted_views.cache_clear()


def _is_html(response):
    return response.get("Content-Type", "").startswith("text/html") and not response.streaming


class CountingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        mark = header(response, _MARK_KEY)
        if mark is not None:
            del response[MARK]
        if mark is None or request.method != "GET" or response.status_code != 200 or not _is_html(response):
            return response
        path = request.path
        if path.startswith(EXCLUDED_PREFIXES) or not privacy.countable_visitor(request):
            return response
        counting.count_view(path, int(mark) or None)
        if f"{params.CAMPAIGN}=" not in request.META.get("QUERY_STRING", ""):
            return response
        campaign, via = params.from_query(request.GET)
        if campaign:
            counting.count_referral(campaign, path)
            propagate.carry(response, campaign, via)
        return response


class PageMarkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            attribution.leave(request)  # attribution.journey, without a generator per request
        if response.status_code == 200:
            page_id = request.__dict__.get("reach_page_id")  # set by a page's serve (wagtail_hooks.py)
            if page_id is not None:
                response[MARK] = str(page_id)
            else:
                match = getattr(request, "resolver_match", None)
                if match is not None and match.view_name in counted_views():
                    response[MARK] = "0"  # a counted view that is not a Wagtail page
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        attribution.enter_view(request)
        return None
