"""People, as the programme meets them: one Person per human being, their place in the
planning pool, and the training records that count towards the indicators."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from campaigns.text import nfc

from ..ethnicities import ETHNICITY_CHOICES, KINH
from .units import OrganisationUnit, UnitLevel


class Gender(models.TextChoices):
    FEMALE = "female", _("Nữ")
    MALE = "male", _("Nam")
    OTHER = "other", _("Khác")


class Person(models.Model):
    """One human being, whether met as a cadre in the planning pool, a post holder or a
    trainee. The training profile and the programme records point here: a name is kept once."""

    full_name = models.CharField(_("họ và tên"), max_length=255, help_text=_("Viết đúng như giấy tờ."))
    gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    ethnicity = models.CharField(_("dân tộc"), max_length=2, choices=ETHNICITY_CHOICES, blank=True)
    unit = models.ForeignKey(
        OrganisationUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("đơn vị"),
    )
    position = models.CharField(_("chức vụ"), max_length=255, blank=True)
    email = models.EmailField(_("email liên hệ"), blank=True, help_text=_("Dùng khi người này chưa có tài khoản."))
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    national_id = models.CharField(
        _("mã định danh cán bộ"), max_length=32, blank=True, help_text=_("Mã trong CSDL quốc gia về CBCCVC, nếu có.")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("tài khoản"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"], condition=~Q(national_id=""), name="person_unique_national_id"
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.position = nfc(self.position)
        super().save(*args, **kwargs)

    @property
    def is_ethnic_minority(self):
        return bool(self.ethnicity) and self.ethnicity != KINH


class PlanningPoolEntry(models.Model):
    """A person's place in the leadership planning pool ("quy hoạch") for a target post or
    level, for a term such as 2026–2031."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="planning_entries", verbose_name=_("cá nhân")
    )
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.PROTECT, related_name="planning_entries", verbose_name=_("đơn vị")
    )
    target_post = models.CharField(_("chức danh quy hoạch"), max_length=255)
    target_level = models.CharField(_("cấp quy hoạch"), max_length=16, choices=UnitLevel.choices, blank=True)
    term_start_year = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end_year = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    starts_on = models.DateField(_("ngày vào quy hoạch"))
    ends_on = models.DateField(_("ngày ra khỏi quy hoạch"), null=True, blank=True)

    class Meta:
        verbose_name = _("diện quy hoạch")
        verbose_name_plural = _("diện quy hoạch")
        constraints = [
            models.UniqueConstraint(fields=["person", "target_post", "term_start_year"], name="planning_entry_unique"),
            models.CheckConstraint(
                condition=Q(term_end_year__gte=models.F("term_start_year")), name="planning_term_order"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.target_post} ({self.term_start_year}–{self.term_end_year})"


class TrainingSource(models.TextChoices):
    COURSE = "course", _("Khóa học trên hệ thống")
    EXTERNAL = "external", _("Đào tạo bên ngoài")


class TrainingRecord(models.Model):
    """That a person was trained / capacity-built, and on what date. The training indicator
    counts these; a completed course writes one (source=course), imports add external ones.
    (source, reference) identifies the origin so writing the same record twice is a no-op."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="training_records", verbose_name=_("cá nhân")
    )
    completed_on = models.DateField(_("ngày hoàn thành"))
    title = models.CharField(_("nội dung đào tạo"), max_length=255)
    provider = models.CharField(_("đơn vị đào tạo"), max_length=255, blank=True)
    source = models.CharField(_("nguồn"), max_length=16, choices=TrainingSource.choices)
    reference = models.CharField(
        _("mã tham chiếu"), max_length=64, help_text=_("Ví dụ registration:42 hoặc số chứng chỉ.")
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("hồ sơ đào tạo")
        verbose_name_plural = _("hồ sơ đào tạo")
        constraints = [models.UniqueConstraint(fields=["source", "reference"], name="training_record_unique_origin")]

    def __str__(self):
        return f"{self.person} – {self.title} ({self.completed_on:%d/%m/%Y})"
