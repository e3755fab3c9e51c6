"""What happens in a run: attendance per session, feedback, and the certificate earned.
(Imported by models.py so Django sees these models as the training app's.)"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    LATE = "late", _("Đến muộn")
    EXCUSED = "excused", _("Vắng có phép")
    ABSENT = "absent", _("Vắng không phép")


# Statuses that count towards the course's completion rule.
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceSource(models.TextChoices):
    ROSTER = "roster", _("Điểm danh theo danh sách")
    SCAN = "scan", _("Quét mã QR")
    SELF = "self", _("Tự điểm danh bằng mã buổi học")
    APOLOGY = "apology", _("Báo vắng qua đường dẫn")


class Attendance(models.Model):
    session = models.ForeignKey("training.Session", on_delete=models.CASCADE, related_name="attendances", verbose_name=_("buổi học"))
    registration = models.ForeignKey(
        "training.Registration", on_delete=models.CASCADE, related_name="attendances", verbose_name=_("đăng ký")
    )
    status = models.CharField(_("điểm danh"), max_length=8, choices=AttendanceStatus.choices)
    source = models.CharField(_("cách ghi nhận"), max_length=8, choices=AttendanceSource.choices)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    marked_at = models.DateTimeField(_("ghi nhận lúc"), auto_now=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("người ghi nhận")
    )

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [models.UniqueConstraint(fields=["session", "registration"], name="attendance_one_per_session")]

    def __str__(self):
        return f"{self.registration.person} – {self.session}: {self.get_status_display()}"


class Feedback(models.Model):
    registration = models.OneToOneField(
        "training.Registration", on_delete=models.CASCADE, related_name="feedback", verbose_name=_("đăng ký")
    )
    rating = models.PositiveSmallIntegerField(_("đánh giá (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("nhận xét"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phản hồi")
        verbose_name_plural = _("phản hồi")
        constraints = [models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_range")]

    def __str__(self):
        return f"{self.registration}: {self.rating}/5"


def new_certificate_code():
    """A verification code that cannot be guessed: 12 characters of an unambiguous alphabet."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Certificate(models.Model):
    """Issued when a registration completes; revoked (never deleted) if completion is undone,
    so a code once printed still answers "revoked" on the verification page."""

    registration = models.OneToOneField(
        "training.Registration", on_delete=models.PROTECT, related_name="certificate", verbose_name=_("đăng ký")
    )
    code = models.CharField(_("mã xác minh"), max_length=16, unique=True, default=new_certificate_code, editable=False)
    issued_on = models.DateField(_("ngày cấp"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_reason = models.CharField(_("lý do thu hồi"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chứng nhận")
        verbose_name_plural = _("chứng nhận")

    def __str__(self):
        return self.code

    @property
    def is_valid(self):
        return self.revoked_at is None
