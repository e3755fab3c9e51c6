from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "campaigns.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self):
        from . import checks, composers  # noqa: F401

        # Each app's notification_hooks.py registers what is its own: composers and
        # still-wanted checks of the kinds it owns, broadcast audiences, planners.
        composers.autodiscover()
