"""The newsletter's subscribers in the admin: who subscribed, in which state (waiting for
confirmation, confirmed, unsubscribed), to which topics, since when (dd/mm/yyyy); filters by
state and topic, search by address, CSV/XLSX export of what is listed.

Addresses are personal data. The screen needs newsletter.view_subscriber, which communications
officers, approvers and administrators have and trainees, organizers and monitors do not
(campaigns/accounts/roles.py); every export is written to the personal-data audit log by
campaigns.security.export_audit like any admin download.

Nobody adds, edits or deletes a subscriber here, administrators included: an address becomes
a subscriber only through the public form and is confirmed only by the link sent to it
(double opt-in), so a confirmed subscriber cannot be invented and an address cannot be
changed into someone else's. What staff may do (newsletter.change_subscriber) is unsubscribe a
person who asks (staff.py), which is logged in the subscriber's history. Erasing
a person's data is the personal-data screens' job."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.i18n.admin_search import FoldedSearchViewSet
from campaigns.spreadsheets import formula_safe

from . import staff
from .models import Subscriber, SubscriberStatus, topic_model
from .services import digests_received


def local_date(value):
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def local_datetime(value):
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def topic_names(subscriber):
    names = [str(topic) for topic in subscriber.topics.all()]
    return ", ".join(names) if names else gettext("Tất cả chủ đề")


def language_name(code):
    return str(dict(settings.LANGUAGES).get(code, code))


def spreadsheet_text(value):
    # An address such as "=2+5|calc@example.vn" is a valid email: campaigns.spreadsheets
    # writes it so that no spreadsheet runs it.
    return formula_safe("" if value is None else str(value))


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """view: newsletter.view_subscriber; change (unsubscribe on request, see its history):
    newsletter.change_subscriber; add and delete: nobody."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=SubscriberStatus.choices,
                                         empty_label=_("Tất cả"))
    topic = django_filters.ModelChoiceFilter(
        label=_("Nhận bài của chủ đề"), queryset=topic_model().objects.all(), method="filter_topic",
        help_text=_("Gồm cả những người không chọn chủ đề nào (họ nhận mọi bài)."),
    )

    class Meta:
        model = Subscriber
        fields = []

    def filter_topic(self, queryset, name, value):
        """Who receives the topic's articles: those who chose it and those who chose none."""
        chosen = Subscriber.topics.through.objects
        return queryset.filter(
            Q(pk__in=chosen.filter(topic=value).values("subscriber"))
            | ~Q(pk__in=chosen.values("subscriber"))
        )


class DateCell(Column):
    """A moment shown as its local day, dd/mm/yyyy."""

    def get_value(self, instance):
        return local_date(super().get_value(instance))


class IndexView(generic.IndexView):
    page_title = _("Người đăng ký bản tin")
    unsubscribe_url_name = None
    export_headings = {
        "email": _("Email"), "status": _("Trạng thái"), "language": _("Ngôn ngữ"), "topics": _("Chủ đề"),
        "created_at": _("Đăng ký lúc"), "confirmed_at": _("Xác nhận lúc"), "unsubscribed_at": _("Hủy lúc"),
    }

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("topics")

    def to_row_dict(self, item):
        """One subscriber as the spreadsheet shows it: labels rather than codes, local times,
        and nothing a spreadsheet would run as a formula."""
        row = {
            "email": item.email, "status": item.get_status_display(), "language": language_name(item.language),
            "topics": topic_names(item), "created_at": local_datetime(item.created_at),
            "confirmed_at": local_datetime(item.confirmed_at), "unsubscribed_at": local_datetime(item.unsubscribed_at),
        }
        return {field: spreadsheet_text(row[field]) for field in self.list_export}

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != SubscriberStatus.UNSUBSCRIBED and self.user_has_permission("change"):
            buttons.append(Button(_("Hủy đăng ký"), url=reverse(self.unsubscribe_url_name, args=[instance.pk]),
                                  icon_name="cross", priority=40))
        return buttons


