"""Reach tests: a small site (tests/cms/conftest.py), a browser's user agent, and an empty
counter buffer for each test (the buffer is the process's; other tests fill it too)."""

import pytest
from django.test import Client

from campaigns.reach import counting
from tests.cms.conftest import publish, site  # noqa: F401 - the fixture

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


@pytest.fixture(autouse=True)
def _empty_buffer(settings):
    settings.REACH_FLUSH_SECONDS = 3600  # the tests flush themselves, whatever the machine's speed
    counting.buffer.take()
    yield
    counting.buffer.take()


@pytest.fixture
def browser():
    """A visitor's browser: a real user agent, no cookie yet."""
    return Client(HTTP_USER_AGENT=BROWSER)


@pytest.fixture
def run(db):
    from tests.campaigns.training.factories import run_with_sessions

    return run_with_sessions(capacity=5, sessions=2)
