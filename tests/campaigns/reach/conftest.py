"""Reach tests: a small site (tests/cms/conftest.py), a browser's user agent, an empty
counter buffer for each test (the buffer is the process's; other tests fill it too), and
reach's hook registries as reach alone sees them: the campaigns app (outreach) registers its
resolver and checker at start-up; each test here starts with none and registers its own, and
the app's are put back after it."""

import pytest
from django.test import Client

from campaigns.reach import counting, hooks
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


@pytest.fixture(autouse=True)
def _reach_alone():
    saved = list(hooks._resolvers), list(hooks._checkers)
    hooks._resolvers.clear()
    hooks._checkers.clear()
    yield
    hooks._resolvers[:], hooks._checkers[:] = saved
