"""An organizer's one-off message to an audience, sent now or at a set time. The audiences are
registered by the apps that know who is in them (campaigns/notifications/audiences.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.notifications import audiences


class BroadcastState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SCHEDULED = "scheduled", _("Đã hẹn giờ")
    SENDING = "sending", _("Đang gửi")
    DONE = "done", _("Đã gửi xong")
    CANCELLED = "cancelled", _("Đã hủy")


class Broadcast(models.Model):
    title = models.CharField(_("tên đợt gửi"), max_length=255)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), help_text=_("Có thể dùng {{ name }} để chèn họ tên người nhận."))
    # The key of a registered audience, and what it needs to know (a run's id, statuses…).
    audience = models.CharField(_("đối tượng nhận"), max_length=32, choices=audiences.choices, default="run")
    parameters = models.JSONField(_("tham số đối tượng nhận"), default=dict, blank=True)
    unit = models.ForeignKey(
        "programme.OrganisationUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="broadcasts",
        verbose_name=_("đơn vị"),
    )
    channels = models.JSONField(_("kênh"), default=list)
    send_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    state = models.CharField(_("tình trạng"), max_length=16, choices=BroadcastState.choices, default=BroadcastState.DRAFT)
    recipient_count = models.PositiveIntegerField(_("số người nhận"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    queued_at = models.DateTimeField(_("đưa vào hàng đợi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đợt gửi thông báo")
        verbose_name_plural = _("đợt gửi thông báo")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def get_audience_display(self):
        return audiences.label(self.audience)

    @property
    def audience_detail(self):
        """What the audience is drawn from, in words (the run, the unit), or ""."""
        audience = audiences.get(self.audience)
        return audience.describe(self) if audience else ""
