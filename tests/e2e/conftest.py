"""Browser tests run against a live server, so earlier transactional tests may have flushed
the rows Wagtail's migrations created (root page, root collection, locales), and Django's
content-type cache may still hold the ids from before the flush. Put both right first (the
roots with the names accounts/0003 gives them)."""

import pytest


@pytest.fixture(autouse=True)
def _wagtail_roots_after_flush(transactional_db):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Bộ sưu tập gốc")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Trang gốc", slug="root", locale=locale))
    yield
