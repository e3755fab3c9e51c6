"""Whole-response cache for anonymous visitors of the public site.

A response is stored only when Wagtail served a page (or a cms view opted in) to a visitor
with no session cookie, and the response set no cookie. Entries carry the site generation
they were made in; publishing, unpublishing, moving or deleting a page (and editing a topic
or author) bumps the generation, which purges every entry at once: lists, feeds and the
sitemap depend on many pages, so a targeted purge would miss some."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

GENERATION_KEY = "cms:pages:generation"
_EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/healthz", "/i18n/")


def _cache():
    return caches[getattr(settings, "CMS_PAGE_CACHE_ALIAS", "default")]


def _timeout():
    return getattr(settings, "CMS_PAGE_CACHE_SECONDS", 300)


def mark_cacheable(request):
    """Let the middleware store this request's response for anonymous visitors."""
    request._cms_cacheable = True


def purge():
    """Invalidate every cached page by moving to a new generation."""
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return "cms:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _is_candidate(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_EXCLUDED_PREFIXES)
        and getattr(settings, "CMS_PAGE_CACHE_SECONDS", 300) > 0
    )


class AnonymousPageCacheMiddleware:
    """Serve anonymous page views from the cache; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_candidate(request):
            return self.get_response(request)
        cache, key = _cache(), _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY, 0)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in ("x-page-cache",)]
            cache.set(key, (generation, response.status_code, headers, response.content), _timeout())
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request, response):
        user = getattr(request, "user", None)
        return (
            request.method == "GET"
            and getattr(request, "_cms_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (user is not None and user.is_authenticated)
        )
