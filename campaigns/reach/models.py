"""Daily counters (views per page, arrivals from a campaign, clicks on a message's links) and
the campaign a registration came from. The counters hold numbers only: no address, no
identifier of a person or a device, no cookie value (docs/reach.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PathViewDay(models.Model):
    """Views of one public page (its path, without the query string) on one day
    (Asia/Ho_Chi_Minh)."""

    day = models.DateField(_("ngày"))
    path = models.CharField(_("đường dẫn"), max_length=255)
    page_id = models.IntegerField(_("mã trang Wagtail"), null=True, blank=True,
                                  help_text=_("Để trống khi đường dẫn không phải một trang Wagtail."))
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)
    # Unique visitors are not estimated (docs/reach.md says why); the column stays 0.
    visitors = models.PositiveIntegerField(_("người xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem trang theo ngày")
        verbose_name_plural = _("lượt xem trang theo ngày")
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="reach_path_view_one_per_day")]
        indexes = [models.Index(fields=["page_id", "day"], name="reach_view_page_day")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.path}: {self.views}"


class ReferralDay(models.Model):
    """Views that arrived with a campaign's parameter (?cd=<slug>), per campaign, page and day."""

    day = models.DateField(_("ngày"))
    campaign = models.CharField(_("chiến dịch"), max_length=80)
    path = models.CharField(_("đường dẫn"), max_length=255)
    views = models.PositiveBigIntegerField(_("lượt xem"), default=0)

    class Meta:
        verbose_name = _("lượt xem từ chiến dịch theo ngày")
        verbose_name_plural = _("lượt xem từ chiến dịch theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["day", "campaign", "path"], name="reach_referral_one_per_day"),
        ]
        indexes = [models.Index(fields=["campaign", "day"], name="reach_referral_campaign_day")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.campaign} {self.path}: {self.views}"


class ClickDay(models.Model):
    """Clicks on a tracked link (/r/<token>) of one message, per day. `message` names the
    message: "broadcast:12", "digest:2026-12-01"."""

    day = models.DateField(_("ngày"))
    campaign = models.CharField(_("chiến dịch"), max_length=80, blank=True)
    message = models.CharField(_("tin nhắn"), max_length=80)
    url = models.CharField(_("đường dẫn đích"), max_length=500)
    clicks = models.PositiveBigIntegerField(_("lượt nhấp"), default=0)

    class Meta:
        verbose_name = _("lượt nhấp liên kết theo ngày")
        verbose_name_plural = _("lượt nhấp liên kết theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["day", "campaign", "message", "url"], name="reach_click_one_per_day"),
        ]
        indexes = [models.Index(fields=["message", "day"], name="reach_click_message_day")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y} {self.message} {self.url}: {self.clicks}"


class Via(models.TextChoices):
    PAGE = "page", _("Liên kết trên trang")
    EMAIL = "email", _("Liên kết trong email")


class RegistrationSource(models.Model):
    """The campaign whose link a registration followed (the last one she followed)."""

    registration = models.OneToOneField("training.Registration", on_delete=models.CASCADE,
                                        related_name="reach_source", verbose_name=_("đăng ký"))
    campaign = models.CharField(_("chiến dịch"), max_length=80, db_index=True)
    via = models.CharField(_("qua"), max_length=8, choices=Via.choices)
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("nguồn đăng ký")
        verbose_name_plural = _("nguồn đăng ký")

    def __str__(self):
        return f"{self.registration_id}: {self.campaign} ({self.via})"
