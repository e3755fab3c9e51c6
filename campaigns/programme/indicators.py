"""The programme's four indicators, as defined by the plan, for any unit's scope, as of any
date, optionally for one level or one sector. Each is one SQL aggregate (the two planning-pool
indicators share one), so the number of queries does not grow with the data.

Public entry points: `compute_indicators()` and, for public pages, `public_indicators()`
which drops personal data and suppresses counts under 5."""

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .ethnicities import KINH
from .models import Gender, Indicator, OrganisationUnit, Person, PlanningPoolEntry, PostHolding, TrainingRecord, held_on
from .subtrees import IndicatorError, plan_in_force, resolve_scope, target_for

__all__ = ["IndicatorError", "IndicatorValue", "Status", "compute_indicators", "public_indicators", "suppress"]

SUPPRESSION_THRESHOLD = 5
HUNDRED = Decimal(100)


class Status:
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"

    @staticmethod
    def label(code):
        return {
            Status.ACHIEVED: _("Đã đạt"),
            Status.ON_TRACK: _("Đúng tiến độ"),
            Status.AT_RISK: _("Có nguy cơ không đạt"),
            Status.NO_TARGET: _("Chưa có chỉ tiêu"),
            Status.NO_DATA: _("Chưa có dữ liệu"),
        }[code]


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    label: str
    numerator: int
    denominator: int
    value: Decimal | None  # percent, one decimal; None when the denominator is 0
    target: Decimal | None  # percent
    target_year: int | None
    plan: str  # the plan's number, "" when none applies
    status: str
    gap: int  # people or agencies still needed to reach the target (0 when reached)
    gap_unit: str  # "people" or "agencies"
    message: str

    @property
    def status_label(self):
        return Status.label(self.status)


def percent(numerator, denominator):
    if not denominator:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def pct_text(value):
    return floatformat(value, -1)


def _needed_fixed(numerator, denominator, target):
    """How many more of the denominator must qualify to reach `target` percent."""
    required = math.ceil(Decimal(denominator) * target / HUNDRED)
    return max(0, required - numerator)


def _needed_added(women, total, target):
    """How many women must join the pool (growing it) for women to reach `target` percent."""
    share = target / HUNDRED
    if share >= 1:
        return 0 if women == total else max(0, total - women)
    return max(0, math.ceil((share * total - women) / (1 - share)))


def _expected_now(target, previous, plan_issued, day):
    """The value that keeps a straight line from the previous milestone (or 0 at the plan's
    issue) to this milestone's 31 December: below it, the indicator is at risk."""
    end = datetime.date(target.year, 12, 31)
    if previous is not None:
        start, base = datetime.date(previous.year, 12, 31), previous.percent
    else:
        start, base = plan_issued, Decimal(0)
    span = (end - start).days
    if span <= 0 or day >= end:
        return target.percent
    elapsed = max(0, (day - start).days)
    return base + (target.percent - base) * Decimal(elapsed) / Decimal(span)


def _build(code, numerator, denominator, plan, day, sector, gap_fn, gap_unit, gap_message):
    value = percent(numerator, denominator)
    target, previous = target_for(plan, code, day, sector)
    label = Indicator(code).label
    if target is None:
        status, gap, message = Status.NO_TARGET, 0, _("Chưa có chỉ tiêu trong kế hoạch áp dụng.")
    elif value is None:
        status, gap, message = Status.NO_DATA, 0, _("Chưa có dữ liệu vào ngày này.")
    else:
        gap = gap_fn(numerator, denominator, target.percent)
        if gap == 0 and value >= target.percent:
            status = Status.ACHIEVED
            message = _("Đã đạt mục tiêu %(target)s%% của năm %(year)s.") % {
                "target": pct_text(target.percent),
                "year": target.year,
            }
        else:
            gap = max(gap, 1)
            expected = _expected_now(target, previous, plan.issued_on, day)
            status = Status.ON_TRACK if value >= expected else Status.AT_RISK
            message = gap_message(gap) % {"n": gap, "target": pct_text(target.percent), "year": target.year}
    return IndicatorValue(
        code=code,
        label=str(label),
        numerator=numerator,
        denominator=denominator,
        value=value,
        target=target.percent if target else None,
        target_year=target.year if target else None,
        plan=plan.number if plan else "",
        status=status,
        gap=gap,
        gap_unit=gap_unit,
        message=message,
    )


def _pool_counts(scope, level, sector):
    """Persons (not entries: a person may hold several) in the pool on the day. Membership and
    training are uncorrelated IN subqueries, which the databases hash once."""
    day = scope.as_of
    entries = PlanningPoolEntry.objects.filter(scope.units("unit__"), starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=day)
    )
    if level:
        entries = entries.filter(Q(target_level=level) | Q(target_level="", unit__level=level))
    if sector:
        entries = entries.filter(unit__unit_type=sector)
    trained = TrainingRecord.objects.filter(completed_on__lte=day).values("person_id")
    woman = Q(gender=Gender.FEMALE)
    return Person.objects.filter(pk__in=entries.values("person_id")).aggregate(
        total=Count("pk"),
        women=Count("pk", filter=woman),
        trained=Count("pk", filter=woman & Q(pk__in=trained)),
    )


def _agencies(scope, level, sector):
    agencies = OrganisationUnit.objects.filter(scope.valid_agencies())
    if level:
        agencies = agencies.filter(level=level)
    if sector:
        agencies = agencies.filter(unit_type=sector)
    return agencies


def _key_leader_holdings(day, correlated=True):
    holdings = PostHolding.objects.filter(held_on(day), post__is_key_leader=True).filter(
        Q(post__retired_on__isnull=True) | Q(post__retired_on__gt=day)
    )
    return holdings.filter(post__unit_id=OuterRef("pk")) if correlated else holdings


