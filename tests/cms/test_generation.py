"""The site generation (cms/generation.py) with Redis: each process keeps the counter in
memory, and a purge made by another process reaches it through the watcher at once.
Needs the Redis at REDIS_URL (the PostgreSQL + Redis run); skipped without one."""

import os

import pytest

from cms import generation

from .conftest import purge_in_another_process, wait_for

REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="needs Redis (REDIS_URL)")

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
