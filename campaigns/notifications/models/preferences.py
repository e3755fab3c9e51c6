"""How a person wants to be reached, and the in-site inbox."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Tin nhắn SMS")
    ZALO = "zalo", _("Zalo ZNS")
    INSITE = "insite", _("Thông báo trên trang")
    CONSOLE = "console", _("Nhật ký (phát triển)")


def offered_channel_choices():
    """The channels people may pick in forms: the development-only console channel only where
    settings.NOTIFICATIONS_CONSOLE_CHANNEL enables it (never by default)."""
    from django.conf import settings

    if getattr(settings, "NOTIFICATIONS_CONSOLE_CHANNEL", False):
        return list(Channel.choices)
    return [(value, label) for value, label in Channel.choices if value != Channel.CONSOLE]


# When a person has set no order of their own.
DEFAULT_FALLBACK_ORDER = [Channel.EMAIL, Channel.ZALO, Channel.SMS, Channel.INSITE]


class ChannelPreference(models.Model):
    """A person's channel order (first = preferred; the next one is the fallback when a channel
    cannot reach them) and the channels they opted out of."""

    person = models.OneToOneField(
        "programme.Person", on_delete=models.CASCADE, related_name="channel_preference", verbose_name=_("cá nhân")
    )
    order = models.JSONField(_("thứ tự kênh"), default=list, blank=True, help_text=_("Ví dụ: email, zalo, sms, insite."))
    opted_out = models.JSONField(_("kênh đã từ chối"), default=list, blank=True)
    zalo_phone = models.CharField(_("số điện thoại Zalo"), max_length=20, blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("tùy chọn kênh nhận tin")
        verbose_name_plural = _("tùy chọn kênh nhận tin")

    def __str__(self):
        return str(self.person)


class InSiteNotification(models.Model):
    """A message shown on the trainee's own page (the in-site channel's 'provider')."""

    person = models.ForeignKey("programme.Person", on_delete=models.CASCADE, related_name="inbox", verbose_name=_("cá nhân"))
    delivery = models.OneToOneField(
        "notifications.Delivery", on_delete=models.SET_NULL, null=True, blank=True, related_name="insite", verbose_name=_("lượt gửi")
    )
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo trên trang")
        verbose_name_plural = _("thông báo trên trang")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
