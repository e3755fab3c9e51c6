"""Anonymous page views come from the cache until a page is published, unpublished, moved
or deleted; signed-in editors always see fresh pages."""

import pytest

from cms.models import ArticleIndexPage

from .conftest import make_article, publish


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the callbacks a real commit would run (the purge happens on commit)."""
    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)
    return run


def test_second_anonymous_view_is_served_from_the_cache(site, client):
    make_article(site["news"], title="Bài một", slug="mot")
    assert get(client, "/tin-tuc/")["X-Page-Cache"] == "miss"
    second = get(client, "/tin-tuc/")
    assert second["X-Page-Cache"] == "hit" and "Bài một" in second.content.decode()


def test_publishing_purges_the_cache(site, client, commit):
    get(client, "/")
    assert get(client, "/")["X-Page-Cache"] == "hit"
    commit(make_article, site["news"], title="Bài mới đăng", slug="moi")
    response = get(client, "/")
    assert response["X-Page-Cache"] == "miss" and "Bài mới đăng" in response.content.decode()


def test_unpublishing_purges_the_cache(site, client, commit):
    article = commit(make_article, site["news"], title="Sẽ gỡ", slug="se-go")
    assert "Sẽ gỡ" in get(client, "/tin-tuc/").content.decode()
    assert get(client, "/tin-tuc/")["X-Page-Cache"] == "hit"
    commit(article.unpublish)
    assert "Sẽ gỡ" not in get(client, "/tin-tuc/").content.decode()
    assert client.get("/tin-tuc/se-go/").status_code == 404


def test_moving_a_page_purges_the_cache(site, client, commit):
    article = commit(make_article, site["news"], title="Chuyển mục", slug="chuyen")
    other = commit(publish, site["home"].add_child(instance=ArticleIndexPage(title="Sự kiện", slug="su-kien")))
    assert "Chuyển mục" in get(client, "/tin-tuc/").content.decode()
    commit(article.move, other, pos="last-child")
    assert "Chuyển mục" not in get(client, "/tin-tuc/").content.decode()
    assert get(client, "/su-kien/chuyen/").status_code == 200


def test_signed_in_users_bypass_the_cache(site, client, officer):
    get(client, "/")
    client.force_login(officer)
    assert "X-Page-Cache" not in get(client, "/")


def test_forms_with_csrf_tokens_are_never_cached(site, client):
    assert "X-Page-Cache" not in get(client, "/ban-tin/")
    assert "X-Page-Cache" not in get(client, "/ban-tin/")


@pytest.mark.parametrize("path, cacheable", [
    ("/", True), ("/tin-tuc/bai-bat-ky/", True), ("/tim-kiem/", True), ("/feeds/rss/", True),
    ("/robots.txt", True), ("/sitemap.xml", True),
    ("/dao-tao/", False), ("/api/training/runs/1/", False), ("/healthz", False),
])
def test_only_urls_of_views_that_may_store_their_answer_are_looked_up_in_the_cache(rf, path, cacheable):
    from cms.cache import may_be_cached

    assert may_be_cached(rf.get(path)) is cacheable
