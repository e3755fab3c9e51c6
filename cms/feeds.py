"""RSS 2.0 and Atom feeds of the latest articles and stories, for all topics or one, in the
language of the URL (/feeds/... Vietnamese, /en/feeds/... English)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms import cache
from cms.models import Topic, live_articles
from config.links import absolute, page_url

FEED_SIZE = 20


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        cache.mark_cacheable(request)
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug=None):
        if slug is None:
            return None
        topic = Topic.objects.filter(slug=slug[:100]).first()
        if topic is None:
            raise Http404(_("Không có chủ đề này."))
        return topic

    def title(self, topic):
        site = _("Phụ nữ tham gia lãnh đạo, quản lý")
        return f"{site} – {topic.label}" if topic else site

    def link(self, topic):
        return absolute("/" if Locale.get_active().language_code == settings.LANGUAGE_CODE
                        else f"/{Locale.get_active().language_code}/")

    def feed_url(self, topic):
        return absolute(self.request.path)

    def description(self, topic):
        return _("Bài viết mới về sự tham gia bình đẳng của phụ nữ trong lãnh đạo, quản lý.")

    def items(self, topic):
        articles = live_articles(Locale.get_active()).select_related("author").order_by("-first_published_at")
        if topic is not None:
            articles = articles.filter(topics=topic)
        return articles[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    # Links on the site's public address, like every link that leaves the site (config.links).
    def item_link(self, item):
        return page_url(item)

    def item_guid(self, item):
        return page_url(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return item.author.name if item.author_id else None


class AtomArticleFeed(ArticleFeed):
    feed_type = Atom1Feed
    subtitle = ArticleFeed.description
