"""Browser tests run against a live server, so their database is flushed after each test.
Each one starts from the data the migrations created (root page, locales, collections,
content types, permissions, role groups): serialized rollback restores it, whatever the
transactional tests before it flushed."""

import pytest


@pytest.fixture(autouse=True)
def _migration_data_restored(django_db_serialized_rollback):
    yield
