"""The site generation: one counter in the shared cache that every cached page, fragment
and remembered route of the public site is keyed by (cms/cache.py). `purge()` moves it on,
which drops them all at once.

Reading the counter is the only thing an anonymous page view would need the network for
once its page and fragments are cached, so with Redis each process keeps the counter in
memory and a watcher thread keeps it current: `purge()` publishes a notice on a channel
named after the counter's key, and on each notice (and after every reconnection, and at
least every REVALIDATE_SECONDS) the watcher reads the counter again. While the watcher is
not subscribed, and with any other cache backend, every request reads the counter."""

import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache import caches

GENERATION_KEY = "cms:pages:generation"
REVALIDATE_SECONDS = 5.0

logger = logging.getLogger(__name__)


def shared_cache():
    """The cache the generation, pages and fragments live in."""
    return caches[getattr(settings, "CMS_PAGE_CACHE_ALIAS", "default")]


def read(cache=None):
    """The counter as stored now; a missing counter (never set, flushed or evicted) restarts
    from the clock, so it never comes back to a number whose entries are still cached.
    None when the cache cannot keep it (unreachable: config/cache.py): nothing is then
    cached for the request."""
    cache = cache or shared_cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, None)
        value = cache.get(GENERATION_KEY)
    return value


def purge():
    """Move to a new generation, here and (through the watchers) in every process."""
    cache = shared_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        read(cache)
    _watcher.forget()
    client = _redis_client(cache)
    if client is not None:
        # config.cache.ResilientRedisCache's publish fails open when Redis is unreachable.
        publish = getattr(cache, "publish", client.publish)
        publish(_channel(cache), b"purge")


def current(request=None):
    """The current generation, read at most once per request (the middleware reads it
    before any page is loaded, so content loaded earlier is never stored under it)."""
    value = getattr(request, "cms_generation", None)
    if value is None:
        value = _watcher.value()
        if value is None:
            value = read()
        if request is not None:
            request.cms_generation = value
    return value


def watched():
    """The counter as this process's watcher holds it, without a round trip; None when the
    watcher cannot vouch for it (no Redis, not subscribed, not revalidated for
    REVALIDATE_SECONDS, or just purged here)."""
    return _watcher.value()


def _redis_client(cache):
    # Django's Redis backend keeps its client factory in `_cache` (django.core.cache.backends.redis).
    backend = getattr(cache, "_cache", None)
    if backend is None or not hasattr(backend, "get_client"):
        return None
    return backend.get_client(write=True)


def _channel(cache):
    return cache.make_and_validate_key(GENERATION_KEY)


def _signature():
    """Which counter the settings point at now (tests switch caches on the fly)."""
    alias = getattr(settings, "CMS_PAGE_CACHE_ALIAS", "default")
    config = settings.CACHES.get(alias, {})
    return alias, config.get("BACKEND"), str(config.get("LOCATION")), config.get("KEY_PREFIX", ""), config.get("VERSION")


class _Watcher:
    """This process's copy of the counter, kept current by a daemon thread subscribed to
    the purge channel. `value()` is None whenever the copy cannot be trusted."""

    def __init__(self):
        self._lock = threading.Lock()
        self._watching = None  # (pid, signature) the running thread serves
        self._value = None
        self._read_at = 0.0
        self._forgotten = 0  # purges made here: a read the thread began before one is not trusted

    def value(self):
        if self._watching != (os.getpid(), _signature()) and self._watching != ("closed",):
            self._start()
        value, read_at = self._value, self._read_at
        if value is None or time.monotonic() - read_at > REVALIDATE_SECONDS:
            return None
        return value

    def forget(self):
        with self._lock:
            self._forgotten += 1
            self._value = None

    def _start(self):
        with self._lock:
            watching = (os.getpid(), _signature())
            if self._watching == watching:
                return
            self._watching, self._value = watching, None
            cache = shared_cache()
            client = _redis_client(cache)
            if client is not None:
                threading.Thread(target=self._run, args=(watching, cache, client), name="cms-generation",
                                 daemon=True).start()

    def _run(self, watching, cache, client):
        channel = _channel(cache)
        while self._watching == watching:  # a newer thread replaces this one when settings change
            pubsub = None
            try:
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(channel)
                self._refresh(watching, cache)  # after subscribing: nothing published meanwhile is missed
                while self._watching == watching:
                    message = pubsub.get_message(timeout=REVALIDATE_SECONDS / 2)
                    if message is not None or time.monotonic() - self._read_at > REVALIDATE_SECONDS / 2:
                        self._refresh(watching, cache)
            except Exception:  # the connection dropped: requests read the counter until back
                self._value = None
                logger.warning("cms generation watcher lost Redis; reconnecting", exc_info=True)
                time.sleep(1)
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:
                        pass

    def _refresh(self, watching, cache):
        forgotten = self._forgotten
        value = cache.get(GENERATION_KEY)  # None (not trusted) until a request starts the counter
        # A purge made here while the counter was being read may have moved it after the read:
        # the value stays untrusted until the purge's own notice brings the next read.
        with self._lock:
            if self._watching == watching and self._forgotten == forgotten:
                self._value, self._read_at = value, time.monotonic()

    def close(self):
        """Stop watching (the thread ends within REVALIDATE_SECONDS / 2); for tests."""
        self._watching, self._value = ("closed",), None


_watcher = _Watcher()
