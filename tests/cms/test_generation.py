"""The site generation (cms/generation.py) with Redis: each process keeps the counter in
memory, and a purge made by another process reaches it through the watcher at once.
Needs the Redis at REDIS_URL (the PostgreSQL + Redis run); skipped without one."""

import os
import subprocess
import sys
import uuid

import pytest

from cms import generation
from tests import waiting

REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs Redis (REDIS_URL)")

PURGE_IN_ANOTHER_PROCESS = """
import sys
from django.conf import settings
settings.configure(CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": sys.argv[1], "KEY_PREFIX": sys.argv[2]}})
import django
django.setup()
from cms.generation import purge
purge()
"""


@pytest.fixture
def redis_cache(settings, monkeypatch):
    """The page cache on Redis, under a key prefix of this test's own, watched by a
    process-wide watcher of this test's own."""
    prefix = f"test-generation-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
    }
    settings.CMS_PAGE_CACHE_ALIAS = "pages"
    process_watcher = generation._Watcher()
    monkeypatch.setattr(generation, "_watcher", process_watcher)
    yield prefix
    from django.core.cache import caches

    process_watcher.close()
    caches["pages"].delete(generation.GENERATION_KEY)


def wait_for(condition, seconds=5.0):
    return waiting.poll(condition, timeout=seconds, interval=0.02)


def purge_in_another_process(prefix):
    subprocess.run([sys.executable, "-c", PURGE_IN_ANOTHER_PROCESS, REDIS_URL, prefix], check=True,
                   cwd=os.getcwd(), env={**os.environ, "DJANGO_SETTINGS_MODULE": ""}, timeout=60)


@pytest.fixture
def watcher():
    watcher = generation._Watcher()
    yield watcher
    watcher.close()


def test_the_watcher_keeps_the_counter_in_memory_and_sees_other_processes_purge(redis_cache, watcher):
    start = generation.read()
    assert wait_for(lambda: watcher.value() == start), "the watcher never trusted the counter"
    purge_in_another_process(redis_cache)
    assert generation.read() != start
    assert wait_for(lambda: watcher.value() == generation.read(), seconds=1), "the purge never reached the watcher"


def test_a_purge_here_is_seen_by_the_next_read_here(redis_cache):
    before = generation.current()
    generation.purge()
    assert generation.current() != before


def test_a_request_reads_the_generation_once(redis_cache, rf):
    request = rf.get("/")
    first = generation.current(request)
    purge_in_another_process(redis_cache)
    assert generation.current(request) == first  # a request keeps the generation it started with
    assert wait_for(lambda: generation.current(rf.get("/")) != first, seconds=2)
