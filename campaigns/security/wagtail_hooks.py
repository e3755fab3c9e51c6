from django.urls import path
from wagtail import hooks

from . import twofactor_views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/setup/", twofactor_views.setup, name="security_2fa_setup"),
        path("two-factor/verify/", twofactor_views.verify, name="security_2fa_verify"),
    ]
