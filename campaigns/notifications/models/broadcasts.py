"""An organizer's one-off message to an audience, sent now or at a set time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    RUN = "run", _("Học viên của một lớp (theo trạng thái)")
    UNIT = "unit", _("Cán bộ của một đơn vị và các đơn vị trực thuộc")
    POOL_UNTRAINED = "pool_untrained", _("Cán bộ nữ trong diện quy hoạch chưa được đào tạo")
    NEWSLETTER = "newsletter", _("Người đăng ký nhận bản tin")


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
    audience = models.CharField(_("đối tượng nhận"), max_length=16, choices=Audience.choices, default=Audience.RUN)
    run = models.ForeignKey(
        "training.CourseRun", on_delete=models.PROTECT, null=True, blank=True, related_name="broadcasts", verbose_name=_("lớp học")
    )
    statuses = models.JSONField(_("trạng thái đăng ký"), default=list, blank=True)
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
