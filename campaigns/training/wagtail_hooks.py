"""Organizer tools in the Wagtail admin: courses, runs, sessions and registrations (with
filters and CSV/XLSX export), reminder rules (reminder_rules_admin.py), plus the run report, roster, scanner and session-code screens
(admin_views.py). Every view of these viewsets (list, export, edit, inspect, delete, history…)
reaches only the objects in the account's scope (permissions.py, security/object_scope.py)."""

import datetime

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet

from campaigns.i18n.admin_search import FoldedSearchViewSet
from campaigns.security.object_scope import ScopedViewSet
from config.formats.times import hours_label, time_range

from . import admin_views
from .admin_registration import AddRegistrationView
from .models import Course, CourseRun, Registration, Session
from .permissions import scoped_courses, scoped_registrations, scoped_runs, scoped_sessions
from .reminder_rules_admin import ReminderRuleViewSet
from .services.registration import seats_taken
from .services.sessions import save_session


def _local(value):
    return timezone.make_naive(value) if value and timezone.is_aware(value) else value


class LocalTimeIndexView(generic.IndexView):
    """An index whose exports show local time (the scope is applied by ScopedViewSet)."""

    custom_value_preprocess = {
        **generic.IndexView.custom_value_preprocess,
        datetime.datetime: {"xlsx": _local, "csv": lambda v: _local(v).strftime("%d/%m/%Y %H:%M")},
        datetime.date: {"csv": lambda v: v.strftime("%d/%m/%Y")},
    }


class CourseViewSet(ScopedViewSet, FoldedSearchViewSet, ModelViewSet):
    model = Course
    index_view_class = LocalTimeIndexView

    def object_scope(self, user):
        return scoped_courses(user)

    icon = "doc-full"
    menu_label = _("Các khóa học")
    list_display = ["title", "topic", "format", Column("hours", label=_("số giờ"), accessor=lambda c: hours_label(c.hours)),
                    "min_attendance_percent"]
    list_filter = ["format", "topic"]
    search_fields = ["title", "topic", "objectives", "audience"]
    form_fields = ["title", "slug", "topic", "format", "hours", "objectives", "audience", "eligibility", "min_attendance_percent", "organiser_unit"]


def _run_links(run):
    return format_html(
        '<a href="{}">{}</a>', reverse("training_admin:run_report", args=[run.pk]), _("Báo cáo, danh sách chờ, điểm danh")
    )


class CourseRunViewSet(ScopedViewSet, FoldedSearchViewSet, ModelViewSet):
    model = CourseRun
    icon = "date"
    menu_label = _("Các lớp học")
    index_view_class = LocalTimeIndexView

    def object_scope(self, user):
        return scoped_runs(user)

    list_display = ["__str__", "capacity", Column("seats", label=_("Đã có chỗ"), accessor=seats_taken),
                    BooleanColumn("requires_approval", label=_("cần người tổ chức duyệt")),
                    BooleanColumn("is_cancelled", label=_("đã hủy")), Column("report", label=_("Theo dõi"), accessor=_run_links)]
    list_filter = ["course", "requires_approval", "is_cancelled"]
    search_fields = ["title", "course__title", "course__topic"]
    form_fields = ["course", "title", "capacity", "registration_opens_at", "registration_closes_at", "requires_approval", "is_cancelled"]


def _session_links(session):
    return format_html(
        '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
        reverse("training_admin:roster", args=[session.pk]), _("Điểm danh"),
        reverse("training_admin:scanner", args=[session.pk]), _("Quét QR"),
        reverse("training_admin:session_code", args=[session.pk]), _("Mã tự điểm danh"),
    )


class SessionCreateView(generic.CreateView):
    def save_instance(self):  # through the session service: its registrants' reminders follow
        return save_session(self.form.instance, save=super().save_instance)


class SessionEditView(generic.EditView):
    def save_instance(self):
        return save_session(self.form.instance, save=super().save_instance)


class SessionViewSet(ScopedViewSet, FoldedSearchViewSet, ModelViewSet):
    model = Session
    icon = "time"
    menu_label = _("Các buổi học")
    index_view_class = LocalTimeIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView

    def object_scope(self, user):
        return scoped_sessions(user)

    list_display = ["title", "run", Column("starts_at", label=_("thời gian"), sort_key="starts_at",
                                           accessor=lambda s: time_range(s.starts_at, s.ends_at)),
                    "venue", "trainer", Column("tools", label=_("Công cụ"), accessor=_session_links)]
    list_filter = ["run", "is_cancelled"]
    search_fields = ["title", "run__title", "run__course__title", "venue", "trainer"]
    form_fields = ["run", "title", "starts_at", "ends_at", "venue", "online_url", "trainer", "trainer_user", "is_cancelled"]


class RegistrationViewSet(ScopedViewSet, FoldedSearchViewSet, ModelViewSet):
    model = Registration
    name = "training_registration"
    icon = "group"
    menu_label = _("Danh sách đăng ký")
    index_view_class = LocalTimeIndexView
    add_view_class = AddRegistrationView  # through the registration service (admin_registration.py)
    # Nothing links to a registration, and indexing its links to the run and the trainee would
    # cost every registration two queries while the run is locked.
    add_to_reference_index = False

    def object_scope(self, user):
        return scoped_registrations(user)
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["person", "run", "status", "priority", "queued_at", "offer_expires_at", "completed_on"]
    list_filter = ["status", "run", "run__course", "priority"]
    search_fields = ["person__full_name", "person__user__email", "person__position", "code", "run__title", "run__course__title"]
    list_export = ["person.full_name", "person.get_gender_display", "person.birth_year", "person.unit", "person.position",
                   "person.user.email", "run", "get_status_display", "priority", "queued_at", "offer_expires_at", "completed_on", "code"]
    export_headings = {
        "person.full_name": _("Họ và tên"), "person.get_gender_display": _("Giới tính"), "person.birth_year": _("Năm sinh"),
        "person.unit": _("Đơn vị"), "person.position": _("Chức vụ"), "person.user.email": _("Email"), "run": _("Lớp học"),
        "get_status_display": _("Trạng thái"), "priority": _("Ưu tiên"), "queued_at": _("Đăng ký lúc"),
        "offer_expires_at": _("Hạn nhận chỗ"), "completed_on": _("Ngày hoàn thành"), "code": _("Mã điểm danh"),
    }
    export_filename = "dang-ky-dao-tao"
    # Status changes go through the services (approve/reject on the run report); the form
    # edits nothing that would bypass the seat count.
    form_fields = ["priority"]


class TrainingGroup(ViewSetGroup):
    menu_label = _("Đào tạo")
    menu_icon = "user"
    items = (CourseViewSet, CourseRunViewSet, SessionViewSet, RegistrationViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return TrainingGroup()


register_snippet(ReminderRuleViewSet)


admin_urls = (
    [
        path("lop/<int:pk>/bao-cao/", admin_views.run_report, name="run_report"),
        path("dang-ky/<int:pk>/duyet/", admin_views.decide, name="decide"),
        path("buoi/<int:pk>/diem-danh/", admin_views.roster, name="roster"),
        path("buoi/<int:pk>/quet/", admin_views.scanner, name="scanner"),
        path("buoi/<int:pk>/ma/", admin_views.session_code, name="session_code"),
    ],
    "training_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("dao-tao/", include(admin_urls))]
