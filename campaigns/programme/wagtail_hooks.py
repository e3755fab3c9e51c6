"""Programme monitoring in the Wagtail admin: its URLs and a menu item for the roles that
may see it (organizers, monitors, administrators)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import can_view


class ProgrammeMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_admin_urls")
def register_programme_urls():
    return [path("chuong-trinh/", include("campaigns.programme.urls"))]


@hooks.register("register_admin_menu_item")
def register_programme_menu_item():
    return ProgrammeMenuItem(_("Giám sát chương trình"), reverse("programme_dashboard"), icon_name="site", order=250)
