"""Newsletter subscribers. Each digest sent is a row of the notifications delivery ledger
(one per address and edition, under its unique constraint), not a model of this app.

A subscriber may choose topics: the site's topics (cms.Topic), which this app refers to by
the relation alone and never imports (`topic_model()`). The model lived in cms until issue 15
moved it here with its rows (migrations newsletter/0001 and cms/0005)."""

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
    # Articles first published after this moment are not yet in a digest queued for them.
    digest_watermark = models.DateTimeField(_("đã gửi bài đến"), null=True, blank=True)

    class Meta:
        verbose_name = _("người đăng ký bản tin")
        verbose_name_plural = _("người đăng ký bản tin")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


def topic_model():
    """The model of the topics a subscriber may choose (the site's topics, cms.Topic)."""
    return Subscriber._meta.get_field("topics").related_model
