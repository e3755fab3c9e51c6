"""A hot page is served from the process that served it (cms/cache.py `_LocalPages`), with no
round trip to the shared cache, for as long as the generation watcher vouches for the
generation it was stored in; a purge anywhere drops it. Without a watcher (any cache but
Redis) nothing is kept in the process and every view asks the shared cache."""

import pytest
from django.core.cache import caches

from cms import cache as page_cache
from cms import generation

from .conftest import REDIS_URL, purge_in_another_process, wait_for

ENTRY = (7, 200, [("Content-Type", "text/html; charset=utf-8")], b"<p>Trang</p>")


def anonymous_get(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_an_entry_is_kept_and_found_only_under_the_generation_vouched_for():
    pages = page_cache._LocalPages()
    pages.put(7, "a", ENTRY)
    assert pages.get(7, "a") == ENTRY
    assert pages.get(8, "a") is None  # the watcher moved on
    assert pages.get(None, "a") is None  # the watcher cannot vouch
    pages.put(8, "b", ENTRY)  # stored under 7, vouched 8: not kept
    pages.put(None, "c", ENTRY)
    assert pages.get(8, "b") is None and pages.get(7, "c") is None


def test_the_copy_stays_within_its_byte_budget(monkeypatch):
    monkeypatch.setattr(page_cache._LocalPages, "MAX_BYTES", 80)
    pages = page_cache._LocalPages()
    body = (7, 200, [], b"x" * 10)
    for key in "abcdefgh":
        pages.put(7, key, body)
    assert all(pages.get(7, key) == body for key in "abcdefgh")
    pages.put(7, "a", body)  # the same page again takes no more room
    assert pages.current[3] == [80]
    pages.put(7, "i", body)  # over the budget: the copy starts again
    assert pages.get(7, "a") is None and pages.get(7, "i") == body
    pages.put(7, "big", (7, 200, [], b"x" * 11))  # larger than MAX_BYTES / 8: never kept
    assert pages.get(7, "big") is None


def test_the_copy_is_dropped_once_older_than_the_page_timeout(settings, monkeypatch):
    settings.CMS_PAGE_CACHE_SECONDS = 300
    now = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: now[0])
    pages = page_cache._LocalPages()
    pages.put(7, "a", ENTRY)
    now[0] += 300
    assert pages.get(7, "a") == ENTRY
    now[0] += 1
    assert pages.get(7, "a") is None


def test_without_a_watcher_every_view_asks_the_shared_cache(site, client):
    assert generation.watched() is None  # the tests' LocMemCache has no watcher
    anonymous_get(client)
    assert anonymous_get(client)["X-Page-Cache"] == "hit"
    caches["default"].delete(page_cache._key(anonymous_get(client).wsgi_request))
    assert anonymous_get(client)["X-Page-Cache"] == "miss"  # nothing was kept in the process
    assert page_cache._local_pages.current[2] == {}


@pytest.mark.skipif(not REDIS_URL, reason="needs Redis (REDIS_URL)")
def test_a_hot_page_costs_no_round_trip_until_a_purge_anywhere(site, client, redis_cache):
    shared = caches["pages"]
    first = anonymous_get(client)
    assert first["X-Page-Cache"] == "miss"
    assert wait_for(lambda: generation.watched() == generation.read()), "the watcher never vouched"
    key = page_cache._key(first.wsgi_request)
    assert anonymous_get(client)["X-Page-Cache"] == "hit"  # from Redis, now kept here too
    shared.delete(key)
    kept = anonymous_get(client)
    assert kept["X-Page-Cache"] == "hit" and kept.content == first.content  # from this process
    assert shared.get(key) is None

    before = generation.watched()
    purge_in_another_process(redis_cache)
    assert wait_for(lambda: generation.watched() not in (None, before), seconds=2), "the purge never reached the watcher"
    after = anonymous_get(client)
    assert after["X-Page-Cache"] == "miss" and after.content == first.content
    assert shared.get(key)[0] == generation.watched()


@pytest.mark.skipif(not REDIS_URL, reason="needs Redis (REDIS_URL)")
def test_a_purge_in_this_process_is_never_answered_from_the_copy(site, client, redis_cache):
    anonymous_get(client)
    assert wait_for(lambda: generation.watched() == generation.read()), "the watcher never vouched"
    anonymous_get(client)
    assert anonymous_get(client)["X-Page-Cache"] == "hit"
    generation.purge()  # what publishing does on commit (cms/signals.py)
    assert anonymous_get(client)["X-Page-Cache"] == "miss"


def test_a_counter_read_begun_before_a_purge_here_is_not_trusted():
    """The watcher thread reads the counter; a purge in this process lands between that read
    and the thread keeping what it read: the copy stays untrusted until the purge's notice
    brings a read made after it (else this process would serve the old pages meanwhile)."""
    watcher = generation._Watcher()
    watching = ("test",)
    watcher._watching = watching

    class PurgedWhileRead:
        def get(self, key):
            watcher.forget()  # what purge() does here, after moving the counter on
            return 41

    class Settled:
        def get(self, key):
            return 42

    watcher._refresh(watching, PurgedWhileRead())
    assert watcher._value is None
    watcher._refresh(watching, Settled())
    assert watcher._value == 42
