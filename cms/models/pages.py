"""Home, news (article index, article, story of a woman leader) and standard pages."""

from django import forms
from django.db import models
from django.db.models import ExpressionWrapper, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms import compiled
from cms.blocks import BODY_BLOCKS
from cms.indicator_blocks import IndicatorProgressBlock
from cms.pagination import paginate
from cms.plain_text import reading_minutes, stream_plain
from cms.privacy import public
from cms.renditions import loaded_hero, renditions_on_demand, with_renditions

from .base import IMAGE_PREFETCH, SitePage
from .mixins import HeroMixin
from .snippets import Topic

ARTICLES_PER_PAGE = 12
HOME_BLOCKS = BODY_BLOCKS + [("indicator_progress", IndicatorProgressBlock())]
# What a card never shows, left in the database (a body's JSON is most of a page's row).
CARD_DEFERRED = ("body",)


def lazy_list(query):
    """The list `query()` returns, fetched the first time a template reads it."""
    return SimpleLazyObject(lambda: list(query()))


def live_articles(locale, *, renditions=True):
    """Live public articles and stories of a locale (a Locale or its id), newest first, with
    what cards need (their images' renditions too, unless the caller fetches those for
    several lists at once: with_renditions)."""
    articles = (
        public(ArticlePage.objects.live()).filter(locale=locale)
        .select_related("hero_image", "listing_image")
        .order_by("-date", "-first_published_at")
    )
    return articles.prefetch_related(*IMAGE_PREFETCH) if renditions else articles


def latest_cards(locale, *, articles, stories):
    """The newest `articles` articles and `stories` stories of a locale, in one query:
    ({"articles": [...], "stories": [...]}, without their renditions)."""
    def build():
        newest = [F("date").desc(), F("first_published_at").desc()]
        return (
            live_articles(locale, renditions=False).defer(*CARD_DEFERRED)
            .annotate(is_story=ExpressionWrapper(Q(storypage__isnull=False), output_field=models.BooleanField()))
            .annotate(rank=Window(RowNumber(), partition_by=[F("is_story")], order_by=newest))
            .filter(Q(is_story=False, rank__lte=articles) | Q(is_story=True, rank__lte=stories))
        )

    found = {"articles": [], "stories": []}
    for row in compiled.rows(("latest_cards", getattr(locale, "pk", locale), articles, stories), build):
        found["stories" if row.is_story else "articles"].append(row)
    return found


