"""Journeys on a live server or the run command's processes start after transactional tests
may have flushed the rows Wagtail's migrations made (root page and collection, locales) and
left Django's content-type cache stale: `wagtail_roots` puts them back, as tests/e2e does."""

import pytest


@pytest.fixture
def wagtail_roots(transactional_db):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Bộ sưu tập gốc")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Trang gốc", slug="root", locale=locale))
