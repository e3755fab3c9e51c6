"""Campaigns in the Wagtail admin: the campaign records (officers and approvers edit them,
monitors view them; each account reaches only the campaigns of its units) and the results
screens, with a menu item for the roles that read results."""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.i18n.admin_search import FoldedSearchViewSet
from campaigns.security.object_scope import ScopedViewSet

from .access import campaign_scope, can_read_results
from .models import Campaign


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_results(request.user)


@hooks.register("register_admin_urls")
def register_outreach_urls():
    return [path("chien-dich/", include("campaigns.outreach.urls"))]


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(_("Kết quả chiến dịch"), reverse("outreach_campaigns"), icon_name="tasks", order=260)


class CampaignViewSet(ScopedViewSet, FoldedSearchViewSet, SnippetViewSet):
    model = Campaign
    icon = "tasks"
    menu_label = _("Chiến dịch")
    add_to_admin_menu = True
    menu_order = 255
    list_display = ["title", "slug", "starts_on", "ends_on"]
    search_fields = ["title", "slug", "topic"]
    panels = [
        FieldPanel("title"), FieldPanel("slug"), FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Thời gian")),
        FieldPanel("topic"),
        FieldPanel("units"),
        FieldPanel("courses", widget=forms.CheckboxSelectMultiple),
        FieldPanel("runs"),
        MultiFieldPanel([FieldPanel("broadcasts"), FieldPanel("include_digests")], heading=_("Tin nhắn của chiến dịch")),
        InlinePanel("goals", heading=_("Mục tiêu theo chỉ tiêu"), label=_("mục tiêu")),
    ]

    def object_scope(self, user):
        return campaign_scope(user)


register_snippet(CampaignViewSet)
