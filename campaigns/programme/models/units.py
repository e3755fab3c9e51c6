"""Organisation units. They form a tree that changes over time (the 1 July 2025 reform abolished
districts and merged provinces): a unit is never deleted, it gets a valid_to date and
successor links, so any report can be run as of a past date."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from campaigns.text import nfc


class UnitLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
    COMMUNE = "commune", _("Cấp xã")


class UnitType(models.TextChoices):
    PEOPLES_COMMITTEE = "committee", _("Ủy ban nhân dân")
    PEOPLES_COUNCIL = "council", _("Hội đồng nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp công lập")
    PARTY = "party", _("Cơ quan Đảng")
    MASS_ORGANISATION = "mass_org", _("Tổ chức chính trị - xã hội")


class OrganisationUnitQuerySet(MP_NodeQuerySet):
    def valid_on(self, day):
        """Units that existed on `day` (valid_from <= day, and valid_to empty or after it)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )


class OrganisationUnitManager(MP_NodeManager):
    def get_queryset(self):
        return OrganisationUnitQuerySet(self.model, using=self._db).order_by("path")

    def valid_on(self, day):
        return self.get_queryset().valid_on(day)


class OrganisationUnit(MP_Node):
    code = models.CharField(_("mã đơn vị"), max_length=32, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices)
    unit_type = models.CharField(_("loại hình"), max_length=16, choices=UnitType.choices)
    is_state_agency = models.BooleanField(
        _("là cơ quan QLNN / chính quyền địa phương"),
        default=False,
        help_text=_("Được tính vào chỉ tiêu cơ quan có lãnh đạo chủ chốt là nữ."),
    )
    is_ethnic_minority_area = models.BooleanField(_("vùng đồng bào dân tộc thiểu số"), default=False)
    minority_population_share = models.DecimalField(
        _("tỷ lệ dân số DTTS (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Ngày đơn vị thôi tồn tại (không tính ngày này).")
    )
    predecessors = models.ManyToManyField(
        "self", symmetrical=False, related_name="successors", blank=True, verbose_name=_("đơn vị tiền thân")
    )

    node_order_by = ["name"]
    objects = OrganisationUnitManager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.code = nfc(self.code)
        super().save(*args, **kwargs)
