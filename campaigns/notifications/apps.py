from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "campaigns.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from . import checks, composers, signals  # noqa: F401

        # Each app's notification_hooks.py registers the composers of the kinds it owns.
        composers.autodiscover()
