"""The read side of a campaign's results: everything the results screen, its exports and the
comparison show, read from the rows the rollup pre-computed (a handful of queries, whatever
the volume of views), for a date range and optionally one of the campaign's units."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.programme.models import Indicator

from .charts import daily_bars
from .models import CampaignDay, CampaignMessage, CampaignOutcome, CampaignPageDay, CampaignRunResult, Moment
from .pages import page_titles
from .rollup import FUNNEL_FIELDS, counting_window

REACH_FIELDS = ("views", "referral_visits", "clicks")
TOP_PAGES = 10


def step_labels():
    return {
        "views": _("Lượt xem trang chiến dịch"),
        "referral_visits": _("Lượt truy cập từ đường dẫn chiến dịch"),
        "clicks": _("Lượt nhấp đường dẫn trong tin nhắn"),
        "registrations": _("Đăng ký"),
        "confirmed": _("Được xác nhận"),
        "attended": _("Có tham dự"),
        "completed": _("Hoàn thành"),
        "certificates": _("Được cấp chứng nhận"),
    }


@dataclass
class OutcomeRow:
    unit: object
    indicator: str
    label: str
    start: object = None
    end: object = None
    goal: object = None

    @property
    def change(self):
        if self.start is None or self.end is None or self.start.value is None or self.end.value is None:
            return None
        return self.end.value - self.start.value

    @property
    def goal_reached(self):
        if self.goal is None or self.end is None or self.end.value is None:
            return None
        return self.end.value >= self.goal.target


@dataclass
class Results:
    campaign: object
    start: datetime.date
    end: datetime.date
    unit: object
    totals: dict
    funnel: list
    daily: list
    chart: object
    top_pages: list
    messages: list
    outcome: list
    runs: list
    reasons: dict = field(default_factory=dict)


def default_range(campaign, today=None):
    start, end = counting_window(campaign, today or timezone.localdate())
    return start, max(start, end)


def _units_q(unit):
    return Q(unit__path__startswith=unit.path) if unit is not None else Q()


def _totals(campaign, start, end, unit):
    rows = CampaignDay.objects.filter(campaign=campaign, day__gte=start, day__lte=end)
    reach = rows.filter(unit__isnull=True).aggregate(**{f: Sum(f) for f in REACH_FIELDS})
    funnel = rows.filter(_units_q(unit)).aggregate(**{f: Sum(f) for f in FUNNEL_FIELDS})
    return {k: v or 0 for k, v in {**reach, **funnel}.items()}


def _daily(campaign, start, end, unit):
    rows = CampaignDay.objects.filter(campaign=campaign, day__gte=start, day__lte=end)
    reach = {day: (views, visits) for day, views, visits in
             rows.filter(unit__isnull=True).values_list("day", "views", "referral_visits")}
    regs = dict(rows.filter(_units_q(unit)).values("day").annotate(n=Sum("registrations")).values_list("day", "n"))
    days, day = [], start
    while day <= end:
        views, visits = reach.get(day, (0, 0))
        days.append((day, views, visits, regs.get(day, 0)))
        day += datetime.timedelta(days=1)
    return days


def _funnel(totals):
    labels = step_labels()
    steps, previous = [], None
    for code in ("views", "referral_visits", *FUNNEL_FIELDS):
        value = totals[code]
        rate = round(100 * value / previous, 1) if previous else None
        steps.append({"code": code, "label": labels[code], "value": value, "rate": rate})
        previous = value
    return steps


def _top_pages(campaign, start, end):
    rows = list(
        CampaignPageDay.objects.filter(campaign=campaign, day__gte=start, day__lte=end)
        .values("page_id", "path")
        .annotate(total=Sum("views"))
        .order_by("-total", "path")[:TOP_PAGES]
    )
    titles = page_titles(r["page_id"] for r in rows)
    return [{"title": titles.get(r["page_id"], r["path"]), "path": r["path"], "views": r["total"]} for r in rows]


def _messages(campaign, start, end):
    rows = CampaignMessage.objects.filter(campaign=campaign)
    return list(rows.filter(Q(sent_on__isnull=True) | Q(sent_on__gte=start, sent_on__lte=end)))


def _outcome(campaign, unit):
    goals = {g.indicator: g for g in campaign.goals.all()}
    rows = CampaignOutcome.objects.filter(campaign=campaign).select_related("unit").order_by("unit__path")
    if unit is not None:
        rows = rows.filter(unit=unit)
    labels = dict(Indicator.choices)
    table = {}
    for row in rows:
        key = (row.unit_id, row.indicator)
        if key not in table:
            table[key] = OutcomeRow(unit=row.unit, indicator=row.indicator, label=str(labels[row.indicator]),
                                    goal=goals.get(row.indicator))
        setattr(table[key], "start" if row.moment == Moment.START else "end", row)
    order = {code: i for i, code in enumerate(Indicator.values)}
    return sorted(table.values(), key=lambda r: (r.unit.path, order[r.indicator]))


def _reasons(campaign, totals, messages, outcome, unit):
    """Why a part of the screen shows zeros (a zero with no reason reads as a fault)."""
    reasons = {}
    if campaign.results_updated_at is None:
        reasons["pending"] = _("Kết quả chưa được tổng hợp: tác vụ tổng hợp chạy 15 phút một lần.")
    if not campaign.page_count:
        reasons["views"] = _("Chiến dịch chưa có trang nào (chưa trang chiến dịch nào gắn với chiến dịch này).")
    elif not totals["views"]:
        reasons["views"] = _("Chưa ghi nhận lượt xem nào trên các trang của chiến dịch trong khoảng thời gian này.")
    if unit is not None:
        reasons["unit"] = _("Lượt xem, lượt truy cập và lượt nhấp không gắn với người nên không chia theo đơn vị; "
                            "bộ lọc đơn vị chỉ áp dụng cho đăng ký và chỉ tiêu.")
    if not messages:
        reasons["messages"] = _("Chiến dịch chưa gắn đợt gửi nào và không có bản tin nào gửi trong thời gian chiến dịch.")
    if not campaign.courses.exists() and not campaign.runs.exists():
        reasons["registrations"] = _("Chiến dịch chưa gắn khóa học hoặc lớp học nào.")
    elif not totals["registrations"]:
        reasons["registrations"] = _("Chưa có đăng ký nào đến từ đường dẫn của chiến dịch trong khoảng thời gian này.")
    if not campaign.units.exists():
        reasons["outcome"] = _("Chiến dịch chưa gắn đơn vị nào nên không có chỉ tiêu để so sánh.")
    elif not outcome:
        reasons["outcome"] = _("Chưa có số liệu chỉ tiêu: chiến dịch chưa bắt đầu hoặc đơn vị không tồn tại trong kỳ.")
    return reasons


def campaign_results(campaign, *, start=None, end=None, unit=None):
    """Results of `campaign` between `start` and `end` (default: its counting window), for
    `unit` (one of its units, with the units under it) or all."""
    default_start, default_end = default_range(campaign)
    start, end = start or default_start, end or default_end
    totals = _totals(campaign, start, end, unit)
    daily = _daily(campaign, start, end, unit)
    messages = _messages(campaign, start, end)
    outcome = _outcome(campaign, unit)
    return Results(
        campaign=campaign, start=start, end=end, unit=unit, totals=totals, funnel=_funnel(totals), daily=daily,
        chart=daily_bars([(d, v) for d, v, _visits, _regs in daily]), top_pages=_top_pages(campaign, start, end),
        messages=messages, outcome=outcome,
        runs=list(CampaignRunResult.objects.filter(campaign=campaign).select_related("run__course").order_by("run__course__title", "run__title")),
        reasons=_reasons(campaign, totals, messages, outcome, unit),
    )


def comparison(campaigns):
    """For each campaign, over its own counting window: the funnel's totals, its messages'
    totals and the change of each indicator for its widest unit (the first by level)."""
    columns = []
    for campaign in campaigns:
        start, end = default_range(campaign)
        totals = _totals(campaign, start, end, None)
        messages = CampaignMessage.objects.filter(campaign=campaign).aggregate(
            n=Count("pk"), recipients=Sum("recipients"), delivered=Sum("delivered"), unsubscribed=Sum("unsubscribed")
        )
        outcome = _outcome(campaign, None)
        top_unit = min((r.unit for r in outcome), key=lambda u: (u.depth, u.path), default=None)
        changes = {r.indicator: r.change for r in outcome if r.unit == top_unit}
        columns.append({
            "campaign": campaign, "start": start, "end": end, "totals": totals,
            "messages": {k: v or 0 for k, v in messages.items()}, "unit": top_unit, "changes": changes,
            "per_thousand": round(1000 * totals["registrations"] / totals["views"], 1) if totals["views"] else None,
        })
    return columns
