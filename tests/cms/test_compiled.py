"""Queries compiled once per process (cms/compiled.py): the rows always come from the
database, a key that does not determine its query fails under verification, values that
change from call to call (the current time) are put in their places; and Wagtail's image
tags keep the filters they parsed (cms/image_filters.py)."""

import datetime

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms import compiled
from cms.models import ArticlePage, Topic

from .conftest import make_article, make_image


@pytest.fixture(autouse=True)
def fresh():
    compiled.forget()
    yield
    compiled.forget()


def test_rows_come_from_the_database_every_time(site):
    topic = Topic.objects.create(name="Bình đẳng giới", slug="binh-dang-gioi")
    make_article(site["news"], title="Một", slug="mot", topics=[topic])
    titles = lambda: [p.title for p in compiled.rows(("test.topic", topic.pk), lambda: (  # noqa: E731
        ArticlePage.objects.live().filter(topics=topic).select_related("locale").order_by("title")))]
    assert titles() == ["Một"]
    make_article(site["news"], title="Hai", slug="hai", topics=[topic])
    with CaptureQueriesContext(connection) as queries:
        assert titles() == ["Hai", "Một"]
    assert len(queries) == 1


def test_related_objects_and_annotations_are_filled_from_the_kept_sql(site):
    article = make_article(site["news"], title="Có ảnh", slug="co-anh", hero_image=make_image("Ảnh"), hero_alt="Ảnh")
    for _ in range(2):
        found = compiled.first(("test.page", article.pk), lambda: (
            ArticlePage.objects.select_related("hero_image", "locale").filter(pk=article.pk)[:1]))
        with CaptureQueriesContext(connection) as queries:
            assert (found.hero_image.title, found.locale.language_code) == ("Ảnh", "vi")
        assert len(queries) == 0


def test_a_key_that_misses_a_value_fails_under_verification(site, settings):
    settings.CMS_VERIFY_COMPILED_QUERIES = True
    compiled.rows(("test.bad",), lambda: ArticlePage.objects.filter(title="Một"))
    with pytest.raises(AssertionError, match="does not determine its query"):
        compiled.rows(("test.bad",), lambda: ArticlePage.objects.filter(title="Hai"))


def test_variables_take_their_places_in_the_kept_sql(site):
    old = make_article(site["news"], title="Cũ", slug="cu")
    ArticlePage.objects.filter(pk=old.pk).update(first_published_at=timezone.now() - datetime.timedelta(days=10))
    make_article(site["news"], title="Mới", slug="moi")

    def since(moment):
        return [p.title for p in compiled.rows(
            ("test.since",), lambda at: ArticlePage.objects.filter(first_published_at__gte=at).order_by("title"),
            at=moment)]

    now = timezone.now()
    assert since(now - datetime.timedelta(days=1)) == ["Mới"]
    assert since(now - datetime.timedelta(days=30)) == ["Cũ", "Mới"]


def test_image_tags_keep_the_filters_they_parsed(site):
    from wagtail.images.templatetags.wagtailimages_tags import ImageNode, SrcsetImageNode

    template = engines["django"].from_string(
        "{% load wagtailimages_tags %}{% srcset_image image fill-{40x20,80x40} sizes='10vw' alt='' %}"
        "{% image image width-30 %}")
    srcset, single = ([node for node in template.template.nodelist if type(node) is kind][0]
                      for kind in (SrcsetImageNode, ImageNode))
    first = template.render({"image": make_image("Ảnh thẻ")})
    filters, spec = srcset.get_filters(), single.get_filter()
    second = template.render({"image": make_image("Ảnh khác")})
    assert second != first and 'width="40"' in second and 'width="30"' in second
    assert srcset.get_filters() is filters and single.get_filter() is spec
    assert [f.spec for f in filters] == ["fill-40x20", "fill-80x40"] and spec.spec == "width-30"
