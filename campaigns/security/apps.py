from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "campaigns.security"
    label = "security"
    verbose_name = _("Bảo mật và dữ liệu cá nhân")

    def ready(self):
        from campaigns import spreadsheets

        from . import consent, csp_widgets, object_scope

        csp_widgets.install()
        object_scope.install()  # bulk actions stay within the scope
        spreadsheets.install()  # every Wagtail listing export is formula-safe
        consent.connect()
