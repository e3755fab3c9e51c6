from django.urls import path
from wagtail import hooks

from . import twofactor_views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/setup/", twofactor_views.setup, name="security_2fa_setup"),
        path("two-factor/verify/", twofactor_views.verify, name="security_2fa_verify"),
    ]


@hooks.register("insert_global_admin_js")
def csp_safe_initialisers():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}"></script>', static("security/admin-csp-init.js"))
