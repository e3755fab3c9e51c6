"""The base of every page type: SEO/social and listing-card fields, and what the search
index and the cache need to know about a page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

from campaigns.text import slug_of
from cms import compiled

from .mixins import ListingCardMixin, SeoMixin

IMAGE_PREFETCH = ("hero_image__renditions", "listing_image__renditions")


class SitePage(SeoMixin, ListingCardMixin, Page):
    # The kind under which the page appears in search results; "" keeps it out of search.
    search_kind = ""
    # What cms/routes.py loads with the page when it serves a remembered route.
    serve_select_related = ()

    promote_panels = SeoMixin.seo_panels + ListingCardMixin.listing_panels + [
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Trình đơn")),
    ]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Wagtail fills an empty slug with Django's slugify, which drops đ ("Đồng Nai" ->
        # "ong-nai"); ours transliterates it ("dong-nai"), unique among the page's siblings.
        # (Like Wagtail, only once the page has its place in the tree.)
        if not self.slug and self.path and self.title:
            self.slug = self._free_slug(slug_of(self.title, 255))
        super().full_clean(*args, **kwargs)

    def _free_slug(self, base):
        if not base:
            return ""
        siblings = Page.objects.filter(path__startswith=self.path[: -self.steplen], depth=self.depth)
        if self.pk:
            siblings = siblings.exclude(pk=self.pk)
        candidate, number = base, 1
        while siblings.filter(slug=candidate).exists():
            number += 1
            candidate = f"{base[: 250]}-{number}"
        return candidate

    def search_document(self):
        """What the search index stores for this page: summary, body text and a date."""
        return {"summary": self.card_summary(), "text": "", "date": None}

    def get_url_parts(self, request=None):
        """Wagtail's answer, remembered per process (cms/page_urls.py)."""
        from cms.page_urls import url_parts

        return url_parts(self, request, lambda: super(SitePage, self).get_url_parts(request))

    def get_view_restrictions(self):
        """None for a page served through a remembered route: cms/routes.py remembers only
        routes of unrestricted pages, and any change of restrictions forgets them all."""
        if getattr(self, "known_unrestricted", False):
            return PageViewRestriction.objects.none()  # an empty queryset asks the database nothing
        return super().get_view_restrictions()

    def translations_for_switcher(self):
        """Live public translations of this page (including itself), one per locale, for
        the language switcher and hreflang links."""
        if not hasattr(self, "_switcher_translations"):
            self._load_switcher()
        return self._switcher_translations

    def homes_for_switcher(self):
        """The live home page of each language: where the switcher leads when this page
        has no translation in that language."""
        if not hasattr(self, "_switcher_homes"):
            self._load_switcher()
        return self._switcher_homes

    def _load_switcher(self):
        """Both lists in one query (privacy checked inside it: cms/privacy.py)."""
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Q

        from cms.privacy import not_restricted

        home = ContentType.objects.get_for_model(apps.get_model("cms", "HomePage"))
        rows = compiled.rows(("switcher", self.translation_key, home.pk), lambda: (
            Page.objects.live().select_related("locale")
            .filter((Q(translation_key=self.translation_key) & Q(not_restricted())) | Q(content_type=home.pk))
            .annotate(_cms_public=not_restricted()).order_by("path")
        ))
        self._switcher_translations = [p for p in rows if p.translation_key == self.translation_key and p._cms_public]
        self._switcher_homes = [p for p in rows if p.content_type_id == home.pk]