def _key_leader_counts(scope, level, sector):
    day = scope.as_of
    led_by_women = (
        _key_leader_holdings(day, correlated=False).filter(person__gender=Gender.FEMALE).values("post__unit_id")
    )
    return _agencies(scope, level, sector).aggregate(
        total=Count("pk"), with_woman=Count("pk", filter=Q(pk__in=led_by_women))
    )


def _count_of(holdings):
    return Coalesce(
        Subquery(holdings.order_by().values("post__unit_id").annotate(c=Count("pk")).values("c")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def minority_leaders_in_line(leaders, minority_leaders, population_share):
    """An agency's key leaders are in line with its area's population structure when the
    ethnic-minority leaders are at least the population share of its leaders, rounded to
    whole people (half up); an agency with no key leader in post is not."""
    if not leaders:
        return False
    expected = (Decimal(leaders) * Decimal(population_share) / HUNDRED).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return minority_leaders >= expected


def _minority_counts(scope, level, sector):
    day = scope.as_of
    holdings = _key_leader_holdings(day)
    minority = holdings.exclude(person__ethnicity__in=["", KINH])
    rows = (
        _agencies(scope, level, sector)
        .filter(is_ethnic_minority_area=True, minority_population_share__isnull=False)
        .annotate(leaders=_count_of(holdings), minority=_count_of(minority))
        .values_list("leaders", "minority", "minority_population_share")
    )
    rows = list(rows)
    in_line = sum(1 for leaders, minority_, share in rows if minority_leaders_in_line(leaders, minority_, share))
    return {"total": len(rows), "in_line": in_line}


def compute_indicators(*, unit, as_of, level=None, plan=None, sector=""):
    """Return the four IndicatorValues for `unit`'s scope on `as_of` (see subtrees.py), counting
    only agencies (and planning-pool entries) of `level` and of `sector` (a unit type) when
    given. Targets come from `plan`, or from the plan in force there on that day.
    Raises IndicatorError when the unit did not exist on `as_of`."""
    if isinstance(as_of, datetime.datetime):
        as_of = as_of.date()
    scope = resolve_scope(unit=unit, as_of=as_of)
    if plan is None:
        plan = plan_in_force(scope=scope)
    pool = _pool_counts(scope, level, sector)
    leaders = _key_leader_counts(scope, level, sector)
    minority = _minority_counts(scope, level, sector)
    agencies = "agencies"
    return [
        _build(
            Indicator.KEY_LEADER,
            leaders["with_woman"],
            leaders["total"],
            plan,
            as_of,
            sector,
            _needed_fixed,
            agencies,
            lambda n: ngettext(
                "Cần thêm %(n)s cơ quan có lãnh đạo chủ chốt là nữ để đạt %(target)s%%.",
                "Cần thêm %(n)s cơ quan có lãnh đạo chủ chốt là nữ để đạt %(target)s%%.",
                n,
            ),
        ),
        _build(
            Indicator.POOL_WOMEN,
            pool["women"],
            pool["total"],
            plan,
            as_of,
            sector,
            _needed_added,
            "people",
            lambda n: ngettext(
                "Cần thêm %(n)s phụ nữ vào quy hoạch để đạt %(target)s%%.",
                "Cần thêm %(n)s phụ nữ vào quy hoạch để đạt %(target)s%%.",
                n,
            ),
        ),
        _build(
            Indicator.POOL_TRAINED,
            pool["trained"],
            pool["women"],
            plan,
            as_of,
            sector,
            _needed_fixed,
            "people",
            lambda n: ngettext(
                "Cần thêm %(n)s phụ nữ được đào tạo để đạt %(target)s%%.",
                "Cần thêm %(n)s phụ nữ được đào tạo để đạt %(target)s%%.",
                n,
            ),
        ),
        _build(
            Indicator.MINORITY_LEADERS,
            minority["in_line"],
            minority["total"],
            plan,
            as_of,
            sector,
            _needed_fixed,
            agencies,
            lambda n: ngettext(
                "Cần thêm %(n)s cơ quan vùng DTTS có lãnh đạo người DTTS tương xứng tỷ lệ dân số.",
                "Cần thêm %(n)s cơ quan vùng DTTS có lãnh đạo người DTTS tương xứng tỷ lệ dân số.",
                n,
            ),
        ),
    ]


def suppress(count, threshold=SUPPRESSION_THRESHOLD):
    """`count`, or None when it is 1..threshold-1 (small counts can identify people)."""
    if count is None or count == 0 or count >= threshold:
        return count
    return None


@dataclass(frozen=True)
class PublicIndicator:
    code: str
    label: str
    value: Decimal | None
    target: Decimal | None
    target_year: int | None
    status: str
    status_label: str
    suppressed: bool
    numerator: int | None
    denominator: int | None


def public_indicators(values, codes=None, threshold=SUPPRESSION_THRESHOLD):
    """Public-safe versions of `values` (optionally only `codes`): counts only, never names;
    when the count qualifying, not qualifying or in total is under `threshold`, the counts,
    the value and the status are withheld."""
    result = []
    for v in values:
        if codes and v.code not in codes:
            continue
        small = any(suppress(n, threshold) is None for n in (v.numerator, v.denominator - v.numerator, v.denominator))
        result.append(
            PublicIndicator(
                code=v.code,
                label=v.label,
                value=None if small else v.value,
                target=v.target,
                target_year=v.target_year,
                status="suppressed" if small else v.status,
                status_label=_("Số liệu quá nhỏ để công bố") if small else v.status_label,
                suppressed=small,
                numerator=None if small else v.numerator,
                denominator=None if small else v.denominator,
            )
        )
    return result
