"""sitemap.xml: every live public page of the site, in every language."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap


class AllLocalesSitemap(WagtailSitemap):
    def items(self):
        """Live public pages under the site's home page and under each of its translations."""
        from wagtail.models import Page

        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        under_a_root = Q()
        for path in roots.values_list("path", flat=True):
            under_a_root |= Q(path__startswith=path)
        return Page.objects.filter(under_a_root).live().public().order_by("path").defer_streamfields().specific()
