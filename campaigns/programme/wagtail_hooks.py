"""Programme monitoring in the Wagtail admin: the dashboard's URLs and menu item (for the
roles that may see it), and the programme's records as snippets: plans with their targets
(data an administrator edits, never constants in code), posts, holdings, the planning pool
and training records. Nothing is deleted from these screens: records end by their dates."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaigns.i18n.admin_search import FoldedSearchViewSet
from campaigns.security.object_scope import ScopedViewSet, register_scope

from .access import can_view, scoped_records, visible_units
from .models import LeadershipPost, OrganisationUnit, Person, Plan, PlanningPoolEntry, PostHolding, TrainingRecord

# Forms anywhere in the admin offer only the units (and the people of the units) the account
# may see; people with no unit are offered to every staff account, as in the personal-data pages.
register_scope(OrganisationUnit, visible_units)
register_scope(Person, scoped_records(Person, "unit", include_unassigned=True))


class ProgrammeMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


@hooks.register("register_admin_urls")
def register_programme_urls():
    return [path("chuong-trinh/", include("campaigns.programme.urls"))]


@hooks.register("register_admin_menu_item")
def register_programme_menu_item():
    return ProgrammeMenuItem(_("Giám sát chương trình"), reverse("programme_dashboard"), icon_name="site", order=250)


class NoDeletePolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody deletes: history must survive for "as of" reports."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class _Records(ScopedViewSet, FoldedSearchViewSet, SnippetViewSet):
    """Each record is reached only by accounts that may see its unit (scope_field)."""

    scope_field = "unit"
    include_unassigned = False

    def object_scope(self, user):
        return scoped_records(self.model, self.scope_field, include_unassigned=self.include_unassigned)(user)

    @property
    def permission_policy(self):
        return NoDeletePolicy(self.model)


class PlanViewSet(_Records):
    model = Plan
    scope_field = "scope_unit"
    include_unassigned = True  # a national plan applies everywhere
    icon = "doc-full"
    menu_label = _("Kế hoạch và chỉ tiêu")
    list_display = ["number", "issuer", "issued_on", "scope_unit", "superseded_by"]
    search_fields = ["number", "title", "issuer"]
    panels = [
        MultiFieldPanel([FieldPanel("number"), FieldPanel("issuer"), FieldPanel("issued_on"), FieldPanel("title")],
                        heading=_("Văn bản")),
        FieldPanel("scope_unit"),
        FieldPanel("superseded_by"),
        InlinePanel("targets", heading=_("Chỉ tiêu theo năm"), label=_("chỉ tiêu")),
    ]


class LeadershipPostViewSet(_Records):
    model = LeadershipPost
    icon = "user"
    menu_label = _("Chức danh lãnh đạo")
    list_display = ["title", "unit", BooleanColumn("is_key_leader", label=_("là lãnh đạo chủ chốt")), "retired_on"]
    list_filter = ["is_key_leader"]
    search_fields = ["title", "unit__name"]
    panels = [FieldPanel("unit"), FieldPanel("title"), FieldPanel("is_key_leader"), FieldPanel("retired_on")]


class PostHoldingViewSet(_Records):
    model = PostHolding
    scope_field = "post__unit"
    icon = "user"
    menu_label = _("Quá trình giữ chức")
    list_display = ["person", "post", "starts_on", "ends_on"]
    search_fields = ["person__full_name", "post__title"]
    panels = [FieldPanel("post"), FieldPanel("person"), FieldPanel("starts_on"), FieldPanel("ends_on")]


class PlanningPoolViewSet(_Records):
    model = PlanningPoolEntry
    icon = "group"
    menu_label = _("Diện quy hoạch")
    list_display = ["person", "target_post", "unit", "term_start_year", "term_end_year", "starts_on", "ends_on"]
    search_fields = ["person__full_name", "target_post", "unit__name"]
    panels = [FieldPanel("person"), FieldPanel("unit"), FieldPanel("target_post"), FieldPanel("target_level"),
              FieldPanel("term_start_year"), FieldPanel("term_end_year"), FieldPanel("starts_on"), FieldPanel("ends_on")]


class TrainingRecordViewSet(_Records):
    model = TrainingRecord
    scope_field = "person__unit"
    icon = "tick"
    menu_label = _("Hồ sơ đào tạo")
    list_display = ["person", "title", "completed_on", "source"]
    search_fields = ["person__full_name", "title", "provider"]
    list_filter = ["source"]
    panels = [FieldPanel("person"), FieldPanel("title"), FieldPanel("provider"), FieldPanel("completed_on"),
              FieldPanel("source"), FieldPanel("reference")]


class ProgrammeRecords(SnippetViewSetGroup):
    menu_label = _("Dữ liệu chương trình")
    menu_icon = "folder-open-inverse"
    menu_order = 260
    items = (PlanViewSet, LeadershipPostViewSet, PostHoldingViewSet, PlanningPoolViewSet, TrainingRecordViewSet)


register_snippet(ProgrammeRecords)
