"""Page views counted on the server, cached pages included, with no cookie and nothing that
identifies a visitor; robots and visitors who opted out are not counted; a flush writes each
count once."""

import pytest

from campaigns.reach import counting
from campaigns.reach.models import PathViewDay, ReferralDay

from .conftest import BROWSER


def views(path):
    row = PathViewDay.objects.filter(path=path).first()
    return row.views if row else 0


def test_cached_and_uncached_views_of_a_wagtail_page_are_counted_with_its_page_id(site, browser):
    first = browser.get("/tin-tuc/")
    second = browser.get("/tin-tuc/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    counting.flush()
    row = PathViewDay.objects.get(path="/tin-tuc/")
    assert row.views == 2 and row.page_id == site["news"].pk and row.visitors == 0
    assert "X-Reach-Page" not in first and "X-Reach-Page" not in second  # the mark never leaves


def test_counting_sets_no_cookie_and_stores_nothing_of_the_visitor(site, browser):
    response = browser.get("/", HTTP_X_FORWARDED_FOR="203.0.113.7", REMOTE_ADDR="203.0.113.7")
    assert not response.cookies and "Set-Cookie" not in response
    counting.flush()
    stored = [str(value) for row in PathViewDay.objects.values() for value in row.values()]
    assert not any("203.0.113.7" in value or "Chrome" in value for value in stored)


def test_public_training_pages_are_counted_without_a_page_id(site, browser, run):
    assert browser.get(f"/dao-tao/lop/{run.pk}/").status_code == 200
    assert browser.get(f"/dao-tao/khoa-hoc/{run.course.slug}/").status_code == 200
    counting.flush()
    assert PathViewDay.objects.get(path=f"/dao-tao/lop/{run.pk}/").page_id is None
    assert views(f"/dao-tao/khoa-hoc/{run.course.slug}/") == 1


@pytest.mark.parametrize("headers", [
    {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
    {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"},
    {"HTTP_USER_AGENT": "python-requests/2.32.3"},
    {"HTTP_USER_AGENT": ""},
    {"HTTP_USER_AGENT": BROWSER, "HTTP_DNT": "1"},
    {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_GPC": "1"},
])
def test_robots_and_visitors_who_opted_out_are_not_counted(site, client, headers):
    for _ in range(2):  # uncached, then cached
        assert client.get("/tin-tuc/", **headers).status_code == 200
    counting.flush()
    assert views("/tin-tuc/") == 0


def test_only_public_pages_answered_200_with_html_to_a_get_are_counted(site, browser):
    browser.get("/khong-co-trang-nay/")  # 404
    browser.head("/tin-tuc/")
    browser.get("/robots.txt")
    browser.get("/healthz")
    browser.get("/api/training/runs/")
    browser.get("/admin/login/")
    counting.flush()
    assert list(PathViewDay.objects.values_list("path", flat=True)) == []


def test_flushing_twice_writes_each_count_once(site, browser):
    for _ in range(3):
        browser.get("/")
    assert counting.flush() == 1
    assert counting.flush() == 0
    browser.get("/")
    counting.flush()
    counting.flush()
    assert views("/") == 4


def test_counts_of_a_failed_flush_are_written_by_the_next(site, browser, monkeypatch):
    browser.get("/")

    def down(taken):
        raise RuntimeError("database unreachable")

    monkeypatch.setattr(counting, "_write", down)
    with pytest.raises(RuntimeError):
        counting.flush()
    monkeypatch.undo()
    counting.flush()
    assert views("/") == 1


def test_a_view_with_the_campaign_parameter_counts_an_arrival_from_the_campaign(site, browser):
    browser.get("/tin-tuc/?cd=tet-2027")
    browser.get("/tin-tuc/?cd=tet-2027")
    browser.get("/tin-tuc/?cd=<script>")  # not a campaign: a view only
    counting.flush()
    assert views("/tin-tuc/") == 3
    assert list(ReferralDay.objects.values_list("campaign", "path", "views")) == [("tet-2027", "/tin-tuc/", 2)]


def test_a_page_opened_from_a_campaign_carries_it_on_its_links(site, browser, run):
    html = browser.get(f"/dao-tao/lop/{run.pk}/?cd=tet-2027&cdm=email").content.decode()
    assert "/tai-khoan/dang-nhap/?next=" in html and "cd=tet-2027&amp;cdm=email" in html
    assert 'href="/static/' in html and "/static/" not in html.split("cd=tet-2027")[0][-40:]
    plain = browser.get(f"/dao-tao/lop/{run.pk}/").content.decode()
    assert "cd=" not in plain


@pytest.fixture
def only_tet_is_a_campaign():
    from campaigns.reach import hooks

    hooks.campaign_checker(lambda slugs: slugs & {"tet-2027"})
    yield
    hooks._checkers.clear()


def test_arrivals_with_a_parameter_that_names_no_campaign_are_not_kept(site, browser, only_tet_is_a_campaign):
    browser.get("/tin-tuc/?cd=tet-2027")
    browser.get("/tin-tuc/?cd=bia-dat-ra")
    counting.flush()
    assert views("/tin-tuc/") == 2
    assert list(ReferralDay.objects.values_list("campaign", flat=True)) == ["tet-2027"]
