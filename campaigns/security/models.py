"""Who may see which organisation units, and the audit trail of personal data leaving the
system (exports) or being erased."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffScope(models.Model):
    """Limits a staff account (typically an organizer) to an organisation unit and, by
    default, the units below it. An account with no scope rows is not limited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_scopes", verbose_name=_("tài khoản")
    )
    unit = models.ForeignKey(
        "programme.OrganisationUnit", on_delete=models.CASCADE, related_name="staff_scopes", verbose_name=_("đơn vị")
    )
    include_descendants = models.BooleanField(_("gồm cả đơn vị trực thuộc"), default=True)

    class Meta:
        verbose_name = _("phạm vi quản lý")
        verbose_name_plural = _("phạm vi quản lý")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="staff_scope_unique_user_unit")]

    def __str__(self):
        return f"{self.user} → {self.unit}"


class ExportKind(models.TextChoices):
    SUBJECT_ACCESS = "subject_access", _("Người dùng tải dữ liệu của chính mình")
    STAFF_EXPORT = "staff_export", _("Cán bộ xuất dữ liệu cá nhân")
    ERASURE = "erasure", _("Xóa (ẩn danh hóa) dữ liệu")
    RETENTION = "retention", _("Ẩn danh hóa do hết thời hạn lưu trữ")


class PersonalDataAudit(models.Model):
    """One row per export of personal data (who, what, how many people, which format) and
    per erasure. Rows are never edited or deleted from the admin."""

    kind = models.CharField(_("loại"), max_length=16, choices=ExportKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    subject_person_id = models.PositiveBigIntegerField(_("mã cá nhân liên quan"), null=True, blank=True)
    description = models.CharField(_("nội dung"), max_length=255)
    file_format = models.CharField(_("định dạng"), max_length=8, blank=True)
    record_count = models.PositiveIntegerField(_("số bản ghi"), default=0)
    includes_ethnicity = models.BooleanField(_("có dữ liệu dân tộc"), default=False)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("nhật ký dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký dữ liệu cá nhân")
        ordering = ["-created_at"]
        permissions = [
            ("view_ethnicity", _("Xem dữ liệu dân tộc (dữ liệu cá nhân nhạy cảm)")),
            ("export_personal_data", _("Xuất dữ liệu cá nhân")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.created_at:%d/%m/%Y %H:%M}"


class ConsentChannel(models.TextChoices):
    SIGN_UP = "sign_up", _("Biểu mẫu đăng ký tài khoản")
    PROFILE = "profile", _("Trang hồ sơ học viên")
    ADMIN = "admin", _("Cán bộ ghi nhận")
    API = "api", _("Giao diện lập trình (API)")


class ConsentRecord(models.Model):
    """The history of a person's consent to the processing of their personal data: which
    wording (version) they agreed to, when, through which channel, and when they withdrew.
    The account keeps only the current state (accounts.User.consent_*); this keeps every
    grant and withdrawal, and survives erasure as evidence (it names no one)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consent_records",
        verbose_name=_("tài khoản"),
    )
    wording_version = models.CharField(_("phiên bản nội dung đồng ý"), max_length=16)
    channel = models.CharField(_("kênh ghi nhận"), max_length=16, choices=ConsentChannel.choices)
    given_at = models.DateTimeField(_("đồng ý lúc"))
    withdrawn_at = models.DateTimeField(_("rút đồng ý lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản ghi đồng ý")
        verbose_name_plural = _("bản ghi đồng ý")
        ordering = ["-given_at"]
        constraints = [models.UniqueConstraint(fields=["user", "given_at"], name="consent_record_unique_grant")]

    def __str__(self):
        return f"{self.wording_version} – {self.given_at:%d/%m/%Y %H:%M}"
