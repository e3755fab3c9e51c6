"""What is said (message templates per kind and language) and when reminders fall due."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from campaigns.training.models import RegistrationStatus


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Xác nhận đăng ký")
    PENDING = "pending", _("Đăng ký chờ duyệt")
    WAITLIST = "waitlist", _("Thông báo vào danh sách chờ")
    REMINDER = "reminder", _("Nhắc lịch")
    OFFER = "offer", _("Mời nhận chỗ (danh sách chờ)")
    BROADCAST = "broadcast", _("Thông báo chung")
    DIGEST = "digest", _("Bản tin tổng hợp")
    CANCELLATION = "cancellation", _("Xác nhận hủy đăng ký")
    COMPLETION = "completion", _("Hoàn thành khóa học")
    SESSION_CHANGE = "session_change", _("Thay đổi giờ hoặc địa điểm buổi học")


class MessageTemplate(PreviewableMixin, models.Model):
    """One message kind in one language. Subject and bodies are Django templates with
    placeholders such as {{ name }}, {{ course }}, {{ session }}, {{ starts_at }}, {{ venue }},
    {{ link }}, {{ subject }} and {{ body }} (broadcasts); registration messages add
    {{ sessions }}, {{ code }} and the trainee's links, the digest {{ edition }} and
    {{ articles }} (see defaults.PLACEHOLDERS)."""

    kind = models.CharField(_("loại tin"), max_length=16, choices=MessageKind.choices)
    language = models.CharField(_("ngôn ngữ"), max_length=8, choices=[("vi", "Tiếng Việt"), ("en", "English")])
    subject = models.CharField(_("tiêu đề email"), max_length=255)
    text_body = models.TextField(_("nội dung thuần văn bản"))
    html_body = models.TextField(_("nội dung HTML"), blank=True, help_text=_("Để trống: dựng từ nội dung thuần văn bản."))
    short_text = models.CharField(
        _("nội dung ngắn (SMS)"), max_length=480, blank=True, help_text=_("Dùng cho SMS; để trống: lấy tiêu đề.")
    )
    zns_template_id = models.CharField(_("mã mẫu Zalo ZNS"), max_length=32, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("mẫu tin nhắn")
        verbose_name_plural = _("mẫu tin nhắn")
        ordering = ["kind", "language"]
        constraints = [models.UniqueConstraint(fields=["kind", "language"], name="message_template_one_per_kind_language")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"

    def clean(self):
        from campaigns.notifications.services.rendering import check_template_syntax

        check_template_syntax(template=self)

    # The admin preview: the template filled with sample values, as email and as SMS.
    @property
    def preview_modes(self):
        return [("", _("Email")), ("sms", _("SMS / Zalo"))]

    def get_preview_template(self, request, mode_name):
        return "notifications/admin/template_preview.html"

    def get_preview_context(self, request, mode_name):
        from campaigns.notifications.channels.sms import count_segments
        from campaigns.notifications.defaults import PLACEHOLDERS
        from campaigns.notifications.services.rendering import preview

        try:
            rendered, error = preview(template=self), ""
        except Exception as exc:  # noqa: BLE001 - a syntax error is shown in the preview
            rendered, error = None, str(exc)
        segments = count_segments(rendered.short_text) if rendered else None
        placeholders = ", ".join("{{ " + name + " }}" for name in PLACEHOLDERS.get(self.kind, []))
        return {"object": self, "rendered": rendered, "error": error, "mode": mode_name, "segments": segments,
                "placeholders": placeholders}


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
        verbose_name = _("quy tắc nhắc lịch")
        verbose_name_plural = _("quy tắc nhắc lịch")
        ordering = ["run_id", "anchor", "offset_minutes"]

    def __str__(self):
        return self.name

    def clean(self):
        valid = {c.value for c in RegistrationStatus}
        if not self.statuses or any(s not in valid for s in self.statuses):
            raise ValidationError({"statuses": _("Chọn ít nhất một trạng thái đăng ký hợp lệ.")})
        from .preferences import Channel

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
