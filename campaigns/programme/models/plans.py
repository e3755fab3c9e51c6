"""Plans and their targets, as data an administrator edits. A plan (Decision 2282/QĐ-TTg,
Plan 347/KH-UBND, ...) covers a scope unit (empty: the whole country) and may be superseded;
it sets a target per indicator and milestone year, optionally adjusted for one sector."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from campaigns.text import nfc


class Indicator(models.TextChoices):
    KEY_LEADER = "key_leader", _("Cơ quan có lãnh đạo chủ chốt là nữ")
    POOL_WOMEN = "pool_women", _("Nữ trong quy hoạch lãnh đạo")
    POOL_TRAINED = "pool_trained", _("Nữ trong quy hoạch được đào tạo, bồi dưỡng")
    MINORITY_LEADERS = "minority_leaders", _("Lãnh đạo người DTTS ở vùng DTTS tương xứng tỷ lệ dân số")


class Plan(ClusterableModel):
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    number = models.CharField(_("số hiệu"), max_length=64, unique=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"))
    scope_unit = models.ForeignKey(
        "programme.OrganisationUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("phạm vi áp dụng"),
        help_text=_("Để trống nếu áp dụng toàn quốc."),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name=_("được thay thế bởi"),
    )

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-issued_on"]

    def __str__(self):
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"

    def save(self, *args, **kwargs):
        self.issuer, self.number, self.title = nfc(self.issuer), nfc(self.number), nfc(self.title)
        super().save(*args, **kwargs)


class PlanTarget(models.Model):
    """The plan's target for an indicator by the end of `year`. `proportional` targets (the
    ethnic-minority indicator) mean every agency in such areas matches its population share;
    they are stored as 100% of agencies. A `sector` (a unit type) marks an adjusted target for
    sectors where women are under 30% of staff."""

    plan = ParentalKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("kế hoạch"))
    indicator = models.CharField(_("chỉ tiêu"), max_length=32, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("năm đạt"))
    percent = models.DecimalField(_("mục tiêu (%)"), max_digits=5, decimal_places=2)
    proportional = models.BooleanField(_("tương xứng tỷ lệ dân số"), default=False)
    sector = models.CharField(
        _("ngành, lĩnh vực điều chỉnh"), max_length=16, blank=True, help_text=_("Để trống: chỉ tiêu chung.")
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu kế hoạch")
        verbose_name_plural = _("chỉ tiêu kế hoạch")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "indicator", "year", "sector"], name="target_unique_per_year"),
            models.CheckConstraint(condition=Q(percent__gte=0) & Q(percent__lte=100), name="target_percent_range"),
        ]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.year}: {self.percent}%"
