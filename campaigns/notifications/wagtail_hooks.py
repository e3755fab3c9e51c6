"""The notifications admin for organizers: templates (with preview), broadcasts (with a send page), channel preferences and the ledger (filterable, failed rows
retried in bulk), grouped under one menu."""

from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from campaigns.i18n.admin_search import FoldedSearchViewSet
from campaigns.security.object_scope import ScopedViewSet, in_scope

from . import access, admin_views, audiences
from .forms import ChannelPreferenceForm, broadcast_form_class
from .models import Broadcast, ChannelPreference, Delivery, DeliveryState, MessageTemplate


class MessageTemplateViewSet(FoldedSearchViewSet, SnippetViewSet):
    model = MessageTemplate
    icon = "mail"
    menu_label = _("Mẫu tin nhắn")
    list_display = ["__str__", "subject", "updated_at"]
    list_filter = ["kind", "language"]
    search_fields = ["subject", "text_body"]
    panels = [
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("language")], heading=_("Loại tin")),
        FieldPanel("subject"), FieldPanel("text_body"), FieldPanel("html_body"), FieldPanel("short_text"),
        FieldPanel("zns_template_id"),
    ]


class BroadcastViewSet(ScopedViewSet, FoldedSearchViewSet, SnippetViewSet):
    model = Broadcast

    def object_scope(self, user):
        return access.scoped_broadcasts(user)

    icon = "mail"
    menu_label = _("Gửi thông báo")
    list_filter = ["state", "audience"]
    search_fields = ["title", "subject", "body"]
    edit_handler = ObjectList([
        FieldPanel("title"), FieldPanel("subject"), FieldPanel("body"),
        # The audiences' own fields (a run and its statuses…) come from the apps that register them.
        MultiFieldPanel([FieldPanel("audience"), *(FieldPanel(name) for name in audiences.parameter_fields()),
                         FieldPanel("unit")], heading=_("Đối tượng nhận")),
        FieldPanel("channels"),
    ], base_form_class=broadcast_form_class())

    @property
    def list_display(self):
        return [
            TitleColumn("title", label=_("tên đợt gửi"),
                        get_url=lambda obj: reverse("notifications_broadcast_send", args=[obj.pk])),
            "audience", "state", "send_at", "recipient_count",
        ]


class ChannelPreferenceViewSet(ScopedViewSet, FoldedSearchViewSet, SnippetViewSet):
    model = ChannelPreference

    def object_scope(self, user):
        return access.scoped_preferences(user)

    icon = "user"
    menu_label = _("Tùy chọn kênh nhận tin")
    list_display = ["person", "order", "opted_out"]
    search_fields = ["person__full_name", "zalo_phone"]
    edit_handler = ObjectList([FieldPanel("person"), FieldPanel("order"), FieldPanel("opted_out"), FieldPanel("zalo_phone")],
                              base_form_class=ChannelPreferenceForm)


class LedgerPermissionPolicy(ModelPermissionPolicy):
    """The ledger is written by the engine only: people may view it (and retry, by bulk action)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


def _recipient(delivery):
    return delivery.person or delivery.address


def _reason(delivery):
    """The reason's label; for a failure, the provider's own words after it."""
    label = delivery.get_reason_display()
    if delivery.last_error and delivery.state == "failed":
        return f"{label}: {Truncator(delivery.last_error).chars(120)}" if label else Truncator(delivery.last_error).chars(120)
    return label


class DeliveryViewSet(ScopedViewSet, FoldedSearchViewSet, SnippetViewSet):
    model = Delivery

    def object_scope(self, user):
        return access.scoped_deliveries(user)

    icon = "list-ul"
    menu_label = _("Sổ gửi tin")
    inspect_view_enabled = True
    list_filter = ["state", "reason", "channel", "kind", "broadcast", "rule"]
    search_fields = ["person__full_name", "address", "message_key", "recipient_key", "last_error", "provider_message_id",
                     "broadcast__title", "rule__name"]
    list_per_page = 50
    list_display = [
        TitleColumn("message", label=_("tin"), accessor="describe",
                    get_url=lambda obj: reverse("wagtailsnippets_notifications_delivery:inspect", args=[obj.pk])),
        Column("person", label=_("người nhận"), accessor=_recipient), "channel", "state",
        Column("reason", label=_("lý do"), accessor=_reason), "due_at", "attempts",
    ]
    list_export = ["message_key", "recipient_key", "channel", "kind", "state", "get_reason_display", "due_at", "sent_at",
                   "attempts", "last_error", "provider_message_id"]
    export_headings = {"get_reason_display": _("lý do")}

    @property
    def permission_policy(self):
        return LedgerPermissionPolicy(self.model)

    def get_queryset(self, request):
        # Each row names its recipient and what the message is about (Delivery.describe).
        return Delivery.objects.select_related("person", "broadcast", "rule").with_subjects()


class NotificationsGroup(SnippetViewSetGroup):
    items = (BroadcastViewSet, MessageTemplateViewSet, DeliveryViewSet, ChannelPreferenceViewSet)
    menu_icon = "mail"
    menu_label = _("Thông báo")
    menu_name = "notifications"


register_snippet(NotificationsGroup)


@hooks.register("register_admin_urls")
def _urls():
    return [
        path("thong-bao/gui/<int:pk>/", admin_views.broadcast_send, name="notifications_broadcast_send"),
        path("thong-bao/gui/<int:pk>/tien-do/", admin_views.broadcast_progress, name="notifications_broadcast_progress"),
        path("thong-bao/so-lieu/", admin_views.figures, name="notifications_figures"),
    ]


class FiguresMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("notifications.view_delivery")


@hooks.register("register_reports_menu_item")
def _figures_menu():
    return FiguresMenuItem(_("Số liệu gửi tin"), reverse("notifications_figures"), icon_name="table", order=900)


@hooks.register("register_bulk_action")
class RetryBulkAction(SnippetBulkAction):
    """Put failed (or missed) deliveries back in the queue."""

    display_name = _("Gửi lại")
    action_type = "retry"
    aria_label = _("Gửi lại các lượt gửi đã chọn")
    template_name = "notifications/admin/confirm_bulk_retry.html"
    action_priority = 10
    models = [Delivery]

    def check_perm(self, obj):
        return (self.request.user.has_perm("notifications.view_delivery")
                and obj.state in (DeliveryState.FAILED, DeliveryState.MISSED)
                and in_scope(Delivery, self.request.user, [obj.pk]))

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        from .services.dispatch import retry_failed

        return retry_failed(ids=[o.pk for o in objects]), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d lượt gửi được đưa vào hàng đợi gửi lại.",
                        "%(count)d lượt gửi được đưa vào hàng đợi gửi lại.", num_parent_objects) % {
            "count": num_parent_objects}
