"""The page behind each public URL, remembered per process for one site generation.

Wagtail finds a page by walking the tree from the site's root, one query per URL segment
plus one per page to load its specific type, then two more for its privacy settings. Once
Wagtail has served a URL to an anonymous visitor, this module remembers which page it was
for the current generation (cms/cache.py: `local_entries`); the next anonymous view of
that URL loads that page once (with what its template needs) and, from then on, hands a
copy of it to Wagtail, which skips its own routing (`request._wagtail_route_for_request`,
Wagtail's per-request route cache). The page still goes through Wagtail's `serve`, its
`get_context` and its template on every view.

Only live pages without any view restriction (on themselves or an ancestor) are
remembered, so they also skip Wagtail's privacy check (SitePage.get_view_restrictions).
Whatever changes a live page or its privacy (publish, unpublish, move, delete, a
restriction added or removed) starts a new generation, which forgets every route."""

import copy

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from cms import cache


def _key(request, path):
    return "route", request.get_host(), get_language() or "", path


def prepare(request, path):
    """Give Wagtail the page of this URL when its route is known; otherwise mark the
    request so that `remember` records the route Wagtail finds."""
    entries = cache.local_entries(request)
    key = _key(request, path)
    known = entries.get(key)
    if known is None:
        request._cms_route = key
        return
    page = known.get("page")
    if page is None:
        model = ContentType.objects.get_for_id(known["content_type"]).model_class()
        related = getattr(model, "serve_select_related", ())
        page = model.objects.select_related(*related).filter(pk=known["pk"], live=True).first()
        if page is None:  # unpublished or deleted in a transaction that has not purged yet
            entries.pop(key, None)
            request._cms_route = key
            return
        page.known_unrestricted = True
        known["page"] = page
    request._wagtail_route_for_request = RouteResult(copy.copy(page))


def remember(request):
    """Record the route Wagtail found for this request's URL, when it is a live page
    without view restrictions."""
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is None:
        return
    page, args, kwargs = result
    if args or kwargs or not isinstance(page, Page) or not page.live:
        return
    if page.get_view_restrictions().exists():
        return
    cache.local_entries(request)[request._cms_route] = {"pk": page.pk, "content_type": page.content_type_id}
