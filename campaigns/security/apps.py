from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles_after_migrate(sender, app_config=None, using="default", apps=None, **kwargs):
    # post_migrate is sent once per app; permissions of every app exist only after the last
    # app with models has been handled, so the roles are synced then.
    from django.apps import apps as live_apps

    last = [config for config in live_apps.get_app_configs() if config.models_module is not None][-1]
    if sender.label != last.label:
        return
    # Our receiver may run before auth's for this last app: create its permissions first.
    from django.contrib.auth.management import create_permissions

    from campaigns.accounts.roles import sync_role_groups

    create_permissions(sender, verbosity=0, using=using)
    sync_role_groups(using=using)


class SecurityConfig(AppConfig):
    name = "campaigns.security"
    label = "security"
    verbose_name = _("Bảo mật và dữ liệu cá nhân")

    def ready(self):
        from . import consent, csp_widgets

        csp_widgets.install()

        post_migrate.connect(_sync_roles_after_migrate, dispatch_uid="security_sync_roles")
        consent.connect()
