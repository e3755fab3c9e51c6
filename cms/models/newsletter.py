"""Newsletter subscribers and the record of each digest sent, which is what guarantees a
subscriber never receives the same digest twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    UNSUBSCRIBED = "unsubscribed", _("Đã hủy đăng ký")


class Subscriber(models.Model):
    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    topics = models.ManyToManyField(
        "cms.Topic", blank=True, related_name="subscribers", verbose_name=_("chủ đề quan tâm"),
        help_text=_("Để trống để nhận tất cả bài viết."),
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=SubscriberStatus.choices,
                              default=SubscriberStatus.PENDING, db_index=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    # Articles first published after this moment have not been sent to the subscriber yet.
    digest_watermark = models.DateTimeField(_("đã gửi bài đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("người đăng ký bản tin")
        verbose_name_plural = _("người đăng ký bản tin")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class DigestDelivery(models.Model):
    """One digest edition sent to one subscriber; unique per (subscriber, edition)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digests")
    edition = models.DateField(_("số bản tin (ngày)"))
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    article_count = models.PositiveSmallIntegerField(_("số bài"))

    class Meta:
        verbose_name = _("bản tin đã gửi")
        verbose_name_plural = _("bản tin đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "edition"], name="digest_once_per_subscriber_edition"),
        ]

    def __str__(self):
        return f"{self.subscriber} – {self.edition:%d/%m/%Y}"
