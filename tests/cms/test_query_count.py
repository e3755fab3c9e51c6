"""The SQL an anonymous page view costs does not grow with what the page shows: an article
with its topics, tags and related articles, the home page with its cards. A first view
runs a fixed number of queries (at most 8, with every cache off too: the page found by its
URL in three queries, cms/routes.py; privacy checked inside the queries, cms/privacy.py);
once the page's route and fragments are cached (cms/cache.py), views with the whole-page
cache off run none."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Filter

from cms.models import ArticlePage, CampaignPage, StoryPage, Topic

from .conftest import make_article, make_image, publish


def queries_for(client, url):
    """Queries of a view with nothing cached (renditions exist: a first view made them)."""
    cache.clear()
    client.get(url)
    cache.clear()
    return count_queries(client, url)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def article_with(site, count, slug):
    topics = [Topic.objects.create(name=f"Chủ đề {slug} {n}", slug=f"{slug}-{n}") for n in range(count)]
    for n in range(count):
        make_article(site["news"], title=f"Liên quan {slug} {n}", slug=f"{slug}-lq-{n}", topics=topics,
                     hero_image=make_image(f"Ảnh {slug} {n}"), hero_alt="Ảnh")
    return make_article(site["news"], title=f"Bài {slug}", slug=slug, topics=topics,
                        tags=[f"từ khóa {n}" for n in range(count)], hero_image=make_image(f"Ảnh chính {slug}"),
                        hero_alt="Ảnh chính")


def home_with(site, count, slug):
    """`count` articles, stories and running campaigns, each with an image."""
    for n in range(count):
        make_article(site["news"], title=f"Tin {slug} {n}", slug=f"{slug}-tin-{n}", hero_image=make_image(f"Tin {slug} {n}"),
                     hero_alt="Ảnh")
        story = StoryPage(title=f"Gương {slug} {n}", slug=f"{slug}-guong-{n}", summary="Tóm tắt.", leader_name="Lê Thị Hoa",
                          leader_position="Chủ tịch xã", body=[], hero_image=make_image(f"Gương {slug} {n}"), hero_alt="Ảnh")
        publish(site["news"].add_child(instance=story))
        campaign = CampaignPage(title=f"Chiến dịch {slug} {n}", slug=f"{slug}-cd-{n}", starts_on=datetime.date(2026, 1, 1),
                                ends_on=datetime.date(2099, 12, 31), listing_image=make_image(f"Chiến dịch {slug} {n}"))
        publish(site["home"].add_child(instance=campaign))


def test_article_query_count_is_constant_in_topics_tags_and_related(site, client):
    one = queries_for(client, article_with(site, 1, "mot").url)
    many = queries_for(client, article_with(site, 6, "nhieu").url)
    assert many == one, f"1 topic/tag/related: {one} queries; 6 of each: {many} queries"
    assert one <= 16  # cold: renditions, the generation and the route are read, then cached


def test_home_query_count_is_constant_in_its_cards(site, client):
    home_with(site, 1, "mot")
    one = queries_for(client, "/")
    home_with(site, 3, "ba")
    many = queries_for(client, "/")
    assert many == one, f"1 card of each kind: {one} queries; 3 of each: {many} queries"
    assert one <= 16


@pytest.fixture
def page_cache_off(settings):
    settings.CMS_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def no_caches(settings):
    """What a signed-in visitor, and the first view after every publish, costs: neither
    whole pages nor fragments nor routes come from a cache."""
    settings.CMS_PAGE_CACHE_SECONDS = 0
    settings.CMS_FRAGMENT_CACHE_SECONDS = 0


def warm_queries(client, url):
    """Queries of a view once renditions exist and Django's per-process caches are full."""
    client.get(url)
    return count_queries(client, url)


def test_article_without_caches_runs_at_most_8_queries_whatever_it_shows(site, client, no_caches):
    one = warm_queries(client, article_with(site, 1, "khong-mot").url)
    many = warm_queries(client, article_with(site, 6, "khong-nhieu").url)
    assert (one, many) == (one, one), f"1 topic/tag/related: {one} queries; 6 of each: {many} queries"
    assert one <= 8


def test_home_without_caches_runs_at_most_8_queries_whatever_it_shows(site, client, no_caches):
    home_with(site, 1, "khong-mot")
    one = warm_queries(client, "/")
    home_with(site, 3, "khong-ba")
    many = warm_queries(client, "/")
    assert (one, many) == (one, one), f"1 card of each kind: {one} queries; 3 of each: {many} queries"
    assert one <= 8


def test_home_reads_every_rendition_in_one_query_and_none_from_the_cache(site, client, no_caches):
    """The hero's renditions (the hero and the og:image) come with the cards' in one query:
    with the cache emptied, no other query looks any up, and none is written to the cache."""
    home = site["home"]
    home.hero_image, home.hero_alt = make_image("Ảnh trang chủ"), "Ảnh trang chủ"
    publish(home)
    home_with(site, 2, "anh")
    client.get("/")  # makes the renditions
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/").content.decode()
    renditions = [q["sql"] for q in queries if 'FROM "wagtailimages_rendition"' in q["sql"]]
    assert len(renditions) == 1, renditions
    assert body.count('class="hero__image"') == 1 and body.count('class="card__image"') == 6
    assert 'property="og:image"' in body
    image = home.hero_image
    keys = [image.get_rendition_model().construct_cache_key(image, Filter(spec).get_cache_key(image), spec)
            for spec in ("fill-1200x630|format-jpeg", "width-480|format-webp")]
    assert cache.get_many(keys) == {}, "the view wrote prefetched renditions back to the cache"
    assert image.get_rendition("fill-1200x630|format-jpeg").url in body


def test_article_reads_every_rendition_in_one_query_and_writes_none_to_the_cache(site, client, no_caches):
    """The article's hero (the hero and the og:image, twice) and its related articles' cards."""
    url = article_with(site, 3, "anh-bai").url
    client.get(url)  # makes the renditions
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        body = client.get(url).content.decode()
    renditions = [q["sql"] for q in queries if 'FROM "wagtailimages_rendition"' in q["sql"]]
    assert len(renditions) == 1, renditions
    assert body.count('class="hero__image"') == 1 and body.count('class="card__image"') == 3
    image = ArticlePage.objects.get(slug="anh-bai").hero_image
    keys = [image.get_rendition_model().construct_cache_key(image, Filter(spec).get_cache_key(image), spec)
            for spec in ("fill-1200x630|format-jpeg", "width-480|format-webp")]
    assert cache.get_many(keys) == {}, "the view wrote prefetched renditions back to the cache"


def views_until_warm(client, url):
    """The first view finds the route, the second loads the page once for this process."""
    assert [count_queries(client, url) > 0 for _ in range(2)] == [True, True]


@pytest.mark.parametrize("count", [1, 6])
def test_article_viewed_again_runs_no_query(site, client, page_cache_off, count):
    url = article_with(site, count, f"lai-{count}").url
    views_until_warm(client, url)
    assert count_queries(client, url) == 0


def test_home_viewed_again_runs_no_query(site, client, page_cache_off):
    home_with(site, 3, "lai")
    views_until_warm(client, "/")
    assert count_queries(client, "/") == 0


def test_signed_in_view_is_rendered_afresh_in_a_bounded_number_of_queries(site, client, officer, page_cache_off):
    url = article_with(site, 6, "dang-nhap").url
    client.get(url)
    client.force_login(officer)
    client.get(url)
    assert 0 < count_queries(client, url) <= 60
