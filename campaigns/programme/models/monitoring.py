"""Records the monitoring keeps about itself: indicator snapshots (for trends) and import
jobs (a spreadsheet being checked or imported in the background, with its progress)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .plans import Indicator


class IndicatorSnapshot(models.Model):
    """An indicator's value for a unit's subtree as of a date; one per (unit, indicator, date)."""

    unit = models.ForeignKey(
        "programme.OrganisationUnit", on_delete=models.PROTECT, related_name="snapshots", verbose_name=_("đơn vị")
    )
    indicator = models.CharField(_("chỉ tiêu"), max_length=32, choices=Indicator.choices)
    as_of = models.DateField(_("tính đến ngày"))
    numerator = models.PositiveIntegerField(_("tử số"))
    denominator = models.PositiveIntegerField(_("mẫu số"))
    value = models.DecimalField(_("giá trị (%)"), max_digits=6, decimal_places=2, null=True)
    target = models.DecimalField(_("mục tiêu (%)"), max_digits=5, decimal_places=2, null=True)
    taken_at = models.DateTimeField(_("thời điểm chụp"), auto_now=True)

    class Meta:
        verbose_name = _("ảnh chụp chỉ tiêu")
        verbose_name_plural = _("ảnh chụp chỉ tiêu")
        ordering = ["unit", "indicator", "as_of"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator", "as_of"], name="snapshot_unique_per_day"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.indicator} – {self.as_of:%d/%m/%Y}"


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ")
    RUNNING = "running", _("Đang xử lý")
    VALID = "valid", _("Hợp lệ (chạy thử)")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Có lỗi, chưa nhập gì")


class ImportJob(models.Model):
    kind = models.CharField(_("loại dữ liệu"), max_length=32)
    file = models.FileField(_("tệp"), upload_to="programme-imports/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    dry_run = models.BooleanField(_("chạy thử"), default=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    processed_rows = models.PositiveIntegerField(_("đã xử lý"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    summary = models.JSONField(_("kết quả"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    # The lease: each run (first, confirmed, retried) has its own attempt number; the worker
    # running it moves heartbeat_at on every few seconds. A job whose heartbeat stopped is
    # marked interrupted by beat (import_jobs.mark_stale_jobs) and may be run again; a run
    # whose attempt is no longer the job's writes nothing.
    attempt = models.PositiveIntegerField(_("lần chạy"), default=0)
    heartbeat_at = models.DateTimeField(_("tín hiệu sống lúc"), null=True, blank=True)
    interrupted = models.BooleanField(_("bị gián đoạn"), default=False)

    class Meta:
        verbose_name = _("lượt nhập dữ liệu")
        verbose_name_plural = _("lượt nhập dữ liệu")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def progress_percent(self):
        return int(self.processed_rows * 100 / self.total_rows) if self.total_rows else 0
