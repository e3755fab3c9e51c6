"""Page URLs remembered per process (cms/page_urls.py) are the ones Wagtail gives, and
follow a moved page and an edited site at once."""

from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, Site

from cms.models import ArticlePage

from .conftest import make_article


def wagtail_parts(page, request=None):
    return Page.get_url_parts(page, request)


def test_the_remembered_url_is_wagtails_in_each_language_with_and_without_a_request(site):
    article = make_article(site["news"], title="Địa chỉ", slug="dia-chi")
    request = RequestFactory().get("/")
    for language in ("vi", "en"):
        with translation.override(language):
            for asking in (None, request, None, request):  # computed, then remembered
                page = ArticlePage.objects.get(pk=article.pk)
                assert page.get_url_parts(asking) == wagtail_parts(page, asking)
    assert article.get_url_parts()[2] == "/tin-tuc/dia-chi/"


def test_a_moved_page_and_an_edited_site_get_their_new_url_at_once(site):
    article = make_article(site["news"], title="Di chuyển", slug="di-chuyen")
    assert ArticlePage.objects.get(pk=article.pk).full_url == "http://localhost/tin-tuc/di-chuyen/"
    article.slug = "da-chuyen"
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).full_url == "http://localhost/tin-tuc/da-chuyen/"
    Site.objects.filter(is_default_site=True).update(hostname="phunu.example.vn")
    Site.clear_site_root_paths_cache()
    assert ArticlePage.objects.get(pk=article.pk).full_url == "http://phunu.example.vn/tin-tuc/da-chuyen/"


def test_wagtails_per_request_root_paths_are_still_where_cms_page_urls_reads_them(site):
    """cms/page_urls.py reads Page._get_site_root_paths (Wagtail's private per-request copy)."""
    request = RequestFactory().get("/")
    roots = site["home"]._get_site_root_paths(request)
    assert request._wagtail_cached_site_root_paths is roots
    assert [root.root_path for root in roots] == [site["home"].url_path]
