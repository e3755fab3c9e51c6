from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Nội dung")

    def ready(self):
        from cms import roles, signals

        signals.connect()
        # Roles and the approval workflow are (re)created after every migrate, after the
        # permissions they need exist; the function is idempotent.
        post_migrate.connect(roles.after_migrate, dispatch_uid="cms-publishing-roles")
