from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class I18nConfig(AppConfig):
    name = "campaigns.i18n"
    label = "i18n"
    verbose_name = _("Ngôn ngữ")

    def ready(self):
        from . import signals  # noqa: F401
