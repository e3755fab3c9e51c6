from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """The newsletter: subscribers (double opt-in), their digests through the notifications
    ledger, and the admin screen of subscribers. The articles a digest lists are the site's
    pages, which this app never imports: cms registers where they come from (articles.py)."""

    name = "campaigns.newsletter"
    label = "newsletter"
    verbose_name = _("Bản tin")
