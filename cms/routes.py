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
import functools

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from cms import cache, compiled


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


@functools.cache
def _routes_by_url_path():
    """Whether every page type routes like Wagtail's Page (a child per URL segment, the last
    one served when live): only then may a URL be looked up by its url_path."""
    from wagtail.models import get_page_models

    return all(model.route is Page.route for model in get_page_models())


def _site(request):
    """Wagtail's Site.find_for_request, with the root page's locale in the same query."""
    from django.db.models import Case, IntegerField, Q, When
    from django.http.request import split_domain_port
    from wagtail.models import Site
    from wagtail.models.sites import MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT

    if not hasattr(request, "_wagtail_site"):
        hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
        sites = compiled.rows(("routes.site", hostname, port), lambda: (
            Site.objects.annotate(match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME, output_field=IntegerField(),
            )).filter(Q(hostname=hostname) | Q(is_default_site=True)).order_by("match")
            .select_related("root_page__locale")
        ))
        site = None
        if len(sites) == 1 or (sites and sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT)):
            site = sites[0]
        elif sites and sites[0].match == MATCH_DEFAULT:
            site = sites[len(sites) == 2]
        request._wagtail_site = site
    return request._wagtail_site


def find(request, path):
    """Give Wagtail the page of this URL found in three queries whatever its depth: the
    site (with its root page), the page by its url_path, the page's own type with what its
    template needs and whether anything restricts it (cms/privacy.py); the page's parent
    comes with the second. Wagtail instead
    runs a query per URL segment and per page type, then two for the privacy check.

    Anything unusual is left to Wagtail's own routing, which then behaves as always: a
    language other than the site root's, a URL no page has, a page that is not live, a
    page type with its own `route`."""
    from wagtail.coreutils import get_supported_content_language_variant

    from cms.privacy import unrestricted

    if hasattr(request, "_wagtail_route_for_request") or not _routes_by_url_path():
        return
    site = _site(request)
    if site is None:
        return
    root = site.root_page
    try:
        language = get_supported_content_language_variant(get_language() or "")
    except LookupError:
        return
    if root.locale.language_code != language:
        return
    components = [component for component in path.split("/") if component]
    base, parent = root, None
    if components:  # the page and its parent (which the page's template may show) at once
        url = root.url_path + "/".join(components) + "/"
        parent_url = root.url_path + "".join(f"{component}/" for component in components[:-1])
        found = compiled.rows(("routes.paths", url, parent_url),
                              lambda: Page.objects.filter(url_path__in=[url, parent_url]))
        rows = {row.url_path: row for row in found}
        base, parent = rows.get(url), (root if len(components) == 1 else rows.get(parent_url))
        if base is None or len(rows) != (1 if len(components) == 1 else 2):
            return
    model = base.specific_class
    if model is None:
        return
    page = compiled.first(("routes.page", model, base.pk), lambda: (
        model.objects.select_related("locale", *getattr(model, "serve_select_related", ()))
        .annotate(_cms_unrestricted=unrestricted()).filter(pk=base.pk, live=True)[:1]))
    if page is None:
        return
    if parent is not None and page.path[: -page.steplen] == parent.path:
        page._cached_parent_obj = parent  # treebeard's own memo of get_parent()
    page.known_unrestricted = page._cms_unrestricted
    request._wagtail_route_for_request = RouteResult(page)

