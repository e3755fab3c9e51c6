from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    # This module also holds UsersAdminConfig (and imports Wagtail's): "campaigns.accounts" in
    # INSTALLED_APPS must still mean this one.
    default = True
    name = "campaigns.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self):
        from .role_setup import after_migrate

        # The one place the roles are set up after `migrate` (see role_setup.py).
        post_migrate.connect(after_migrate, dispatch_uid="accounts_setup_roles")


class UsersAdminConfig(WagtailUsersAppConfig):
    """wagtail.users, with the Users list searched accent-insensitively (users_admin.py)."""

    user_viewset = "campaigns.accounts.users_admin.UserViewSet"
