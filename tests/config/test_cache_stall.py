"""A stalled cache never turns a request into a 500 (config/cache.py).

Against real processes: a redis-server of the test's own, configured as cache and broker of a
gunicorn serving the project, is paused with CLIENT PAUSE while 40 trainees register at
once; every registration is answered and saved before Redis comes back. Anonymous page views
(page cache, fragments, generation) and /healthz are served meanwhile too."""

import secrets
import threading
import time
import urllib.error
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from campaigns.training.models import Registration
from cms.models import HomePage
from tests.campaigns.training.factories import PersonFactory, run_with_sessions
from tests.servers import gunicorn, private_redis, redis_cli, wagtail_roots, wait_for

PAUSE_MS = 10_000
TRAINEES = 40


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _request(url, *, data=None, headers=None):
    """(status, seconds) of one request; a 3xx is an answer, not followed."""
    started = time.monotonic()
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _opener.open(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.monotonic() - started


def _signed_in_cookie(user):
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _all_at_once(calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - recorded as the outcome
            results[index] = (repr(exc), None)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return results


def _home_page():
    wagtail_roots()
    vi = Locale.objects.get(language_code="vi")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-thu", locale=vi))
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True, site_name="Thử")


@pytest.fixture
def stalled_cache_server(transactional_db):
    _home_page()
    with private_redis() as port:
        url = f"redis://127.0.0.1:{port}/0"
        with gunicorn(env={"REDIS_URL": url, "CELERY_BROKER_URL": url}) as base:
            yield base, port


def test_forty_registrations_while_redis_is_paused_are_all_answered_and_saved(stalled_cache_server):
    base, port = stalled_cache_server
    run = run_with_sessions(capacity=TRAINEES + 10)
    people = PersonFactory.create_batch(TRAINEES)
    csrf = secrets.token_hex(16)  # a client-chosen token, sent as cookie and header (Django's double submit)

    def register(person):
        cookie = f"sessionid={_signed_in_cookie(person.user)}; csrftoken={csrf}"
        return lambda: _request(base + reverse("training:register", args=[run.pk]), data=b"",
                                headers={"Cookie": cookie, "X-CSRFToken": csrf, "Referer": base + "/"})

    calls = [register(person) for person in people]
    anonymous = [lambda: _request(base + "/"), lambda: _request(base + "/healthz")]
    # Warm: the processes have connected to Redis before it stops answering.
    assert _request(base + "/")[0] != 500

    assert redis_cli(port, "CLIENT", "PAUSE", str(PAUSE_MS), "ALL").returncode == 0
    paused_at = time.monotonic()
    results = _all_at_once(calls + anonymous * 3)
    answered_in = time.monotonic() - paused_at

    registrations, pages = results[:TRAINEES], results[TRAINEES:]
    statuses = [status for status, _ in registrations]
    slowest = max(seconds or 0 for _, seconds in results)
    saved = Registration.objects.filter(run=run).count()
    print(f"\nRedis paused {PAUSE_MS} ms: {len(results)} requests answered in {answered_in:.2f} s "
          f"(slowest {slowest:.2f} s); registrations: {sorted(set(statuses))} x {len(statuses)}, saved {saved}; "
          f"anonymous pages and /healthz: {[status for status, _ in pages]}")
    assert statuses == [302] * TRAINEES, statuses
    assert saved == TRAINEES
    assert all(status in (200, 503) for status, _ in pages), pages  # /healthz may say the broker is down
    assert answered_in < PAUSE_MS / 1000, "requests waited for Redis to come back"

    # Once Redis answers again the cache is used again: the home page is stored in it.
    wait_for(lambda: redis_cli(port, "ping").stdout.strip() == b"PONG", timeout=20, what="Redis back")

    def home_page_cached():
        assert _request(base + "/")[0] == 200
        return b"cms:page" in redis_cli(port, "--scan", "--pattern", "*cms:page*").stdout

    wait_for(home_page_cached, timeout=30, interval=1, what="the page cache to be used again")


def test_every_cache_operation_answers_as_an_empty_cache_while_redis_is_paused(settings):
    """One socket timeout, then no more round trips for DOWN_SECONDS; a purge neither raises
    nor hangs (it publishes through Django's RedisCache client, `_cache.get_client`, which
    this also checks still exists)."""
    from django.core.cache import caches

    from cms import generation
    from config.cache import CacheUnavailable, _down_until

    with private_redis() as port:
        settings.CACHES = {"default": {"BACKEND": "config.cache.ResilientRedisCache",
                                       "LOCATION": f"redis://127.0.0.1:{port}/0",
                                       "OPTIONS": {"socket_timeout": 0.5, "DOWN_SECONDS": 30}}}
        cache = caches["default"]
        cache.set("a", 1)
        generation.purge()  # publishes through the real client
        assert cache.get("a") == 1 and generation.read() is not None
        assert redis_cli(port, "CLIENT", "PAUSE", "5000", "ALL").returncode == 0
        started = time.monotonic()
        assert cache.get("a", "default") == "default"
        assert (cache.get_many(["a"]), cache.add("b", 1), cache.has_key("a"), cache.touch("a")) == ({}, False, False, False)
        cache.set("a", 2)
        cache.delete("a")
        with pytest.raises(CacheUnavailable):
            cache.incr("a")
        assert cache.count_in_window("rl:x:1", "rl:x:0", 60) == (1, 0)  # the rate limit fails open
        assert cache.get_or_set("c", lambda: "computed") == "computed"
        generation.purge()
        assert generation.read() is None
        assert time.monotonic() - started < 1.5  # one timeout, then straight answers
        _down_until.clear()
