"""The newsletter's article source (campaigns/newsletter/articles.py): the site's live, public
article pages, registered by cms/apps.py."""

from wagtail.models import Locale

from campaigns.newsletter.articles import Article
from cms.models import ArticlePage
from config.links import page_url


def _article(page):
    return Article(pk=page.pk, title=page.title, url=page_url(page), summary=page.summary,
                   first_published_at=page.first_published_at)


class SiteArticles:
    def published(self, *, language, after, until, topic_ids, limit):
        locale = Locale.objects.filter(language_code=language).first()
        pages = ArticlePage.objects.live().public().filter(
            locale=locale, first_published_at__gt=after, first_published_at__lte=until,
        )
        if topic_ids:
            pages = pages.filter(topics__in=topic_ids).distinct()
        return list(pages.order_by("first_published_at").values_list("pk", "first_published_at")[:limit])

    def still_published(self, ids):
        pages = ArticlePage.objects.live().public().filter(pk__in=ids).order_by("first_published_at")
        return [_article(page) for page in pages]
