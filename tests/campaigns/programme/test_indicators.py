"""Indicators as defined by the plan, for any unit's scope and date, in a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.programme.indicators import IndicatorError, Status, compute_indicators, public_indicators, suppress
from campaigns.programme.models import Gender, Indicator, Plan, PlanTarget, UnitLevel

from .factories import (
    LeadershipPostFactory,
    PersonFactory,
    PlanningPoolEntryFactory,
    PostHoldingFactory,
    TrainingRecordFactory,
    unit,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 6, 30)


def by_code(values):
    return {v.code: v for v in values}


def plan_347(scope_unit):
    plan = Plan.objects.create(
        issuer="UBND tỉnh",
        number="347/KH-UBND",
        title="Kế hoạch",
        issued_on=datetime.date(2023, 11, 21),
        scope_unit=scope_unit,
    )
    for indicator, year, pct in [
        (Indicator.KEY_LEADER, 2025, 50),
        (Indicator.KEY_LEADER, 2030, 65),
        (Indicator.POOL_WOMEN, 2025, 40),
        (Indicator.POOL_WOMEN, 2030, 50),
        (Indicator.POOL_TRAINED, 2025, 75),
        (Indicator.POOL_TRAINED, 2030, 90),
        (Indicator.MINORITY_LEADERS, 2025, 100),
        (Indicator.MINORITY_LEADERS, 2030, 100),
    ]:
        PlanTarget.objects.create(plan=plan, indicator=indicator, year=year, percent=pct)
    return plan


@pytest.fixture
def province():
    return unit(code="P", level=UnitLevel.PROVINCE)


def test_training_gap_names_the_women_still_needed(province):
    plan_347(province)
    women = [PlanningPoolEntryFactory(unit=province).person for _ in range(100)]
    for person in women[:38]:
        TrainingRecordFactory(person=person)
    trained = by_code(compute_indicators(unit=province, as_of=DAY))[Indicator.POOL_TRAINED]
    assert (trained.numerator, trained.denominator, trained.value) == (38, 100, Decimal("38.0"))
    assert (trained.target, trained.target_year, trained.gap) == (Decimal("75.00"), 2025, 37)
    assert trained.message == "Cần thêm 37 phụ nữ được đào tạo để đạt 75%."
    assert trained.status == Status.AT_RISK and trained.plan == "347/KH-UBND"


def test_pool_counts_people_once_and_only_entries_active_on_the_day(province):
    plan_347(province)
    woman = PersonFactory()
    PlanningPoolEntryFactory(person=woman, unit=province, target_post="Giám đốc Sở")
    PlanningPoolEntryFactory(person=woman, unit=province, target_post="Phó Giám đốc Sở")
    PlanningPoolEntryFactory(unit=province, person=PersonFactory(gender=Gender.MALE))
    PlanningPoolEntryFactory(unit=province, person=PersonFactory(gender=Gender.MALE), ends_on=DAY)  # left that day
    PlanningPoolEntryFactory(unit=province, starts_on=DAY + datetime.timedelta(days=1))  # joins the next day
    pool = by_code(compute_indicators(unit=province, as_of=DAY))[Indicator.POOL_WOMEN]
    assert (pool.numerator, pool.denominator, pool.value) == (1, 2, Decimal("50.0"))
    assert pool.status == Status.ACHIEVED and pool.gap == 0


def test_women_needed_in_the_pool_grow_the_pool(province):
    plan_347(province)
    PlanningPoolEntryFactory(unit=province)
    for _ in range(9):
        PlanningPoolEntryFactory(unit=province, person=PersonFactory(gender=Gender.MALE))
    pool = by_code(compute_indicators(unit=province, as_of=DAY))[Indicator.POOL_WOMEN]
    # (1 + x) / (10 + x) >= 40%  ->  x >= 5
    assert pool.gap == 5 and pool.message == "Cần thêm 5 phụ nữ vào quy hoạch để đạt 40%."


def test_training_after_the_day_or_of_men_does_not_count(province):
    plan_347(province)
    late = PlanningPoolEntryFactory(unit=province).person
    TrainingRecordFactory(person=late, completed_on=DAY + datetime.timedelta(days=1))
    on_time = PlanningPoolEntryFactory(unit=province).person
    TrainingRecordFactory(person=on_time, completed_on=DAY, source="course", reference="registration:1")
    man = PlanningPoolEntryFactory(unit=province, person=PersonFactory(gender=Gender.MALE)).person
    TrainingRecordFactory(person=man)
    trained = by_code(compute_indicators(unit=province, as_of=DAY))[Indicator.POOL_TRAINED]
    assert (trained.numerator, trained.denominator) == (1, 2)


def test_agency_counts_when_a_key_leader_post_is_held_by_a_woman_that_day(province):
    plan_347(province)
    a, b, c = (unit(province) for _ in range(3))
    unit(province, state=False)  # a public service unit is not counted
    unit(province, valid_to=DAY)  # ceased to exist on the day
    PostHoldingFactory(post=LeadershipPostFactory(unit=a))  # woman key leader
    PostHoldingFactory(post=LeadershipPostFactory(unit=b, is_key_leader=False))  # not a key post
    PostHoldingFactory(post=LeadershipPostFactory(unit=c), ends_on=DAY)  # left that day
    PostHoldingFactory(post=LeadershipPostFactory(unit=c), person=PersonFactory(gender=Gender.MALE))
    leaders = by_code(compute_indicators(unit=province, as_of=DAY))[Indicator.KEY_LEADER]
    assert (leaders.numerator, leaders.denominator) == (1, 4)  # province itself, a, b, c
    assert leaders.gap == 1 and leaders.gap_unit == "agencies"
    commune_only = by_code(compute_indicators(unit=province, as_of=DAY, level=UnitLevel.COMMUNE))
    assert commune_only[Indicator.KEY_LEADER].denominator == 3


def test_minority_leaders_in_line_with_population_share(province):
    plan_347(province)
    in_line = unit(province, is_ethnic_minority_area=True, minority_population_share=Decimal("62"))
    short = unit(province, is_ethnic_minority_area=True, minority_population_share=Decimal("62"))
    unit(province, is_ethnic_minority_area=True, minority_population_share=Decimal("40"))  # no leader in post
    for agency, ethnicities in ((in_line, ["22", "01"]), (short, ["01", "01"])):
        for i, ethnicity in enumerate(ethnicities):
            PostHoldingFactory(
                post=LeadershipPostFactory(unit=agency, title=f"Lãnh đạo {i}"),
                person=PersonFactory(ethnicity=ethnicity),
            )
    minority = by_code(compute_indicators(unit=province, as_of=DAY))[Indicator.MINORITY_LEADERS]
    assert (minority.numerator, minority.denominator) == (1, 3)
    assert minority.gap == 2


def test_merged_province_includes_its_predecessors_pool_after_the_merger():
    reform = datetime.date(2025, 7, 1)
    old = unit(code="OLD", level=UnitLevel.PROVINCE, valid_to=reform)
    old_commune = unit(old, valid_to=reform)
    new = unit(code="NEW", level=UnitLevel.PROVINCE, valid_from=reform)
    new.predecessors.add(old)
    PlanningPoolEntryFactory(unit=old_commune)
    PlanningPoolEntryFactory(unit=new, person=PersonFactory(gender=Gender.MALE))
    after = by_code(compute_indicators(unit=new, as_of=datetime.date(2026, 1, 1)))[Indicator.POOL_WOMEN]
    before = by_code(compute_indicators(unit=old, as_of=DAY))[Indicator.POOL_WOMEN]
    assert (after.numerator, after.denominator) == (1, 2)
    assert (before.numerator, before.denominator) == (1, 1)
    with pytest.raises(IndicatorError, match="không tồn tại vào ngày 30/06/2025"):
        compute_indicators(unit=new, as_of=DAY)


def test_national_decision_applies_without_a_provincial_plan_and_superseded_plans_stop(province):
    national = compute_indicators(unit=province, as_of=DAY)
    assert national[0].plan == "2282/QĐ-TTg" and national[0].target == Decimal("60.00")
    assert national[1].status == Status.NO_TARGET
    old = plan_347(province)
    newer = Plan.objects.create(
        issuer="UBND", number="12/KH-UBND", title="Thay thế", issued_on=datetime.date(2026, 1, 5), scope_unit=province
    )
    PlanTarget.objects.create(plan=newer, indicator=Indicator.KEY_LEADER, year=2030, percent=70)
    old.superseded_by = newer
    old.save()
    assert compute_indicators(unit=province, as_of=DAY)[0].plan == "347/KH-UBND"
    assert compute_indicators(unit=province, as_of=datetime.date(2026, 2, 1))[0].target == Decimal("70.00")


def test_sector_adjusted_target_wins_for_that_sector(province):
    plan = plan_347(province)
    PlanTarget.objects.create(plan=plan, indicator=Indicator.KEY_LEADER, year=2025, percent=30, sector="department")
    assert compute_indicators(unit=province, as_of=DAY, sector="department")[0].target == Decimal("30.00")
    assert compute_indicators(unit=province, as_of=DAY)[0].target == Decimal("50.00")


def _grow(province, n):
    for _ in range(n):
        agency = unit(province, is_ethnic_minority_area=True, minority_population_share=Decimal("30"))
        entry = PlanningPoolEntryFactory(unit=agency)
        TrainingRecordFactory(person=entry.person)
        PostHoldingFactory(post=LeadershipPostFactory(unit=agency), person=entry.person)


def test_query_count_stays_constant_as_data_grows(province):
    plan_347(province)
    merged_away = unit(code="GONE", level=UnitLevel.PROVINCE, valid_to=datetime.date(2024, 1, 1))
    province.predecessors.add(merged_away)
    _grow(province, 2)
    with CaptureQueriesContext(connection) as small:
        compute_indicators(unit=province, as_of=DAY)
    _grow(province, 25)
    with CaptureQueriesContext(connection) as large:
        values = compute_indicators(unit=province, as_of=DAY)
    assert len(large) == len(small) <= 8
    assert by_code(values)[Indicator.POOL_TRAINED].numerator == 27


def test_public_indicators_suppress_counts_under_five(province):
    plan_347(province)
    for _ in range(3):
        PlanningPoolEntryFactory(unit=province)
    for _ in range(6):
        PlanningPoolEntryFactory(unit=province, person=PersonFactory(gender=Gender.MALE))
    public = {p.code: p for p in public_indicators(compute_indicators(unit=province, as_of=DAY))}
    women = public[Indicator.POOL_WOMEN]
    assert women.suppressed and women.value is None and women.numerator is None
    assert women.target == Decimal("40.00")
    assert (suppress(0), suppress(3), suppress(5)) == (0, None, 5)
