"""The cms's own views: search, robots.txt and the sitemap (pages are served by Wagtail)."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from campaigns.text import nfc
from cms import cache, search
from cms.models import SearchKind
from cms.pagination import paginate
from cms.sitemap import AllLocalesSitemap

RESULTS_PER_PAGE = 10


@require_GET
def search_view(request):
    """Search results for ?q=, ranked and paginated, matched words highlighted. Public."""
    query = nfc(request.GET.get("q", ""))[: search.MAX_QUERY_LENGTH]
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    terms, entries = search.search(query, language=language)
    results = paginate(request, entries, per_page=RESULTS_PER_PAGE)
    kinds = dict(SearchKind.choices)
    for entry in results:
        entry.kind_label = kinds.get(entry.kind, "")
        entry.title_html = search.highlight(entry.title, terms)
        entry.excerpt_html = search.highlight(entry.summary or entry.text, terms, limit=40)
    cache.mark_cacheable(request)
    return render(request, "cms/search.html", {
        "search_query": query, "terms": terms, "results": results,
        "total": results.paginator.count if terms else 0,
    })


@require_GET
def robots_txt(request):
    """Crawlers may read the public site, not the admin; the sitemap is named."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /ban-tin/huy/",
        "Disallow: /ban-tin/xac-nhan/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    cache.mark_cacheable(request)
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_xml(request):
    cache.mark_cacheable(request)
    return wagtail_sitemap(request, sitemaps={"pages": AllLocalesSitemap})
