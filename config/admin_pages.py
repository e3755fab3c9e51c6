"""The project's own admin screens (dashboards, results, imports): Wagtail's generic base
template shows a screen's title only as the last breadcrumb once any breadcrumbs are given,
and WagtailAdminTemplateMixin gives "Home" alone by default — so a screen built on it showed
"Trang chủ" where its title belongs. AdminPage ends the breadcrumbs with the screen's own
title (after `parents`: (url, label) pairs of the screens above it)."""

from django.urls import reverse
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPage(WagtailAdminTemplateMixin):
    parents = ()  # ((url name, label), …) between Home and this screen

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        items += [{"url": reverse(name), "label": label} for name, label in self.parents]
        return items + [{"url": "", "label": self.get_page_title()}]
