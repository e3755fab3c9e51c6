"""The page-serving shortcuts lean on three attributes that Wagtail and Django do not promise:
each is pinned here against the installed versions, so an upgrade that changes one fails
loudly instead of silently serving slower, or wrongly.

- cms/routes.py hands Wagtail a known route through `request._wagtail_route_for_request`
  (Wagtail's per-request route cache, wagtail.models.Page.route_for_request);
- cms/generation.py and config/cache.py publish through Django's Redis cache client factory,
  `cache._cache.get_client(write=True)` (django.core.cache.backends.redis)."""

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from cms import generation


@pytest.mark.django_db
def test_wagtail_reads_and_writes_its_route_cache_on_the_request(django_assert_num_queries):
    page = Page.objects.get(depth=1)
    request = RequestFactory().get("/bat-ky/")
    request._wagtail_route_for_request = RouteResult(page)
    with django_assert_num_queries(0):
        result = Page.route_for_request(request, "/bat-ky/")
    assert result[0] is page  # what cms/routes.py handed over, used as is
    fresh = RequestFactory().get("/khong-co/")
    Page.route_for_request(fresh, "/khong-co/")
    assert hasattr(fresh, "_wagtail_route_for_request")  # what cms/routes.py reads back


@pytest.mark.django_db
def test_a_known_unrestricted_page_asks_nothing_about_its_restrictions(django_assert_num_queries):
    from cms.models import ArticlePage

    page = ArticlePage()
    page.known_unrestricted = True
    with django_assert_num_queries(0):
        restrictions = page.get_view_restrictions()
        assert list(restrictions) == [] and not restrictions.exists()
    assert restrictions.model is PageViewRestriction


def test_djangos_redis_cache_keeps_its_client_factory_where_we_publish_through_it():
    cache = RedisCache("redis://127.0.0.1:1/0", {})  # the client connects lazily: no server needed
    client = generation._redis_client(cache)
    assert client is not None and callable(client.publish)
    assert callable(cache._cache.get_client)  # config/cache.py's publish()
