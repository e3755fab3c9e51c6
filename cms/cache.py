"""What the public site keeps in the cache for anonymous visitors, and when it is dropped.

Two layers share one *site generation*, a counter in the cache (cms/generation.py):

- the whole-response cache: a response is stored only when Wagtail served a page (or a cms
  view opted in) to a visitor with no session cookie, and the response set no cookie; each
  process also keeps the pages it served in memory, for as long as its watcher vouches for
  the generation (`_LocalPages`), so a hot page costs no round trip;
- fragments of pages (menus, meta tags, related articles, listings; see
  cms/templatetags/cms_fragments.py) and the route of each URL (cms/routes.py), used when a
  page is rendered for an anonymous visitor, so a page missing from the response cache (or
  with that cache switched off) is still cheap to render.

Every entry carries or is keyed by the generation it was made in. Publishing, unpublishing,
moving or deleting a page, editing a topic, an author, an image, a site or a privacy
setting bumps the generation (cms/signals.py), which drops every entry at once: lists,
feeds and the sitemap depend on many pages, so a targeted purge would miss some.

A request takes the generation once, before it loads any page (the middleware's lookup or
`process_view`), so content loaded before a publish can never be stored under the
generation that follows it. Each process keeps the counter in memory, kept current by a
watcher (cms/generation.py), so a warm anonymous page view needs neither the database nor
the cache server. Signed-in users and previews (Wagtail's dummy requests) never get a
cached page, fragment or remembered route."""

import functools
import hashlib
import time

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import override

from cms.generation import GENERATION_KEY, purge, read, shared_cache, watched
from cms.generation import current as generation
from config.hot import hot_settings
from config.middleware import language_from_path

__all__ = ["GENERATION_KEY", "generation", "purge", "shared_cache"]

_EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/static/", "/media/", "/documents/", "/healthz", "/i18n/")


# The views that may store their answer (they call mark_cacheable): Wagtail's pages, search,
# feeds, robots.txt and the sitemap. Only a URL that resolves to one of them is looked up in
# the shared cache, so every other anonymous GET (courses, the API, the health check) costs no
# cache round trip.
CACHEABLE_VIEWS = frozenset({
    "wagtail_serve", "cms_search", "robots_txt", "sitemap_xml",
    "cms_feeds:rss", "cms_feeds:atom", "cms_feeds:topic_rss", "cms_feeds:topic_atom",
})


def may_be_cached(request):
    """Whether this URL is served by a view that may store its answer (CACHEABLE_VIEWS).
    Resolved as Django will resolve it, under the language LocaleMiddleware is about to
    choose from the path (config/middleware.py), not whichever the thread's previous
    request left active. The answer depends only on the path, the URLconf and that
    language (the path and the settings decide it), so the last 2,000 are remembered: a
    full resolve per request cost as much as the rest of this middleware."""
    return _cacheable_view(request.path_info, getattr(request, "urlconf", None) or hot_settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=2000)
def _cacheable_view(path, urlconf):
    try:
        with override(language_from_path(path) or settings.LANGUAGE_CODE):
            return resolve(path, urlconf).view_name in CACHEABLE_VIEWS
    except Resolver404:
        return False


