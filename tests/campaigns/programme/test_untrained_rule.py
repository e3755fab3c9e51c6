"""One rule for "women in the planning pool not yet trained" (campaigns.programme.lists), its
meaning pinned, and every user of it (the list, the broadcast audience, waiting-list priority)
giving the same people."""

import datetime

import pytest
import time_machine

from campaigns.notifications.models import Broadcast
from campaigns.notifications.services.broadcasts import audience_people
from campaigns.programme.lists import untrained_pool_women
from campaigns.programme.models import Gender
from campaigns.training.services.registration import priority_person_ids

from .factories import PersonFactory, PlanningPoolEntryFactory, TrainingRecordFactory, unit

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)
LAST_YEAR = datetime.date(2025, 12, 6)


@pytest.fixture
def people():
    province = unit(code="P", name="Tỉnh")
    commune = unit(province, code="C", name="Xã")
    other = unit(code="Q", name="Tỉnh khác")

    def woman(name, at=commune, **entry):
        person = PersonFactory(full_name=name, unit=at)
        PlanningPoolEntryFactory(person=person, unit=at, **entry)
        return person

    cast = {
        "untrained": woman("Nguyễn Thị An"),
        "trained_before": woman("Trần Thị Bình"),
        "trained_since_last_year": woman("Lê Thị Chi"),
        "left_the_pool": woman("Phạm Thị Dung", ends_on=datetime.date(2026, 1, 1)),
        "joins_next_year": woman("Hoàng Thị Giang", starts_on=datetime.date(2027, 1, 1)),
        "elsewhere": woman("Vũ Thị Hà", at=other),
        "a_man": woman("Đỗ Văn Khoa"),
    }
    cast["a_man"].gender = Gender.MALE
    cast["a_man"].save()
    TrainingRecordFactory(person=cast["trained_before"], completed_on=datetime.date(2025, 3, 1))
    TrainingRecordFactory(person=cast["trained_since_last_year"], completed_on=datetime.date(2026, 6, 1))
    return cast, province


def names(people):
    return {p.full_name for p in people}


def test_the_rule_counts_women_in_the_pool_on_the_date_with_no_training_completed_by_then(people):
    cast, province = people
    assert names(untrained_pool_women(as_of=TODAY)) == {"Nguyễn Thị An", "Vũ Thị Hà"}
    assert names(untrained_pool_women(as_of=TODAY, unit=province)) == {"Nguyễn Thị An"}
    # A year ago: the course she completed in June 2026 had not happened yet, and Dung was
    # still in the pool; what was true then stays true when asked today.
    assert names(untrained_pool_women(as_of=LAST_YEAR, unit=province)) == {
        "Nguyễn Thị An", "Lê Thị Chi", "Phạm Thị Dung"}


@time_machine.travel(datetime.datetime(2026, 12, 6, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))), tick=False)
def test_the_broadcast_audience_and_waiting_list_priority_use_the_same_rule(people):
    cast, _province = people
    expected = {p.pk for p in untrained_pool_women(as_of=TODAY)}
    broadcast = Broadcast(audience="pool_untrained", title="t", subject="s", body="b", channels=["email"])
    assert {p.pk for p in audience_people(broadcast)} == expected
    everyone = [p.pk for p in cast.values()]
    assert priority_person_ids(everyone, today=TODAY) == expected
