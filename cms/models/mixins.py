"""Small abstract mixins for fields that several page types share. Each carries its own
panels, so a page composes its editing interface from the mixins it uses."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def _image_fk(related_name, label):
    return models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=label,
    )


class HeroMixin(models.Model):
    """A hero image with the alt text that must accompany it."""

    hero_image = _image_fk("+", _("ảnh đầu trang"))
    hero_alt = models.CharField(
        _("mô tả ảnh đầu trang (alt)"), max_length=250, blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người khiếm thị."),
    )
    hero_caption = models.CharField(_("chú thích ảnh"), max_length=300, blank=True)

    serve_select_related = ("hero_image",)

    hero_panels = [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading=_("Ảnh đầu trang"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.hero_image_id and not (self.hero_alt or "").strip():
            raise ValidationError({"hero_alt": _("Hãy nhập mô tả cho ảnh đầu trang.")})


class SeoMixin(models.Model):
    """What search engines and social networks show: Wagtail's SEO title and description
    plus an image for Open Graph / Twitter cards."""

    social_image = _image_fk("+", _("ảnh chia sẻ mạng xã hội"))

    seo_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description"),
             FieldPanel("social_image")],
            heading=_("Tối ưu tìm kiếm và chia sẻ"),
        )
    ]

    class Meta:
        abstract = True

    def meta_description(self):
        """The description for <meta> and social cards: the SEO text, else the card summary,
        else the page's introduction as plain text (every page has one: search engines and
        link previews show it)."""
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        text = self.search_description or getattr(self, "card_summary", lambda: "")()
        if not text:
            text = " ".join(strip_tags(str(getattr(self, "intro", "") or "")).split())
        return Truncator(text).chars(300)

    def meta_image(self):
        return self.social_image or getattr(self, "hero_image", None) or getattr(self, "listing_image", None)


class ListingCardMixin(models.Model):
    """How the page looks as a card in lists: optional overrides of title, summary, image."""

    listing_title = models.CharField(_("tiêu đề trong danh sách"), max_length=255, blank=True)
    listing_summary = models.TextField(_("tóm tắt trong danh sách"), max_length=300, blank=True)
    listing_image = _image_fk("+", _("ảnh trong danh sách"))

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_title"), FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Thẻ trong danh sách"),
        )
    ]

    class Meta:
        abstract = True

    def card_title(self):
        return self.listing_title or self.title

    def card_summary(self):
        return self.listing_summary or getattr(self, "summary", "") or self.search_description

    def card_image(self):
        return self.listing_image or getattr(self, "hero_image", None)

    def card_alt(self):
        if self.listing_image_id:
            return self.listing_image.title
        return getattr(self, "hero_alt", "")
