"""The training catalogue: a course, its runs (classes) and each run's sessions, and the
registrations for a run. Attendance, feedback and certificates are in records.py; reminder
rules in reminder_rules.py."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.programme.models import OrganisationUnit
from campaigns.text import nfc, slug_of


class CourseFormat(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    HYBRID = "hybrid", _("Kết hợp")


class Course(models.Model):
    title = models.CharField(_("tên khóa học"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True)
    objectives = models.TextField(_("mục tiêu"), blank=True)
    audience = models.TextField(_("đối tượng"), blank=True)
    format = models.CharField(_("hình thức"), max_length=16, choices=CourseFormat.choices, default=CourseFormat.IN_PERSON)
    hours = models.DecimalField(_("số giờ"), max_digits=6, decimal_places=1, default=0)
    eligibility = models.TextField(_("điều kiện tham gia"), blank=True)
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ chuyên cần tối thiểu (%)"), default=80, help_text=_("Quy tắc hoàn thành: phần trăm số buổi phải có mặt.")
    )
    topic = models.CharField(_("chủ đề"), max_length=128, blank=True)
    organiser_unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="courses", verbose_name=_("đơn vị tổ chức")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("khóa học")
        verbose_name_plural = _("khóa học")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        if not self.slug:  # made in code (imports, demo): transliterated, like the editor's
            self.slug = slug_of(self.title, 255)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("training:course", args=[self.slug])


class CourseRun(models.Model):
    """One class of a course, with its own capacity, registration window and sessions."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="runs", verbose_name=_("khóa học"))
    title = models.CharField(_("tên lớp"), max_length=255)
    capacity = models.PositiveIntegerField(_("số chỗ"))
    registration_opens_at = models.DateTimeField(_("mở đăng ký"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("đóng đăng ký"), null=True, blank=True)
    requires_approval = models.BooleanField(_("cần người tổ chức duyệt"), default=False)
    is_cancelled = models.BooleanField(_("đã hủy"), default=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lớp học")
        verbose_name_plural = _("lớp học")
        ordering = ["course__title", "title"]

    def __str__(self):
        return f"{self.course} – {self.title}"

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("training:run", args=[self.pk])


class Session(models.Model):
    run = models.ForeignKey(CourseRun, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("lớp học"))
    title = models.CharField(_("tên buổi học"), max_length=255)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    online_url = models.URLField(_("đường dẫn trực tuyến"), blank=True)
    trainer = models.CharField(_("giảng viên"), max_length=255, blank=True)
    is_cancelled = models.BooleanField(_("đã hủy"), default=False)
    trainer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("tài khoản giảng viên")
    )

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("buổi học")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self):
        return self.title


def new_checkin_code():
    """Eight characters without look-alikes (0/O, 1/I), easy to type from a printout."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class RegistrationStatus(models.TextChoices):
    PENDING_APPROVAL = "pending", _("Chờ duyệt")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    WAITLISTED = "waitlisted", _("Danh sách chờ")
    OFFERED = "offered", _("Được mời nhận chỗ")
    CANCELLED = "cancelled", _("Đã hủy")
    COMPLETED = "completed", _("Hoàn thành")
    NO_SHOW = "no_show", _("Vắng mặt")


class Registration(models.Model):
    """A person's registration for a run. One per (run, person); its status moves through
    RegistrationStatus only by the training services."""

    run = models.ForeignKey(CourseRun, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("lớp học"))
    person = models.ForeignKey(
        "programme.Person", on_delete=models.PROTECT, related_name="registrations", verbose_name=_("học viên")
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=RegistrationStatus.choices, db_index=True)
    created_at = models.DateTimeField(_("đăng ký lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    # The waiting list is ordered by priority (1 = planning-pool woman not yet trained,
    # computed when she joins the list), then by queued_at.
    priority = models.PositiveSmallIntegerField(_("ưu tiên"), default=0)
    queued_at = models.DateTimeField(_("vào danh sách lúc"), default=timezone.now)
    offer_expires_at = models.DateTimeField(_("hạn nhận chỗ"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("hủy lúc"), null=True, blank=True)
    cancel_reason = models.CharField(_("lý do hủy"), max_length=32, blank=True)
    # Personal check-in code, printed in the QR code of the confirmation.
    code = models.CharField(_("mã điểm danh"), max_length=12, unique=True, default=new_checkin_code, editable=False)
    # Counts the status changes made by the registration services: the message a change owes
    # the trainee is keyed by it in the delivery ledger, so each change is told once and a
    # later return to a status (confirmed again after a cancellation) is a new message.
    status_changes = models.PositiveIntegerField(_("số lần đổi trạng thái"), default=0, editable=False)
    # Which registration of this person for this run the row holds now: registering again
    # after a cancellation reuses the row and adds one. Signed links carry it, so a link
    # from a past registration cannot act on the present one (services/links.py).
    cycle = models.PositiveIntegerField(_("lượt đăng ký"), default=1, editable=False)

    class Meta:
        verbose_name = _("đăng ký")
        verbose_name_plural = _("đăng ký")
        constraints = [models.UniqueConstraint(fields=["run", "person"], name="registration_one_per_run_person")]
        indexes = [models.Index(fields=["run", "status", "priority", "queued_at"], name="registration_queue")]

    def __str__(self):
        return f"{self.person} – {self.run}"

    @property
    def holds_seat(self):
        return self.status in SEAT_HOLDING


SEAT_HOLDING = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED, RegistrationStatus.COMPLETED, RegistrationStatus.NO_SHOW)


from .records import Attendance, AttendanceStatus, Certificate, Feedback  # noqa: E402,F401
from .reminder_rules import ReminderAnchor, ReminderRule  # noqa: E402,F401
