"""Fixtures shared by the whole suite."""

import pytest
from celery.contrib.testing.worker import start_worker

from tasks.celery_app import app as celery_app


def uses_postgres():
    from django.db import connection

    return connection.vendor == "postgresql"


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker, in a thread, consuming the configured broker (the filesystem
    transport by default, Redis when REDIS_URL is set). Yields the worker.

    Tests that use it run without a wrapping transaction: the worker's thread has its own
    database connection and must see what the test committed.

    The queue is emptied first: earlier tests enqueue tasks on commit with no worker
    running, and a worker that starts behind that backlog would make this test wait on
    work that is not its own."""
    celery_app.loader.import_default_modules()
    celery_app.control.purge()
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False,
                      shutdown_timeout=10, loglevel="WARNING") as worker:
        yield worker


@pytest.fixture
def demo_data(db):
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate-limit counters (campaigns/security/
    ratelimit.py) and cached pages never leak from one test into the next."""
    from django.core.cache import cache

    from config import health

    cache.clear()
    health.forget()  # /healthz keeps its last answer in memory for a few seconds
    yield
