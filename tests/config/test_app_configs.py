"""Each app is loaded with its own AppConfig (a module holding two must mark its default)."""

from django.apps import apps


def test_the_accounts_app_is_loaded_with_its_own_config_and_wagtail_users_with_ours():
    assert type(apps.get_app_config("accounts")).__name__ == "AccountsConfig"
    assert type(apps.get_app_config("wagtailusers")).__name__ == "UsersAdminConfig"
