from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Nội dung")

    def ready(self):
        from campaigns.newsletter import articles
        from cms import image_filters, signals
        from cms.newsletter.articles import SiteArticles

        signals.connect()
        image_filters.parse_once()
        articles.register(SiteArticles())
