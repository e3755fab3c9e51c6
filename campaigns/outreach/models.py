"""A campaign as a domain record, read by cms's CampaignPage (which points to it): its
period, units, courses and runs, messages and goals. Below it, the results the beat
pre-computes (rollup.py) and the results screen reads: no row here names a person."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from campaigns.programme.models import Indicator


class Campaign(ClusterableModel):
    title = models.CharField(_("tên chiến dịch"), max_length=255)
    slug = models.SlugField(
        _("mã chiến dịch"), max_length=80, unique=True,
        help_text=_("Gắn vào đường dẫn trong trang và tin nhắn của chiến dịch để đếm lượt truy cập và đăng ký."),
    )
    summary = models.TextField(_("tóm tắt"), blank=True)
    starts_on = models.DateField(_("bắt đầu"))
    ends_on = models.DateField(_("kết thúc"))
    topic = models.CharField(_("chủ đề"), max_length=128, blank=True)
    units = models.ManyToManyField(
        "programme.OrganisationUnit", blank=True, related_name="campaigns", verbose_name=_("đơn vị"),
        help_text=_("Các đơn vị chiến dịch hướng tới: chỉ tiêu được so sánh đầu và cuối kỳ cho các đơn vị này."),
    )
    courses = models.ManyToManyField("training.Course", blank=True, related_name="campaigns", verbose_name=_("khóa học"))
    runs = models.ManyToManyField("training.CourseRun", blank=True, related_name="campaigns", verbose_name=_("lớp học"))
    broadcasts = models.ManyToManyField(
        "notifications.Broadcast", blank=True, related_name="campaigns", verbose_name=_("đợt gửi thông báo"),
        help_text=_("Các đợt gửi thuộc chiến dịch này (do cán bộ chọn)."),
    )
    include_digests = models.BooleanField(
        _("tính bản tin tổng hợp"), default=True,
        help_text=_("Tính các số bản tin tổng hợp gửi trong thời gian chiến dịch vào kết quả của chiến dịch."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    # Written by the rollup (rollup.py), read by the results screen.
    results_updated_at = models.DateTimeField(_("tổng hợp kết quả lúc"), null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("số trang"), default=0, editable=False)

    class Meta:
        verbose_name = _("chiến dịch")
        verbose_name_plural = _("chiến dịch")
        ordering = ["-starts_on", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})


class CampaignGoal(models.Model):
    campaign = ParentalKey(Campaign, on_delete=models.CASCADE, related_name="goals", verbose_name=_("chiến dịch"))
    indicator = models.CharField(_("chỉ tiêu"), max_length=32, choices=Indicator.choices)
    target = models.DecimalField(_("giá trị mục tiêu (%)"), max_digits=5, decimal_places=1)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("mục tiêu của chiến dịch")
        verbose_name_plural = _("mục tiêu của chiến dịch")
        constraints = [models.UniqueConstraint(fields=["campaign", "indicator"], name="campaign_goal_one_per_indicator")]

    def __str__(self):
        return f"{self.get_indicator_display()}: {self.target}%"


class CampaignDay(models.Model):
    """One day of a campaign's funnel. The row with no unit holds the reach (views, visits
    from the campaign's links, clicks: never tied to a person, so never to a unit) and the
    registrations of people with no unit; each other row holds the registrations of the
    people of one unit, counted on the day they registered, at the stage they reached."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    unit = models.ForeignKey("programme.OrganisationUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    views = models.PositiveIntegerField(default=0)
    referral_visits = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    registrations = models.PositiveIntegerField(default=0)
    confirmed = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    certificates = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "day", "unit"], name="campaign_day_once_per_unit"),
            models.UniqueConstraint(fields=["campaign", "day"], condition=Q(unit__isnull=True), name="campaign_day_once"),
        ]
        indexes = [models.Index(fields=["campaign", "day"], name="campaign_day_idx")]

    def __str__(self):
        return f"{self.campaign_id} {self.day} {self.unit_id or '-'}"


class CampaignPageDay(models.Model):
    """Views of one of the campaign's pages on one day (for the top pages)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="page_days")
    day = models.DateField()
    page_id = models.IntegerField()
    path = models.CharField(max_length=255)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "day", "page_id"], name="campaign_page_day_once")]

    def __str__(self):
        return f"{self.campaign_id} {self.day} {self.path}"


class CampaignMessage(models.Model):
    """A broadcast or newsletter edition of the campaign, counted from the delivery ledger
    (recipients, delivered, failed, unsubscribed) and from the link clicks."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="message_rows")
    ref = models.CharField(max_length=80)  # "broadcast:12", "digest:2026-12-01"
    kind = models.CharField(max_length=16)  # "broadcast" | "digest"
    label = models.CharField(max_length=255)
    sent_on = models.DateField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    delivered = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    unsubscribed = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    links = models.JSONField(default=list)  # [{"url": ..., "clicks": n}], most clicked first

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "ref"], name="campaign_message_once")]
        ordering = ["sent_on", "ref"]

    def __str__(self):
        return self.label


class CampaignRunResult(models.Model):
    """One course run of the campaign (linked to it, a run of one of its courses, or a run
    someone registered for from its links) over its whole counting window: visits from the
    campaign's links to the run's and its course's pages, and the attributed registrations
    at each stage."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="run_rows")
    run = models.ForeignKey("training.CourseRun", on_delete=models.CASCADE, related_name="+")
    visits = models.PositiveIntegerField(default=0)
    registrations = models.PositiveIntegerField(default=0)
    confirmed = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    certificates = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "run"], name="campaign_run_once")]

    def __str__(self):
        return f"{self.campaign_id} {self.run_id}"


class Moment(models.TextChoices):
    START = "start", _("Đầu kỳ")
    END = "end", _("Cuối kỳ")


class CampaignOutcome(models.Model):
    """One indicator of one of the campaign's units at its start or its end (as of today
    while it runs), computed by the programme's compute_indicators."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="outcomes")
    unit = models.ForeignKey("programme.OrganisationUnit", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=32, choices=Indicator.choices)
    moment = models.CharField(max_length=8, choices=Moment.choices)
    as_of = models.DateField()
    numerator = models.PositiveIntegerField(default=0)
    denominator = models.PositiveIntegerField(default=0)
    value = models.DecimalField(max_digits=5, decimal_places=1, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "indicator", "moment"], name="campaign_outcome_once"),
        ]

    def __str__(self):
        return f"{self.campaign_id} {self.unit_id} {self.indicator} {self.moment}"