class HomePage(HeroMixin, SitePage):
    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])
    # The programme's progress (the public indicator block) belongs on the home page too.
    body = StreamField(HOME_BLOCKS, blank=True, verbose_name=_("nội dung"))

    content_panels = Page.content_panels + HeroMixin.hero_panels + ["intro", "body"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ArticleIndexPage", "cms.CampaignPage", "cms.DocumentLibraryPage", "cms.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        """The page plus the next runs open to registration, the latest articles, the latest
        stories and the running campaigns, read when the template first needs them: it does
        not while its cached fragment (cms/templatetags/cms_fragments.py) is there."""
        from campaigns.training.queries import catalogue

        from .campaigns import CampaignPage

        context = super().get_context(request, *args, **kwargs)
        locale, today = self.locale_id, timezone.localdate()

        hero = loaded_hero(self)

        def cards():  # articles and stories in one query, every card's and the hero's renditions in one more
            latest = latest_cards(locale, articles=6, stories=3)
            running = compiled.rows(("home.campaigns", locale, today), lambda: (
                public(CampaignPage.objects.live()).filter(locale_id=locale, ends_on__gte=today)
                .select_related("hero_image", "listing_image").defer(*CARD_DEFERRED, "key_messages")
                .order_by("starts_on")[:3]
            ))
            with_renditions(latest["articles"], latest["stories"], running, images=[hero] if hero else [])
            return {**latest, "campaigns": running}

        home_cards = SimpleLazyObject(cards)
        if hero:
            renditions_on_demand(hero, lambda: home_cards["campaigns"])
        context["next_runs"] = lazy_list(lambda: compiled.rows(
            ("home.runs",), lambda now: catalogue(now=now)[:3], now=timezone.now()))
        context["latest_articles"] = lazy_list(lambda: home_cards["articles"])
        context["latest_stories"] = lazy_list(lambda: home_cards["stories"])
        context["campaigns"] = lazy_list(lambda: home_cards["campaigns"])
        context["news_index"] = SimpleLazyObject(lambda: compiled.first(
            ("home.news_index", locale),
            lambda: ArticleIndexPage.objects.live().filter(locale_id=locale).order_by("path")[:1]))
        return context


class ArticleIndexPage(SitePage):
    intro = RichTextField(_("giới thiệu"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + ["intro"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage", "cms.StoryPage"]

    class Meta:
        verbose_name = _("danh mục bài viết")

    def get_context(self, request, *args, **kwargs):
        """One page of this index's articles, filtered by ?topic=<slug> when given."""
        context = super().get_context(request, *args, **kwargs)
        articles = live_articles(self.locale).child_of(self)
        topic = None
        slug = request.GET.get("topic", "")
        if slug:
            topic = Topic.objects.filter(slug=slug[:100]).first()
            articles = articles.filter(topics=topic) if topic else articles.none()
        context["topic"] = topic
        context["topics"] = Topic.objects.filter(articlepage__in=self.get_children().live()).distinct()
        context["articles"] = paginate(request, articles, per_page=ARTICLES_PER_PAGE)
        return context


class ArticlePage(HeroMixin, SitePage):
    date = models.DateField(_("ngày đăng"), default=timezone.localdate)
    summary = models.TextField(_("tóm tắt"), max_length=500)
    author = models.ForeignKey(
        "cms.Author", null=True, blank=True, on_delete=models.SET_NULL, related_name="articles",
        verbose_name=_("tác giả"),
    )
    topics = ParentalManyToManyField("cms.Topic", blank=True, verbose_name=_("chủ đề"))
    tags = ClusterTaggableManager(through="cms.ArticleTag", blank=True, verbose_name=_("từ khóa"))
    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"))
    reading_time = models.PositiveSmallIntegerField(_("thời gian đọc (phút)"), default=1, editable=False)

    search_kind = "article"
    serve_select_related = ("hero_image", "author")
    content_panels = Page.content_panels + [
        "summary",
        MultiFieldPanel(["date", "author"], heading=_("Thông tin bài")),
        *HeroMixin.hero_panels,
        "body",
        MultiFieldPanel([FieldPanel("topics", widget=forms.CheckboxSelectMultiple), "tags"],
                        heading=_("Phân loại")),
    ]
    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def save(self, *args, **kwargs):
        self.reading_time = reading_minutes(self.summary, stream_plain(self.body))
        super().save(*args, **kwargs)

    def search_document(self):
        return {"summary": self.summary, "text": stream_plain(self.body), "date": self.date}

    def _related_rows(self, name):
        """This article's topics or tags: compiled once per article (cms/compiled.py), unless
        a preview holds them in memory."""
        found = getattr(self, name).all()
        if not isinstance(found, QuerySet):
            return list(found)
        return compiled.rows((f"article.{name}", self.pk), lambda: getattr(self, name).all())

    def related_articles(self, limit=3, *, renditions=True):
        """Other live articles of the same locale that share a topic with this one (with
        their images' renditions, unless the caller fetches those: with_renditions)."""
        topics = self.topics.all()

        def build():
            # A semi-join on the topic links, not a join made DISTINCT: DISTINCT over every
            # column of the pages took PostgreSQL ~3 ms to plan, more than the rest of the page's SQL.
            sharing = ArticlePage.topics.through.objects.filter(topic__in=topics).values("articlepage_id")
            return (live_articles(self.locale_id, renditions=renditions).defer(*CARD_DEFERRED)
                    .filter(pk__in=sharing).exclude(pk=self.pk)[:limit])

        if not isinstance(topics, QuerySet):  # a preview's topics, held in memory: their ids are in the SQL
            return list(build())
        return compiled.rows(("related", self.locale_id, self.pk, limit, renditions), build)

    def get_context(self, request, *args, **kwargs):
        """The article with its topics, tags and related articles, each one query whatever
        their count. All lazy: the template reads them only when its cached fragment is
        missing (cms/templatetags/cms_fragments.py)."""
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = lazy_list(lambda: self._related_rows("topics"))
        context["tags"] = lazy_list(lambda: self._related_rows("tags"))
        hero = loaded_hero(self)

        def related():  # the related articles, then their renditions and the hero's in one query
            return with_renditions(self.related_articles(renditions=False), images=[hero] if hero else [])[0]

        related = SimpleLazyObject(related)
        if hero:
            renditions_on_demand(hero, lambda: len(related))
        context["related"] = related
        context["index"] = SimpleLazyObject(self.get_parent)
        return context


class StoryPage(ArticlePage):
    """An article about one woman leader: who she is, where she serves, in her own words."""

    leader_name = models.CharField(_("họ và tên người được viết"), max_length=120)
    leader_position = models.CharField(_("chức vụ"), max_length=200)
    leader_unit = models.CharField(_("cơ quan, đơn vị"), max_length=200, blank=True)
    leader_quote = models.TextField(_("câu nói tiêu biểu"), max_length=500, blank=True)

    search_kind = "story"
    content_panels = ArticlePage.content_panels[:2] + [
        MultiFieldPanel(["leader_name", "leader_position", "leader_unit", "leader_quote"],
                        heading=_("Người phụ nữ lãnh đạo")),
    ] + ArticlePage.content_panels[2:]
    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []
    template = "cms/story_page.html"

    class Meta:
        verbose_name = _("câu chuyện phụ nữ lãnh đạo")
        verbose_name_plural = _("câu chuyện phụ nữ lãnh đạo")

    def search_document(self):
        document = super().search_document()
        document["text"] = " ".join([self.leader_name, self.leader_position, self.leader_unit,
                                     self.leader_quote, document["text"]])
        return document


class StandardPage(HeroMixin, SitePage):
    intro = models.TextField(_("giới thiệu"), blank=True, max_length=500)
    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"))

    search_kind = "page"
    content_panels = Page.content_panels + HeroMixin.hero_panels + ["intro", "body"]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("trang thông thường")

    def search_document(self):
        return {"summary": self.intro, "text": stream_plain(self.body), "date": None}

