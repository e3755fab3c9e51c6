"""The base of every page type: SEO/social and listing-card fields, and what the search
index and the cache need to know about a page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction

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

    def search_document(self):
        """What the search index stores for this page: summary, body text and a date."""
        return {"summary": self.card_summary(), "text": "", "date": None}

    def get_view_restrictions(self):
        """None for a page served through a remembered route: cms/routes.py remembers only
        routes of unrestricted pages, and any change of restrictions forgets them all."""
        if getattr(self, "known_unrestricted", False):
            return PageViewRestriction.objects.none()  # an empty queryset asks the database nothing
        return super().get_view_restrictions()

    def translations_for_switcher(self):
        """Live translations of this page (including itself), one per locale, for the
        language switcher and hreflang links."""
        if not hasattr(self, "_switcher_translations"):
            self._switcher_translations = list(
                self.get_translations(inclusive=True).live().public().select_related("locale")
            )
        return self._switcher_translations
