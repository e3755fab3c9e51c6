"""The delivery ledger: one row per (message, recipient, channel). It is at once the outbox
(written in the transaction of the change that causes it), the queue the dispatcher claims
from, and the record organizers browse."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.notifications import subjects

from .content import MessageKind
from .preferences import Channel


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Thất bại")
    SKIPPED = "skipped", _("Bỏ qua")
    MISSED = "missed", _("Quá hạn, không gửi")


class DeliveryReason(models.TextChoices):
    """Why a delivery was not sent (skipped or missed): stored as a code, shown by its label."""

    SESSION_CANCELLED = "session_cancelled", _("Buổi học đã bị hủy")
    REGISTRATION_CANCELLED = "registration_cancelled", _("Đăng ký đã bị hủy")
    NOT_COMPLETED = "not_completed", _("Đăng ký không còn ở trạng thái hoàn thành")
    STATUS_NOT_IN_RULE = "status_not_in_rule", _("Trạng thái đăng ký không thuộc quy tắc nhắc")
    RULE_OFF = "rule_off", _("Quy tắc nhắc đã tắt")
    BROADCAST_CANCELLED = "broadcast_cancelled", _("Đợt gửi đã bị hủy")
    OPTED_OUT = "opted_out", _("Người nhận đã từ chối kênh này")
    NO_ADDRESS = "no_address", _("Người nhận không có địa chỉ cho kênh này")
    TOO_LATE = "too_late", _("Quá thời hạn gửi cho phép")
    SESSION_BEGUN = "session_begun", _("Buổi học đã bắt đầu")
    UNSUBSCRIBED = "unsubscribed", _("Người nhận đã hủy đăng ký bản tin")
    SEND_FAILED = "send_failed", _("Gửi không thành công")
    SUPERSEDED = "superseded", _("Đã có thông báo thay đổi mới hơn")


class DeliveryQuerySet(models.QuerySet):
    _with_subjects = False

    def about(self, obj):
        """The rows whose subject is `obj` (a model instance of the app that owns it)."""
        kind, pk = subjects.reference(obj)
        return self.filter(subject_kind=kind, subject_id=pk)

    def with_subjects(self):
        """Load each row's subject with the rows (one query per kind of subject)."""
        clone = self._chain()
        clone._with_subjects = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._with_subjects = self._with_subjects
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._with_subjects:
            subjects.attach([row for row in self._result_cache if isinstance(row, Delivery)])


class Delivery(models.Model):
    # Identity: what message, to whom, by which channel. Unique, so creating a delivery twice
    # (two beats, a retried request, a replanned reminder) can never produce a second row.
    message_key = models.CharField(_("mã tin"), max_length=120)
    recipient_key = models.CharField(_("mã người nhận"), max_length=160)
    channel = models.CharField(_("kênh"), max_length=16, choices=Channel.choices)

    kind = models.CharField(_("loại tin"), max_length=16, choices=MessageKind.choices)
    person = models.ForeignKey(
        "programme.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries", verbose_name=_("người nhận")
    )
    address = models.CharField(_("địa chỉ"), max_length=254, blank=True, help_text=_("Chỉ dùng khi người nhận không có hồ sơ."))
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    rule = models.ForeignKey(
        "training.ReminderRule", on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries",
        verbose_name=_("quy tắc nhắc"),
    )
    # What the message is about, named generically (campaigns/notifications/subjects.py): the
    # owning model's label ("training.session") and the object's id.
    subject_kind = models.CharField(_("loại đối tượng"), max_length=64, blank=True)
    subject_id = models.PositiveBigIntegerField(_("mã đối tượng"), null=True, blank=True)
    broadcast = models.ForeignKey(
        "notifications.Broadcast", on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries",
        verbose_name=_("đợt gửi"),
    )
    context = models.JSONField(_("dữ liệu bổ sung"), default=dict, blank=True)

    state = models.CharField(_("tình trạng"), max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    due_at = models.DateTimeField(_("đến hạn lúc"))
    next_attempt_at = models.DateTimeField(_("thử lại lúc"))
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    reason = models.CharField(_("lý do"), max_length=32, choices=DeliveryReason.choices, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True,
                                  help_text=_("Thông báo kỹ thuật của nhà cung cấp khi gửi không thành công."))
    provider_message_id = models.CharField(_("mã tin của nhà cung cấp"), max_length=255, blank=True)
    # A claim: which dispatcher run holds the row and until when. A crashed worker's rows
    # return to the pool when the lease runs out.
    claim_token = models.UUIDField(_("mã lượt giữ"), null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(_("giữ đến lúc"), null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt gửi")
        verbose_name_plural = _("sổ gửi tin")
        ordering = ["-due_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["message_key", "recipient_key", "channel"], name="delivery_once_per_message_recipient_channel"),
        ]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due_idx"),
            models.Index(fields=["claim_token"], name="delivery_claim_idx"),
            models.Index(fields=["subject_kind", "subject_id"], name="delivery_subject_idx"),
        ]

    def __str__(self):
        return f"{self.message_key} → {self.recipient_key} ({self.channel})"

    @property
    def subject(self):
        """What the message is about (loaded by the app that owns it), or None."""
        if "_subject" not in self.__dict__:
            self.__dict__["_subject"] = subjects.load(self)
        return self.__dict__["_subject"]

    @subject.setter
    def subject(self, value):
        self.__dict__["_subject"] = value

    def describe(self):
        """What the message is, in words: its kind and what it is about (not its key)."""
        about = self.broadcast or self.rule or subjects.describe(self)
        kind = self.get_kind_display()
        return f"{kind} · {about}" if about else kind
