"""Page types of the public site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ArticleIndexPage", "cms.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")

    def get_context(self, request, *args, **kwargs):
        """The page's context plus the latest live articles in its language."""
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            ArticlePage.objects.live().public().filter(locale=self.locale).order_by("-date")[:6]
        )
        return context


class ArticleIndexPage(Page):
    intro = RichTextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + ["intro"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("danh mục bài viết")


class ArticlePage(Page):
    date = models.DateField(_("ngày đăng"))
    summary = models.TextField(_("tóm tắt"), max_length=500)
    body = RichTextField(_("nội dung"))

    content_panels = Page.content_panels + ["date", "summary", "body"]
    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài viết")


class CampaignPage(Page):
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    goals = RichTextField(_("mục tiêu"), blank=True)

    content_panels = Page.content_panels + ["starts_on", "ends_on", "goals"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("chiến dịch truyền thông")
