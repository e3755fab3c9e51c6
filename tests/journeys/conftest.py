"""Journeys that use a live server start after transactional tests may have flushed Wagtail's
root page, collection and locales: put them back first, as the browser tests do."""

from tests.e2e.conftest import _wagtail_roots_after_flush  # noqa: F401 - autouse fixture
