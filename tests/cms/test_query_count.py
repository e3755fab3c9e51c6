"""An article page's SQL query count does not grow with its topics, tags or related articles."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import Topic

from .conftest import make_article, make_image


def queries_for(client, url):
    client.get(url)  # warm up: renditions are created on the first view
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def article_with(site, count, slug):
    topics = [Topic.objects.create(name=f"Chủ đề {slug} {n}", slug=f"{slug}-{n}") for n in range(count)]
    for n in range(count):
        make_article(site["news"], title=f"Liên quan {slug} {n}", slug=f"{slug}-lq-{n}", topics=topics,
                     hero_image=make_image(f"Ảnh {slug} {n}"), hero_alt="Ảnh")
    return make_article(site["news"], title=f"Bài {slug}", slug=slug, topics=topics,
                        tags=[f"từ khóa {n}" for n in range(count)], hero_image=make_image(f"Ảnh chính {slug}"),
                        hero_alt="Ảnh chính")


def test_article_query_count_is_constant_in_topics_tags_and_related(site, client):
    one = queries_for(client, article_with(site, 1, "mot").url)
    many = queries_for(client, article_with(site, 6, "nhieu").url)
    assert many == one, f"1 topic/tag/related: {one} queries; 6 of each: {many} queries"
    assert one <= 40
