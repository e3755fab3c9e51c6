from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class I18nConfig(AppConfig):
    name = "campaigns.i18n"
    label = "i18n"
    verbose_name = _("Ngôn ngữ")

    def ready(self):
        from django.conf import settings
        from django.utils import translation
        from wagtail import hooks

        from . import signals  # noqa: F401  (connects its receivers)
        from .wagtail_labels import install as install_wagtail_labels

        install_wagtail_labels()
        # After the labels: importing Wagtail's admin forms builds some of them.
        from .slugs import install as install_vietnamese_slugs

        install_vietnamese_slugs()

        # Wagtail builds some labels once, when it first loads the wagtail_hooks modules (the
        # snippet chooser widgets' "Choose …", for example). Load them now, in the site's
        # language, rather than inside whatever happens to trigger them first: a management
        # command (migrate, load_demo_data) runs with translations deactivated, and the labels
        # would stay English for the life of that process.
        with translation.override(settings.LANGUAGE_CODE):
            hooks.search_for_hooks()
