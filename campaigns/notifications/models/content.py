"""What is said: the kinds of message and their templates per kind and language."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin


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


# Kept for migration 0001 (which names them): reminder rules now live in campaigns.training.
def _default_statuses():
    return ["confirmed"]


def _default_channels():
    return ["email"]
