"""Snippets editors reuse across pages: topics (which also drive listings, feeds and the
newsletter) and authors."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from campaigns.text import nfc, slug_of


class Topic(index.Indexed, models.Model):
    name = models.CharField(_("tên chủ đề"), max_length=100, unique=True)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=100, blank=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, allow_unicode=False)
    description = models.TextField(_("mô tả"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["name"]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.name_en = nfc(self.name_en)
        if not self.slug:
            self.slug = slug_of(self.name, 100)
        super().save(*args, **kwargs)

    @property
    def label(self):
        """The name in the active language (English when given and English is active)."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Author(index.Indexed, models.Model):
    name = models.CharField(_("họ và tên"), max_length=120)
    role = models.CharField(_("chức danh, đơn vị"), max_length=200, blank=True)
    bio = models.TextField(_("giới thiệu ngắn"), blank=True, max_length=1000)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("ảnh chân dung"),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("bio"), FieldPanel("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        super().save(*args, **kwargs)


class ArticleTag(TaggedItemBase):
    """Free tags of an article (topics are the curated taxonomy; tags are the editor's own)."""

    content_object = ParentalKey("cms.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")
