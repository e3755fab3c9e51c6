"""The campaign page: a period, goals, key messages, related articles and the courses of the
training catalogue that belong to it (read from the domain, never written)."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from cms.blocks import BODY_BLOCKS
from cms.indicator_blocks import IndicatorProgressBlock
from cms.plain_text import rich_text_plain, stream_plain

from .base import IMAGE_PREFETCH, SitePage
from .mixins import HeroMixin

CAMPAIGN_BLOCKS = BODY_BLOCKS + [("indicator_progress", IndicatorProgressBlock())]


class CampaignPage(HeroMixin, SitePage):
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    summary = models.TextField(_("tóm tắt"), max_length=500, blank=True)
    goals = RichTextField(_("mục tiêu"), blank=True, features=["bold", "italic", "ol", "ul", "link"])
    key_messages = StreamField(
        [("message", blocks.CharBlock(label=_("thông điệp"), max_length=300))],
        blank=True, verbose_name=_("thông điệp chính"),
    )
    body = StreamField(CAMPAIGN_BLOCKS, blank=True, verbose_name=_("nội dung"))
    courses = ParentalManyToManyField(
        "training.Course", blank=True, related_name="+", verbose_name=_("khóa học của chiến dịch"),
    )
    # The domain record this page presents (campaigns/outreach): its period, units, messages,
    # goals and results. The page reads it; it never writes it.
    campaign = models.ForeignKey(
        "outreach.Campaign", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("chiến dịch (bản ghi kết quả)"),
        help_text=_("Bản ghi chiến dịch dùng để đếm lượt xem, tin nhắn, đăng ký và chỉ tiêu của trang này."),
    )

    search_kind = "campaign"
    content_panels = Page.content_panels + [
        "summary",
        MultiFieldPanel(["starts_on", "ends_on"], heading=_("Thời gian")),
        "campaign",
        *HeroMixin.hero_panels,
        "goals", "key_messages", "body",
        InlinePanel("related_article_links", label=_("Bài viết liên quan")),
        FieldPanel("courses", widget=forms.CheckboxSelectMultiple),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("chiến dịch truyền thông")
        verbose_name_plural = _("chiến dịch truyền thông")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            from django.core.exceptions import ValidationError

            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})

    def search_document(self):
        messages = " ".join(block.value for block in self.key_messages)
        text = " ".join([rich_text_plain(self.goals), messages, stream_plain(self.body)])
        return {"summary": self.summary, "text": text, "date": self.starts_on}

    def get_context(self, request, *args, **kwargs):
        """The campaign with its live related articles and its courses, read when the
        template first needs them (the related articles sit in a cached fragment)."""
        from .pages import lazy_list

        context = super().get_context(request, *args, **kwargs)
        context["related"] = lazy_list(self.related_articles)
        context["courses"] = lazy_list(self.courses.all)
        context["open_runs"] = lazy_list(self.open_runs)
        return context

    def open_runs(self):
        """The runs of this campaign's courses open to registration, soonest first, with
        their first session and seats left (read from the training catalogue)."""
        from campaigns.training.queries import catalogue

        return catalogue().filter(course__in=self.courses.all())

    def related_articles(self):
        """The live public articles linked from this campaign, in the editor's order."""
        from .pages import ArticlePage

        ids = [link.page_id for link in self.related_article_links.all()]
        related = {
            page.pk: page for page in ArticlePage.objects.live().public().filter(pk__in=ids)
            .select_related("hero_image", "listing_image").prefetch_related(*IMAGE_PREFETCH)
        }
        return [related[pk] for pk in ids if pk in related]


class CampaignRelatedArticle(Orderable):
    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="related_article_links")
    page = models.ForeignKey(
        "cms.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("bài viết"),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("bài viết liên quan")
