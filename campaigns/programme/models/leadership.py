"""Leadership posts and who holds them. A post belongs to a unit; a holding says which person
held it from when to when. The key-leader indicator counts agencies with at least one key
leader post held by a woman on the day asked; nothing is deleted, a post is retired instead."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from campaigns.text import nfc


class LeadershipPost(models.Model):
    unit = models.ForeignKey(
        "programme.OrganisationUnit", on_delete=models.PROTECT, related_name="posts", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("chức danh"), max_length=255, help_text=_("Ví dụ: Chủ tịch, Phó Chủ tịch, Giám đốc."))
    is_key_leader = models.BooleanField(
        _("là lãnh đạo chủ chốt"),
        default=False,
        help_text=_("Được tính vào chỉ tiêu cơ quan có lãnh đạo chủ chốt là nữ."),
    )
    retired_on = models.DateField(_("bãi bỏ từ ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("chức danh lãnh đạo")
        verbose_name_plural = _("chức danh lãnh đạo")
        constraints = [models.UniqueConstraint(fields=["unit", "title"], name="post_unique_title_per_unit")]

    def __str__(self):
        return f"{self.title} – {self.unit}"

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        super().save(*args, **kwargs)


class PostHolding(models.Model):
    """`person` held `post` from `starts_on` until the day before `ends_on` (empty: still holds)."""

    post = models.ForeignKey(
        LeadershipPost, on_delete=models.PROTECT, related_name="holdings", verbose_name=_("chức danh")
    )
    person = models.ForeignKey(
        "programme.Person", on_delete=models.PROTECT, related_name="post_holdings", verbose_name=_("cá nhân")
    )
    starts_on = models.DateField(_("giữ chức từ ngày"))
    ends_on = models.DateField(_("thôi giữ chức từ ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("quá trình giữ chức")
        verbose_name_plural = _("quá trình giữ chức")
        constraints = [
            models.UniqueConstraint(fields=["post", "person", "starts_on"], name="holding_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")), name="holding_dates_order"
            ),
        ]
        indexes = [models.Index(fields=["post", "starts_on"], name="holding_post_start")]

    def __str__(self):
        return f"{self.person} – {self.post}"


def held_on(day, prefix=""):
    """Q for holdings (reached through `prefix`) that are in force on `day`."""
    return Q(**{f"{prefix}starts_on__lte": day}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gt": day})
    )
