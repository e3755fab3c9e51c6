"""The demo data's indicator figures, counted by hand from demo/programme.py.

Bình Phước on 30/06/2025 (its own tree; the province node itself is not an agency):
- agencies: UBND tỉnh (woman Vice-Chair), Sở Nội vụ (woman Director), Đồng Xoài (two men),
  Bù Gia Mập (woman Vice-Chair), Tân Phú (its woman Chair left on 01/04/2025), Đắk Ơ (Thảo):
  4 of 6 -> 66.7% against 50% for 2025, achieved.
- pool: 10 people active (one leaves only on 31/12/2025), 3 women -> 30%; to reach 40%,
  (3 + x) / (10 + x) >= 0.4 -> x = 2.
- trained women: Mai Anh (15/10/2024) and Bích Ngọc (20/05/2025); Thảo only on 10/09/2025 -> 2/3.
- ethnic-minority areas: Bù Gia Mập (38.5%, 2 Kinh leaders: needs 1) no; Đắk Ơ (62%, 2 Xtiêng
  leaders) yes -> 1/2.
Đồng Nai today (includes the former Bình Phước and the former Đồng Nai):
- agencies valid today: UBND (woman Vice-Chair), Sở Nội vụ (woman only a deputy, not key),
  Phường Đồng Xoài (woman Chair), Xã Đắk Ơ (Thảo) -> 3/4 = 75% against 65% for 2030.
- pool: 9 from Bình Phước + 4 new + 1 from the former Đồng Nai = 14, women 3 + 3 + 1 = 7 -> 50%.
- trained women: Mai Anh, Bích Ngọc, Thảo, Thu Hà, Lan, Ngọc Trâm = 6 of 7 (Kim Liên not) -> 85.7%,
  1 more needed for 90%.
- ethnic-minority areas: Xã Đắk Ơ only (62%; Chair Kinh, Vice-Chair Xtiêng: 1 of 2 needed) -> 1/1."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaigns.programme.indicators import Status, compute_indicators
from campaigns.programme.models import OrganisationUnit, Person, UnitLevel


def figures(code, day, **kwargs):
    unit = OrganisationUnit.objects.get(code=code)
    return {
        v.code: (v.numerator, v.denominator, v.value, v.target, v.status, v.gap)
        for v in compute_indicators(unit=unit, as_of=day, **kwargs)
    }


def test_binh_phuoc_before_the_merger(programme_demo):
    assert figures("BP", datetime.date(2025, 6, 30)) == {
        "key_leader": (4, 6, Decimal("66.7"), Decimal("50.00"), Status.ACHIEVED, 0),
        "pool_women": (3, 10, Decimal("30.0"), Decimal("40.00"), Status.AT_RISK, 2),
        "pool_trained": (2, 3, Decimal("66.7"), Decimal("75.00"), Status.ON_TRACK, 1),
        "minority_leaders": (1, 2, Decimal("50.0"), Decimal("100.00"), Status.AT_RISK, 1),
    }


def test_dong_nai_today_includes_what_came_from_binh_phuoc(programme_demo):
    assert figures("DN", timezone.localdate()) == {
        "key_leader": (3, 4, Decimal("75.0"), Decimal("65.00"), Status.ACHIEVED, 0),
        "pool_women": (7, 14, Decimal("50.0"), Decimal("50.00"), Status.ACHIEVED, 0),
        "pool_trained": (6, 7, Decimal("85.7"), Decimal("90.00"), Status.ON_TRACK, 1),
        "minority_leaders": (1, 1, Decimal("100.0"), Decimal("100.00"), Status.ACHIEVED, 0),
    }


def test_a_commune_today_includes_the_commune_it_continues(programme_demo):
    # Xã Đắk Ơ (new) continues Xã Đắk Ơ (old): Thảo (trained) and Lâm Văn Hậu are in its pool.
    result = figures("DN-DO", timezone.localdate())
    assert result["pool_women"][:2] == (1, 2) and result["pool_trained"][:2] == (1, 1)
    assert result["key_leader"][:2] == (1, 1)


def test_level_filter_counts_only_that_level(programme_demo):
    communes = figures("BP", datetime.date(2025, 6, 30), level=UnitLevel.COMMUNE)
    assert communes["key_leader"][:2] == (1, 2)  # Đắk Ơ yes, Tân Phú no
    assert communes["pool_women"][:2] == (1, 3)  # Thảo, Cao Văn Trí, Lâm Văn Hậu


@pytest.mark.django_db
def test_the_demo_trainee_is_one_person_in_every_sheet(demo_data):
    call_command("load_demo_data", verbosity=0)
    # Other areas' demo data (courses, registrations) leave the programme's figures as counted.
    assert figures("DN", timezone.localdate())["pool_trained"][:2] == (6, 7)
    assert figures("BP", datetime.date(2025, 6, 30))["key_leader"][:2] == (4, 6)
    thao = Person.objects.get(full_name="Điểu Thị Thảo")
    assert thao.user is not None
    assert thao.planning_entries.count() == 1 and thao.post_holdings.count() == 2 and thao.training_records.count() == 1
