"""The site's own error pages (config/errors.py): a Vietnamese 404 in the site's layout, with
the CSP, in production and in the development run (DEBUG) alike; Django's technical 404 (it
lists the URL patterns) only when a developer asks with DEBUG_TECHNICAL_ERRORS; a Vietnamese
500 page that renders without the database."""

import pytest
from django.test import Client, RequestFactory
from django.views import defaults

MISSING = ["/khong-co-trang-nay/", "/dao-tao/lop/khong-co/", "/tep.php", "/en/no-such-page/"]


def _assert_site_404(response):
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html or "Page not found" in html
    assert 'class="site-header"' in html and "site.css" in html
    assert "URLconf" not in html and "urlpatterns" not in html
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_missing_pages_show_the_site_404(settings, debug):
    settings.DEBUG = debug
    settings.DEBUG_TECHNICAL_ERRORS = False
    client = Client()
    for path in MISSING:
        response = client.get(path, follow=True)
        _assert_site_404(response)
    assert "Không tìm thấy trang" in client.get("/khong-co-trang-nay/").content.decode()


@pytest.mark.django_db
def test_a_view_raising_404_under_debug_shows_the_site_404(settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_ERRORS = False
    _assert_site_404(Client().get("/dao-tao/lop/999999/"))


@pytest.mark.django_db
def test_the_technical_page_only_when_asked_for(settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_ERRORS = True
    response = Client().get("/tep.php")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()


def test_the_500_page_is_vietnamese_and_needs_no_database():
    # No database access is allowed in this test: any query would fail it.
    response = defaults.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Có lỗi xảy ra" in html and "site.css" in html and 'lang="vi"' in html
    assert "Server Error" not in html
