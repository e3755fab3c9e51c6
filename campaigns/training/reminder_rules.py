"""Reminder rules: when training's reminders fall due (before or after each session's start
or end) and which registrations get them, by which channels; or, anchored on "change", who
is told when a session's time or venue changes. The rows themselves are planned by
services/reminders.py into the notifications ledger."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.notifications.models import Channel, MessageKind

from .models import RegistrationStatus


class ReminderAnchor(models.TextChoices):
    START = "start", _("Giờ bắt đầu buổi học")
    END = "end", _("Giờ kết thúc buổi học")
    # Not a time: the rule sends when a session's time or venue changes (kind session_change).
    CHANGE = "change", _("Khi buổi học đổi giờ hoặc địa điểm")


def _default_statuses():
    return [RegistrationStatus.CONFIRMED.value]


def _default_channels():
    return ["email"]


class ReminderRule(models.Model):
    """'Send {kind} `offset` before/after each session's start/end to registrations in these
    statuses, by these channels.' A rule with no run applies to every run without a rule of
    its own. A rule anchored on "change" instead tells those registrations when a session's
    time or venue changes (kind session_change; the offset is unused)."""

    name = models.CharField(_("tên quy tắc"), max_length=255)
    run = models.ForeignKey(
        "training.CourseRun", on_delete=models.CASCADE, null=True, blank=True, related_name="reminder_rules",
        verbose_name=_("lớp học"), help_text=_("Để trống: quy tắc mặc định cho mọi lớp chưa có quy tắc riêng."),
    )
    anchor = models.CharField(_("mốc thời gian"), max_length=8, choices=ReminderAnchor.choices, default=ReminderAnchor.START)
    offset_minutes = models.IntegerField(
        _("lệch (phút)"), help_text=_("Số âm: trước mốc (−1440 = 1 ngày trước); số dương: sau mốc (1440 = 1 ngày sau).")
    )
    statuses = models.JSONField(_("trạng thái đăng ký"), default=_default_statuses)
    channels = models.JSONField(_("kênh"), default=_default_channels)
    kind = models.CharField(_("loại tin"), max_length=16, choices=MessageKind.choices, default=MessageKind.REMINDER)
    catch_up_minutes = models.PositiveIntegerField(
        _("cửa sổ gửi bù (phút)"), default=120,
        help_text=_("Người đăng ký sau giờ nhắc vẫn nhận tin nếu chưa quá số phút này."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        db_table = "notifications_reminderrule"  # the table it had in the notifications app
        verbose_name = _("quy tắc nhắc lịch")
        verbose_name_plural = _("quy tắc nhắc lịch")
        ordering = ["run_id", "anchor", "offset_minutes"]

    def __str__(self):
        return self.name

    def clean(self):
        valid = {c.value for c in RegistrationStatus}
        if not self.statuses or any(s not in valid for s in self.statuses):
            raise ValidationError({"statuses": _("Chọn ít nhất một trạng thái đăng ký hợp lệ.")})
        if not self.channels or any(c not in Channel.values for c in self.channels):
            raise ValidationError({"channels": _("Chọn ít nhất một kênh hợp lệ.")})
        if self.anchor == ReminderAnchor.CHANGE:
            self.kind, self.offset_minutes = MessageKind.SESSION_CHANGE, 0
        elif self.kind == MessageKind.SESSION_CHANGE:
            raise ValidationError({"kind": _("Tin báo thay đổi buổi học chỉ dùng với mốc “Khi buổi học đổi giờ hoặc địa điểm”.")})

    @property
    def on_change(self):
        return self.anchor == ReminderAnchor.CHANGE

    def due_at(self, session):
        """When this rule's message for `session` falls due."""
        base = session.starts_at if self.anchor == ReminderAnchor.START else session.ends_at
        return base + datetime.timedelta(minutes=self.offset_minutes)