@receiver(setting_changed)
def _forget_views(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _cacheable_view.cache_clear()


def _timeout():
    return getattr(settings, "CMS_PAGE_CACHE_SECONDS", 300)


def fragment_timeout():
    """How long fragments, routes and pages stay cached (0: not at all)."""
    return settings.CMS_FRAGMENT_CACHE_SECONDS


def mark_cacheable(request):
    """Let the middleware store this request's response for anonymous visitors."""
    request._cms_cacheable = True


def is_anonymous_read(request):
    """A GET/HEAD of the public site by a visitor with no session: what every anonymous
    visitor of this URL sees, so it may come from, and go to, the shared cache. Never a
    preview (Wagtail's previews are dummy requests to the page's URL)."""
    return (
        request.method in ("GET", "HEAD")
        and hot_settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(_EXCLUDED_PREFIXES)
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
    )


def fragment_key(request, name, vary):
    """The key of fragment `name` of this request, or None when the request must be
    rendered afresh (signed in, preview, not a read). Host and language are part of it."""
    if request is None:
        return None
    base = getattr(request, "_cms_fragment_base", None)
    if base is None:
        base = request._cms_fragment_base = _fragment_base(request)
    if not base:
        return None
    return (*base, name, *(str(part) for part in vary))


def _fragment_base(request):
    from django.utils.translation import get_language

    user = getattr(request, "user", None)
    if (not is_anonymous_read(request) or fragment_timeout() <= 0
            or (user is not None and user.is_authenticated)):
        return ()
    return ("fragment", request.get_host(), get_language() or "")


def _shared_fragment_key(request, key):
    return f"cms:fragment:{generation(request)}:" + hashlib.sha256("|".join(key).encode()).hexdigest()


class _Local:
    """This process's copy of what it has cached for the current generation (fragments,
    routes, pages): found here, it costs no round trip. Dropped whole when the generation
    moves on, when it holds MAX_ENTRIES or when it is older than the fragment timeout (a
    bound for anything a purge might miss)."""

    MAX_ENTRIES = 2000

    def __init__(self):
        self.current = (None, 0.0, {})  # (generation, started, entries), replaced as one

    def for_generation(self, generation):
        held, started, entries = self.current
        now = time.monotonic()
        if held != generation or len(entries) >= self.MAX_ENTRIES or now - started > fragment_timeout():
            entries = {}
            self.current = (generation, now, entries)
        return entries


_local = _Local()


def local_entries(request):
    """This process's entries for the request's generation: a dict to read and fill (a
    throwaway one while the cache is unreachable and the generation unknown)."""
    current = generation(request)
    return {} if current is None else _local.for_generation(current)


def get_fragment(request, key):
    """The cached content of fragment `key` (from fragment_key), or None."""
    entries = local_entries(request)
    content = entries.get(key)
    if content is None:
        content = shared_cache().get(_shared_fragment_key(request, key))
        if content is not None:
            entries[key] = content
    return content


def set_fragment(request, key, content):
    local_entries(request)[key] = content
    shared_cache().set(_shared_fragment_key(request, key), content, fragment_timeout())


class _LocalPages:
    """This process's copy of the whole responses it served from, or stored in, the shared
    cache, kept for the generation the watcher vouches for (cms/generation.py `watched`): a
    hot page then costs no round trip, as its fragments and route already do. An entry is put
    and found only under that generation, so a purge anywhere drops the copy as soon as the
    watcher hears of it (and without a watcher, with any cache but Redis, nothing is kept).
    Dropped whole when the generation moves on, when it would hold more than MAX_BYTES of
    content, or when older than the page timeout; a page larger than MAX_BYTES / 8 is not
    kept."""

    MAX_BYTES = 8 * 1024 * 1024

    def __init__(self):
        self.clear()

    def clear(self):
        self.current = (None, 0.0, {}, [0])  # (generation, started, entries, bytes held), replaced as one

    def get(self, generation, key):
        held, started, entries, _ = self.current
        if generation is None or held != generation or time.monotonic() - started > _timeout():
            return None
        return entries.get(key)

    def put(self, generation, key, entry):
        size = len(entry[3])
        if generation is None or entry[0] != generation or size > self.MAX_BYTES // 8:
            return
        held, started, entries, held_bytes = self.current
        now = time.monotonic()
        grows = size - len(entries[key][3]) if key in entries else size
        if held != generation or held_bytes[0] + grows > self.MAX_BYTES or now - started > _timeout():
            entries, held_bytes, grows = {}, [0], size
            self.current = (generation, now, entries, held_bytes)
        held_bytes[0] += grows
        entries[key] = entry


_local_pages = _LocalPages()


def _hit(entry):
    _, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return "cms:page:" + hashlib.sha256(raw.encode()).hexdigest()


@functools.cache
def _wagtail_serve():
    """Wagtail's page view, imported once (not at module level: it needs the app registry),
    instead of by an import statement on every request's view."""
    from wagtail.views import serve

    return serve


class AnonymousPageCacheMiddleware:
    """Serve anonymous page views from the cache; remember the routes of the pages Wagtail
    served (cms/routes.py). See the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_be_cached(request) or not is_anonymous_read(request):  # the cheaper first
            return self.get_response(request)
        if _timeout() <= 0:
            response = self.get_response(request)
            self._remember_route(request, response)
            return response
        key, vouched = _key(request), watched()
        entry = _local_pages.get(vouched, key)
        if entry is not None:  # this process served or stored it in this generation: no round trip
            request.cms_generation = vouched
            return _hit(entry)
        cache = shared_cache()
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = read(cache)
        if generation is None:  # the cache is unreachable: render afresh, store nothing
            return self.get_response(request)
        request.cms_generation = generation
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _local_pages.put(vouched, key, entry)
            return _hit(entry)
        response = self.get_response(request)
        self._remember_route(request, response)
        if self._storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in ("x-page-cache",)]
            entry = (generation, response.status_code, headers, response.content)
            cache.set(key, entry, _timeout())
            _local_pages.put(vouched, key, entry)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Before Wagtail routes a page view: for an anonymous one, read the generation
        and hand Wagtail the page when this URL's route is known; otherwise find the page
        in three queries (cms/routes.py)."""
        if view_func is _wagtail_serve():
            from cms import routes

            path = view_kwargs.get("path", view_args[0] if view_args else "")
            if is_anonymous_read(request) and fragment_timeout() > 0:
                generation(request)  # first, before any page is loaded
                routes.prepare(request, path)
            routes.find(request, path)  # unless prepare gave Wagtail the page
        return None

    @staticmethod
    def _remember_route(request, response):
        if getattr(request, "_cms_route", None) is not None and response.status_code == 200:
            from cms import routes

            routes.remember(request)

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
