from django.urls import path
from wagtail import hooks

from . import admin_views, twofactor_views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/setup/", twofactor_views.setup, name="security_2fa_setup"),
        path("two-factor/verify/", twofactor_views.verify, name="security_2fa_verify"),
        path("personal-data/", admin_views.people, name="security_people"),
        path("personal-data/<int:pk>/", admin_views.person_data, name="security_person_data"),
        path("personal-data/<int:pk>/export.<str:fmt>", admin_views.person_export, name="security_person_export"),
        path("personal-data/<int:pk>/erase/", admin_views.person_erase, name="security_person_erase"),
    ]


@hooks.register("register_admin_menu_item")
def personal_data_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    class PersonalDataMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("programme.view_person")

    return PersonalDataMenuItem(_("Dữ liệu cá nhân"), reverse("security_people"), icon_name="user", order=9000)


@hooks.register("insert_global_admin_js")
def csp_safe_initialisers():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}"></script>', static("security/admin-csp-init.js"))


@hooks.register("before_bulk_action")
def bulk_actions_stay_in_scope(request, action_type, objects, action):
    from .object_scope import refuse_bulk_outside_scope

    return refuse_bulk_outside_scope(request, action_type, objects, action)