class InspectView(generic.InspectView):
    unsubscribe_url_name = history_url_name = None

    def get_object(self, queryset=None):
        subscriber = get_object_or_404(Subscriber, pk=self.pk)
        subscriber.digest_count, subscriber.last_digest_at = digests_received(subscriber)
        return subscriber

    def get_field_label(self, field_name, field):
        if field_name == "digests":
            return gettext("Bản tin đã nhận")
        return super().get_field_label(field_name, field)

    def get_language_display_value(self):
        return language_name(self.object.language)

    def get_topics_display_value(self):
        return topic_names(self.object)

    def get_created_at_display_value(self):
        return local_datetime(self.object.created_at) or "-"

    def get_confirmed_at_display_value(self):
        return local_datetime(self.object.confirmed_at) or "-"

    def get_unsubscribed_at_display_value(self):
        return local_datetime(self.object.unsubscribed_at) or "-"

    def get_digests_display_value(self):
        if not self.object.digest_count:
            return gettext("Chưa nhận bản tin nào")
        return gettext("%(count)s số, gần nhất ngày %(date)s") % {
            "count": self.object.digest_count, "date": local_date(self.object.last_digest_at)}

    @cached_property
    def header_buttons(self):
        buttons = []
        if self.object.status != SubscriberStatus.UNSUBSCRIBED and self.user_has_permission("change"):
            buttons.append(HeaderButton(_("Hủy đăng ký"), url=reverse(self.unsubscribe_url_name, args=[self.object.pk]),
                                        icon_name="cross"))
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.user_has_permission("change"):
            context["history_url"] = reverse(self.history_url_name, args=[self.object.pk])
        return context


class UnsubscribeView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then unsubscribe the address at its owner's request."""

    permission_required = "change"
    template_name = "newsletter/admin/unsubscribe.html"
    page_title = _("Hủy đăng ký bản tin")
    header_icon = "mail"
    index_url_name = inspect_url_name = None

    def get(self, request, *args, **kwargs):
        # Looked up after the permission check (PermissionCheckedMixin.dispatch), so that who
        # may not see subscribers learns nothing, not even which numbers exist.
        self.object = get_object_or_404(Subscriber, pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.object.email

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Subscriber._meta.verbose_name_plural},
            {"url": reverse(self.inspect_url_name, args=[self.object.pk]), "label": self.object.email},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(subscriber=self.object, back_url=reverse(self.inspect_url_name, args=[self.object.pk]))
        return context

    def post(self, request, *args, **kwargs):
        self.object = get_object_or_404(Subscriber, pk=kwargs["pk"])
        subscriber, changed = staff.unsubscribe_on_request(subscriber_id=self.object.pk, user=request.user)
        if changed:
            messages.success(request, gettext("Đã hủy đăng ký bản tin cho %(email)s.") % {"email": subscriber.email})
        else:
            messages.info(request, gettext("%(email)s đã hủy đăng ký từ trước.") % {"email": subscriber.email})
        return redirect(self.inspect_url_name, subscriber.pk)


class SubscriberViewSet(FoldedSearchViewSet, ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Người đăng ký bản tin")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "ban-tin/nguoi-dang-ky"
    name = "newsletter_subscribers"
    index_view_class = IndexView
    inspect_view_class = InspectView
    inspect_view_enabled = True
    inspect_view_fields = ["email", "status", "language", "topics", "created_at", "confirmed_at", "unsubscribed_at",
                           "digests"]
    copy_view_enabled = False
    add_to_reference_index = False
    filterset_class = SubscriberFilterSet
    search_fields = ["email", "topics__name"]
    list_per_page = 50
    list_export = ["email", "status", "language", "topics", "created_at", "confirmed_at", "unsubscribed_at"]
    export_filename = "nguoi-dang-ky-ban-tin"

    @property
    def permission_policy(self):
        return SubscriberPermissionPolicy(self.model)

    @property
    def list_display(self):
        return [
            "email",
            StatusTagColumn("status", label=_("Trạng thái"), accessor="get_status_display",
                            primary=lambda subscriber: subscriber.status == SubscriberStatus.CONFIRMED),
            Column("topics", label=_("Chủ đề"), accessor=topic_names),
            DateCell("created_at", label=_("Ngày đăng ký"), sort_key="created_at"),
            DateCell("confirmed_at", label=_("Ngày xác nhận"), sort_key="confirmed_at"),
        ]

    @property
    def url_finder_class(self):
        """Links to a subscriber (from history reports) open its inspect page."""
        return type("SubscriberURLFinder", (ModelAdminURLFinder,), {
            "permission_policy": self.permission_policy, "edit_url_name": self.get_url_name("inspect"),
        })

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, copy, delete or usage views: their URLs are never offered.
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(add_url_name=None, edit_url_name=None, delete_url_name=None, usage_url_name=None)
        return view_kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(unsubscribe_url_name=self.get_url_name("unsubscribe"), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(unsubscribe_url_name=self.get_url_name("unsubscribe"),
                                               history_url_name=self.get_url_name("history"), **kwargs)

    @property
    def unsubscribe_view(self):
        return UnsubscribeView.as_view(
            permission_policy=self.permission_policy, index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("unsubscribe/<int:pk>/", self.unsubscribe_view, name="unsubscribe"),
        ]


subscriber_viewset = SubscriberViewSet()
