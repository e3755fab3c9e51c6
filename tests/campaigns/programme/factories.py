"""Factories for programme records (units, people, posts, planning pool, training)."""

import datetime
import itertools

import factory

from campaigns.programme.models import (
    Gender,
    LeadershipPost,
    OrganisationUnit,
    Person,
    PlanningPoolEntry,
    PostHolding,
    TrainingRecord,
    UnitLevel,
    UnitType,
)

_codes = itertools.count(1)


def unit(parent=None, *, code=None, level=UnitLevel.COMMUNE, state=True, **fields):
    """Add a unit (a root when `parent` is None); treebeard needs add_root/add_child."""
    fields = {
        "code": code or f"U{next(_codes):05d}",
        "name": fields.pop("name", None) or f"Đơn vị {next(_codes)}",
        "level": level,
        "unit_type": fields.pop("unit_type", UnitType.PEOPLES_COMMITTEE),
        "is_state_agency": state,
        **fields,
    }
    if parent is None:
        return OrganisationUnit.add_root(**fields)
    return OrganisationUnit.objects.get(pk=parent.pk).add_child(**fields)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Thị {n}")
    gender = Gender.FEMALE
    birth_year = 1985


class PlanningPoolEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanningPoolEntry

    person = factory.SubFactory(PersonFactory)
    target_post = "Phó Chủ tịch UBND"
    term_start_year = 2026
    term_end_year = 2031
    starts_on = datetime.date(2024, 1, 1)


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    person = factory.SubFactory(PersonFactory)
    completed_on = datetime.date(2024, 6, 1)
    title = "Bồi dưỡng kỹ năng lãnh đạo"
    source = "external"
    reference = factory.Sequence(lambda n: f"ext:{n}")


class LeadershipPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadershipPost

    title = factory.Sequence(lambda n: f"Chủ tịch {n}")
    is_key_leader = True


class PostHoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PostHolding

    post = factory.SubFactory(LeadershipPostFactory)
    person = factory.SubFactory(PersonFactory)
    starts_on = datetime.date(2021, 7, 1)
