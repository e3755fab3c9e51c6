"""Figures that add up: every dashboard breakdown sums to its unit's totals, with an explicit
row for the people and agencies attached directly to the unit (issue 12, item 10)."""

import datetime

import pytest
from django.utils import timezone

from campaigns.accounts import roles
from campaigns.programme.breakdown import breakdown
from campaigns.programme.indicators import compute_indicators
from campaigns.programme.models import Gender, OrganisationUnit, Person, PlanningPoolEntry

from .test_views import DASHBOARD, login

pytestmark = pytest.mark.django_db


def _assert_rows_add_up(unit, as_of):
    totals = {v.code: v for v in compute_indicators(unit=unit, as_of=as_of)}
    rows = breakdown(unit, as_of)
    for code, total in totals.items():
        assert sum(r.values[code].numerator for r in rows) == total.numerator, (unit.code, code)
        assert sum(r.values[code].denominator for r in rows) == total.denominator, (unit.code, code)
    return rows, totals


def test_every_breakdown_of_the_demo_adds_up(programme_demo):
    today = timezone.localdate()
    checked = 0
    for as_of in (today, datetime.date(2025, 6, 30)):
        for unit in OrganisationUnit.objects.valid_on(as_of):
            if unit.get_children().exists():
                rows, _totals = _assert_rows_add_up(unit, as_of)
                assert sum(r.kind == "direct" for r in rows) == 1
                checked += 1
    assert checked >= 3


def test_people_attached_to_the_province_itself_have_their_own_row(programme_demo, client):
    province = OrganisationUnit.objects.get(code="DN")
    today = timezone.localdate()
    before = {v.code: v for v in compute_indicators(unit=province, as_of=today)}
    woman = Person.objects.create(full_name="Nguyễn Thị Lan", gender=Gender.FEMALE)
    PlanningPoolEntry.objects.create(person=woman, unit=province, target_post="Phó Chủ tịch UBND tỉnh",
                                     term_start_year=2026, term_end_year=2031, starts_on=today - datetime.timedelta(days=10))
    rows, totals = _assert_rows_add_up(province, today)
    assert totals["pool_women"].numerator == before["pool_women"].numerator + 1
    (direct,) = [r for r in rows if r.kind == "direct"]
    assert direct.label == "Trực thuộc trực tiếp Tỉnh Đồng Nai"
    assert direct.values["pool_women"].numerator >= 1
    login(client, roles.MONITOR)
    html = client.get(DASHBOARD, {"unit": "DN"}).content.decode()
    assert "Trực thuộc trực tiếp Tỉnh Đồng Nai" in html and "Tổng cộng" in html


def test_a_woman_in_two_sub_units_is_counted_once_with_an_explicit_correction(programme_demo):
    province = OrganisationUnit.objects.get(code="DN")
    today = timezone.localdate()
    first, second = list(OrganisationUnit.objects.valid_on(today).filter(path__startswith=province.path,
                                                                         depth=province.depth + 1))[:2]
    woman = Person.objects.create(full_name="Trần Thị Hạnh", gender=Gender.FEMALE)
    for unit in (first, second):
        PlanningPoolEntry.objects.create(person=woman, unit=unit, target_post=f"Phó Giám đốc {unit.code}", term_start_year=2026,
                                         term_end_year=2031, starts_on=today - datetime.timedelta(days=10))
    rows, _totals = _assert_rows_add_up(province, today)
    (overlap,) = [r for r in rows if r.kind == "overlap"]
    assert overlap.values["pool_women"].numerator == -1


def test_the_provinces_7_of_14_is_explained_by_the_former_units_row(programme_demo):
    # The demo's Đồng Nai: 7/14 women in the pool while its sub-units held 5/10; the rest are
    # in the units abolished by the 2025 merger, now named in a row of their own.
    province = OrganisationUnit.objects.get(code="DN")
    rows, totals = _assert_rows_add_up(province, timezone.localdate())
    (former,) = [r for r in rows if r.kind == "former"]
    assert former.label.startswith("Đơn vị cũ (đã giải thể, sáp nhập): ") and "Huyện Bù Gia Mập" in former.label
    units = [r for r in rows if r.kind == "unit"]
    assert sum(r.values["pool_women"].denominator for r in units) + former.values["pool_women"].denominator == \
        totals["pool_women"].denominator
