"""With every cache off a page is found by its URL in three queries (cms/routes.find) and its
privacy is checked inside the queries (cms/privacy.py): what Wagtail would refuse is still
refused, and lists still leave private pages out."""

import pytest
from wagtail.models import PageViewRestriction

from .conftest import make_article


@pytest.fixture
def no_caches(settings):
    settings.CMS_PAGE_CACHE_SECONDS = 0
    settings.CMS_FRAGMENT_CACHE_SECONDS = 0


def test_a_page_in_a_restricted_section_still_asks_for_a_login(site, client, no_caches):
    article = make_article(site["news"], title="Bài nội bộ", slug="bai-noi-bo")
    assert client.get(article.url).status_code == 200
    PageViewRestriction.objects.create(page=site["news"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(article.url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_a_page_restricted_by_password_shows_the_password_form(site, client, no_caches):
    article = make_article(site["news"], title="Bài có mật khẩu", slug="bai-mat-khau")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="x-123")
    response = client.get(article.url)
    assert response.status_code == 200 and 'name="password"' in response.content.decode()


def test_unpublished_and_unknown_pages_are_not_found(site, client, no_caches):
    draft = make_article(site["news"], title="Bản nháp", slug="ban-nhap", live=False)
    assert client.get("/tin-tuc/ban-nhap/").status_code == 404
    assert client.get("/tin-tuc/khong-co/").status_code == 404
    assert draft.pk


def test_lists_leave_private_articles_out(site, client, no_caches):
    make_article(site["news"], title="Tin công khai", slug="tin-cong-khai")
    private = make_article(site["news"], title="Tin riêng tư", slug="tin-rieng-tu")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    home = client.get("/").content.decode()
    assert "Tin công khai" in home and "Tin riêng tư" not in home
