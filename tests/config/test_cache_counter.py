"""The rate limit's counter in one round trip on Redis (config/cache.py count_in_window),
against a redis-server of the test's own: the same counts as add, incr and get, the key kept
for its timeout from the first count, readable through the cache, and one round trip."""

import pytest
from django.core.cache import caches

from campaigns.security import ratelimit
from tests.servers import private_redis, redis_cli


@pytest.fixture
def redis_cache(settings):
    with private_redis() as port:
        settings.CACHES = {"default": {"BACKEND": "config.cache.ResilientRedisCache",
                                       "LOCATION": f"redis://127.0.0.1:{port}/0"}}
        yield caches["default"], port


def test_counts_reads_the_previous_window_and_keeps_the_key_for_its_timeout(redis_cache):
    cache, port = redis_cache
    assert cache.count_in_window("rl:g:u1:11", "rl:g:u1:10", 125) == (1, 0)
    cache.set("rl:g:u1:10", 7)
    assert [cache.count_in_window("rl:g:u1:11", "rl:g:u1:10", 125) for _ in range(3)] == [(2, 7), (3, 7), (4, 7)]
    assert cache.get("rl:g:u1:11") == 4  # the value Django's cache reads, under its own key
    ttl = int(redis_cli(port, "TTL", cache.make_key("rl:g:u1:11")).stdout)
    assert 120 <= ttl <= 125  # set by the first count, not pushed back by the later ones


def test_the_same_counts_as_add_incr_and_get(redis_cache, monkeypatch):
    cache, _port = redis_cache
    cache.set("rl:h:u2:4", 3)
    piped = [ratelimit._count("rl:h:u2:5", "rl:h:u2:4", timeout=60) for _ in range(4)]
    monkeypatch.setattr(type(cache), "count_in_window", lambda *args: None)  # the generic path
    generic = [ratelimit._count("rl:h:u3:5", "rl:h:u2:4", timeout=60) for _ in range(4)]
    assert piped == generic == [(1, 3), (2, 3), (3, 3), (4, 3)]


def test_three_commands_in_one_pipeline_per_attempt(redis_cache):
    cache, port = redis_cache
    cache.count_in_window("rl:w:u:1", "rl:w:u:0", 60)  # the connection opened
    before = _commands(port)
    cache.count_in_window("rl:w:u:1", "rl:w:u:0", 60)
    assert _commands(port) - before == 3 + 1  # SET NX, INCR, GET, and INFO itself


def _commands(port):
    info = redis_cli(port, "INFO", "stats").stdout.decode()
    return int(next(line.split(":")[1] for line in info.splitlines() if line.startswith("total_commands_processed")))
