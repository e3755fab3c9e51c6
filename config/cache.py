"""The shared cache is a help, never a dependency: a stalled or unreachable Redis makes a
request slower by at most one socket timeout, never a 500.

`ResilientRedisCache` is Django's own RedisCache with two changes:

- bounded sockets: connecting and each reply wait at most `socket_connect_timeout` /
  `socket_timeout` seconds (1 s unless OPTIONS say otherwise), where redis-py would wait
  forever;
- failing open: when Redis does not answer, each operation answers as a cache that holds
  nothing and keeps nothing (get → the default, get_many → {}, add/touch/delete/has_key →
  False, set/set_many/delete_many → nothing stored). `incr`/`decr` raise
  `CacheUnavailable`, a ValueError, which is what Django raises for a missing counter: every
  caller already handles that case (see below). After a failure, Redis is not asked again in
  this process for `DOWN_SECONDS` (5 s by default), so a paused Redis costs each process one
  timeout, not one per call.

What each use on a request path does while the cache is down (decided per use):
- rate limits (campaigns/security/ratelimit.py, one round trip through count_in_window): fail
  open, the attempt is allowed. Logins
  stay guarded by django-axes' lockout, which counts failures in the database;
- the anonymous page cache, fragments, remembered routes, menus and indicator figures (cms/):
  fail open, the page is rendered afresh and nothing is stored (the site generation reads as
  None, which switches those caches off for the request);
- the site generation's purge after a publish: the counter cannot move; the failure is
  logged and cached pages expire by their timeout (CMS_PAGE_CACHE_SECONDS);
- the notification dispatcher's per-channel throttle (a worker, not a request): fails open;
- sessions live in the database and axes' counters too: neither depends on the cache;
- no request takes a lock in the cache (capacity is guarded by row locks in the database).
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Per process, shared by every thread's backend instance (Django makes one per thread):
# LOCATION → time.monotonic() until which Redis is not asked.
_down_until = {}


class CacheUnavailable(ValueError):
    """The counter could not be read or changed because the cache is unreachable."""


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.down_seconds = float(options.pop("DOWN_SECONDS", 5))
        options.setdefault("socket_timeout", 1)
        options.setdefault("socket_connect_timeout", 1)
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = server if isinstance(server, str) else ",".join(server)

    def available(self):
        """False while Redis is considered down (after a failure, for DOWN_SECONDS)."""
        return _down_until.get(self._location, 0.0) <= time.monotonic()

    def _call(self, fallback, method, *args, **kwargs):
        """method(self, *args, **kwargs), or fallback() when Redis is (or just proved) unreachable."""
        if not self.available():
            return fallback()
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as exc:
            _down_until[self._location] = time.monotonic() + self.down_seconds
            logger.warning("Cache unreachable (%s: %s); working without it for %ss",
                           type(exc).__name__, exc, self.down_seconds)
            return fallback()

    def add(self, *args, **kwargs):
        return self._call(lambda: False, RedisCache.add, *args, **kwargs)

    def get(self, key, default=None, version=None):
        return self._call(lambda: default, RedisCache.get, key, default, version)

    def set(self, *args, **kwargs):
        return self._call(lambda: None, RedisCache.set, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call(lambda: False, RedisCache.touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call(lambda: False, RedisCache.delete, *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call(dict, RedisCache.get_many, *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call(lambda: False, RedisCache.has_key, *args, **kwargs)

    def incr(self, key, delta=1, version=None):
        def unavailable():
            raise CacheUnavailable(f"cache unreachable: cannot change {key!r}")

        return self._call(unavailable, RedisCache.incr, key, delta, version)

    def set_many(self, *args, **kwargs):
        return self._call(list, RedisCache.set_many, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call(lambda: None, RedisCache.delete_many, *args, **kwargs)

    def clear(self):
        return self._call(lambda: False, RedisCache.clear)

    def count_in_window(self, key, previous, timeout):
        """One more in the counter `key` (made 0 first, if missing, to last `timeout` seconds)
        and the count in `previous`, in one round trip instead of add, incr (two: Django's
        incr asks whether the key exists first) and get: (count, previous count or 0).
        (1, 0) while Redis is unreachable: the rate limit fails open, as with incr.
        None with several Redis servers (the two keys may live apart): use add/incr/get."""
        if len(self._servers) > 1:
            return None

        def count(cache):
            client = cache._cache.get_client(key, write=True)
            name = cache.make_and_validate_key(key)
            pipe = client.pipeline(transaction=False)
            pipe.set(name, 0, ex=timeout, nx=True)
            pipe.incr(name)
            pipe.get(cache.make_and_validate_key(previous))
            _created, value, earlier = pipe.execute()
            return value, int(earlier) if earlier is not None else 0

        return self._call(lambda: (1, 0), count)

    def publish(self, channel, message):
        """Publish on a Redis channel (the site generation's purge notice); False when Redis
        is unreachable. Uses Django's client factory (`_cache.get_client`, as cms/generation.py
        does; tests/config/test_cache_stall.py fails loudly if an upgrade removes it)."""
        def send(cache):
            cache._cache.get_client(write=True).publish(channel, message)
            return True

        return self._call(lambda: False, send)
