"""The tracked-link redirector: a click is counted once and the visitor lands on the page with
the campaign; a forged or expired link still lands her on the page, uncounted and without an
error; no link can send anyone to another site."""

import time_machine
from django.core import signing

from campaigns.reach import counting, links
from campaigns.reach.models import ClickDay
from campaigns.security.signing import make_token


def token_of(url):
    return url.rsplit("/r/", 1)[1]


def clicks():
    return list(ClickDay.objects.values_list("campaign", "message", "url", "clicks"))


def test_a_tracked_link_counts_one_click_and_lands_on_the_page_with_the_campaign(db, browser, settings):
    url = links.tracked_url(settings.SITE_URL + "/tin-tuc/bai-a/?trang=2", campaign="tet-2027", message="broadcast:12")
    assert url.startswith(settings.SITE_URL + "/r/")
    response = browser.get("/r/" + token_of(url))
    assert response.status_code == 302
    assert response["Location"] == "/tin-tuc/bai-a/?trang=2&cd=tet-2027&cdm=email"
    assert not response.cookies
    counting.flush()
    assert clicks() == [("tet-2027", "broadcast:12", "/tin-tuc/bai-a/?trang=2", 1)]


def test_a_tracked_link_copied_with_a_trailing_slash_works_the_same(db, browser, settings):
    url = links.tracked_url(settings.SITE_URL + "/tin-tuc/bai-a/", campaign="tet-2027", message="broadcast:12")
    response = browser.get("/r/" + token_of(url) + "/")
    assert response.status_code == 302 and response["Location"] == "/tin-tuc/bai-a/?cd=tet-2027&cdm=email"
    counting.flush()
    assert clicks() == [("tet-2027", "broadcast:12", "/tin-tuc/bai-a/", 1)]


def test_robots_following_a_tracked_link_are_not_counted(db, client):
    url = links.tracked_url("/tin-tuc/", campaign="tet-2027", message="digest:2026-12-07")
    response = client.get("/r/" + token_of(url), HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    assert response.status_code == 302 and response["Location"].startswith("/tin-tuc/")
    counting.flush()
    assert clicks() == []


def test_a_link_to_another_site_is_never_made_tracked(db):
    for url in ("https://evil.example/x", "//evil.example/x", "javascript:alert(1)", "ftp://127.0.0.1:8000/x"):
        assert links.tracked_url(url, campaign="tet-2027", message="broadcast:1") == url


def test_the_redirector_refuses_a_signed_target_on_another_site(db, browser):
    for target in ("https://evil.example/phish", "//evil.example/phish", "/\\evil.example", "http:evil.example"):
        token = make_token(links.PURPOSE, {"u": target, "c": "tet-2027", "m": "broadcast:1"})
        response = browser.get("/r/" + token)
        assert (response.status_code, response["Location"]) == (302, "/"), target
    counting.flush()
    assert clicks() == []


def test_a_forged_link_lands_on_its_page_without_counting(db, browser):
    genuine = token_of(links.tracked_url("/dao-tao/", campaign="tet-2027", message="broadcast:3"))
    forged = genuine[:-3] + ("AAA" if not genuine.endswith("AAA") else "BBB")
    response = browser.get("/r/" + forged)
    assert (response.status_code, response["Location"]) == (302, "/dao-tao/")
    other_key = signing.dumps({"u": "/tin-tuc/", "c": "x", "m": "y"}, key="not-our-key", salt="wlp:reach-link", compress=True)
    assert browser.get("/r/" + other_key)["Location"] == "/tin-tuc/"
    for garbage in ("abc", "...", "x" * 3000, ".eJz:1:2"):
        response = browser.get("/r/" + garbage)
        assert (response.status_code, response["Location"]) == (302, "/")
    counting.flush()
    assert clicks() == []


def test_an_expired_link_lands_on_its_page_without_counting(db, browser, settings):
    settings.REACH_LINK_MAX_AGE = 3600
    with time_machine.travel("2026-12-01 08:00 +0700", tick=False):
        url = links.tracked_url("/tin-tuc/bai-b/", campaign="tet-2027", message="broadcast:4")
    with time_machine.travel("2026-12-01 10:00 +0700", tick=False):
        response = browser.get("/r/" + token_of(url))
    assert (response.status_code, response["Location"]) == (302, "/tin-tuc/bai-b/")
    counting.flush()
    assert clicks() == []


def test_with_campaign_marks_links_to_this_site_only(db):
    assert links.with_campaign("/dao-tao/?a=1#lop", "tet-2027") == "/dao-tao/?a=1&cd=tet-2027#lop"
    assert links.with_campaign("https://evil.example/", "tet-2027") == "https://evil.example/"
    assert links.with_campaign("/dao-tao/", "không hợp lệ") == "/dao-tao/"


def test_the_template_filters(db):
    from django.template import engines

    html = engines["django"].from_string(
        "{% load reach %}{{ '/tin-tuc/'|with_campaign:'tet-2027' }} {{ '/tin-tuc/'|tracked:'broadcast:9' }}"
    ).render({})
    plain, tracked = html.split()
    assert plain == "/tin-tuc/?cd=tet-2027"
    assert links.read(tracked.rsplit("/r/", 1)[1]).message == "broadcast:9"
