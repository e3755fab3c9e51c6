"""Generate the benchmark's data in bulk (treebeard paths computed directly)."""

import datetime
import random

from django.db import transaction

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

REFORM = datetime.date(2025, 7, 1)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(n):
    out = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        out = ALPHABET[r] + out
    return out


def _tree(root_index, code, size, valid_from, valid_to, rng):
    """A root with 40 children, each with (size - 41) / 40 grandchildren."""
    units = []
    root_path = _step(root_index)
    units.append(
        OrganisationUnit(
            path=root_path,
            depth=1,
            numchild=40,
            code=code,
            name=f"Tỉnh {code}",
            level=UnitLevel.PROVINCE,
            unit_type=UnitType.PEOPLES_COMMITTEE,
            is_state_agency=True,
            valid_from=valid_from,
            valid_to=valid_to,
        )
    )
    per_child = (size - 41) // 40
    for i in range(1, 41):
        child_path = root_path + _step(i)
        units.append(
            OrganisationUnit(
                path=child_path,
                depth=2,
                numchild=per_child,
                code=f"{code}-{i}",
                name=f"Sở {code}-{i}",
                level=UnitLevel.PROVINCE,
                unit_type=UnitType.DEPARTMENT,
                is_state_agency=True,
                valid_from=valid_from,
                valid_to=valid_to,
            )
        )
        for j in range(1, per_child + 1):
            minority = rng.random() < 0.2
            units.append(
                OrganisationUnit(
                    path=child_path + _step(j),
                    depth=3,
                    numchild=0,
                    code=f"{code}-{i}-{j}",
                    name=f"Xã {code}-{i}-{j}",
                    level=UnitLevel.COMMUNE,
                    unit_type=UnitType.PEOPLES_COMMITTEE,
                    is_state_agency=rng.random() < 0.9,
                    is_ethnic_minority_area=minority,
                    minority_population_share=rng.randint(15, 80) if minority else None,
                    valid_from=valid_from,
                    valid_to=valid_to,
                )
            )
    return units


@transaction.atomic
def generate(seed=2025):
    rng = random.Random(seed)
    units = _tree(1, "NEW", 4001, REFORM, None, rng) + _tree(2, "OLD", 1001, None, REFORM, rng)
    OrganisationUnit.objects.bulk_create(units, batch_size=2000)
    units = list(OrganisationUnit.objects.all())
    new, old = OrganisationUnit.objects.get(code="NEW"), OrganisationUnit.objects.get(code="OLD")
    new.predecessors.add(old)
    ethnicities = ["01"] * 8 + ["22", "05"]
    people = [
        Person(
            full_name=f"Cán bộ {i}",
            gender=Gender.FEMALE if rng.random() < 0.45 else Gender.MALE,
            birth_year=rng.randint(1965, 1995),
            ethnicity=rng.choice(ethnicities),
            unit=rng.choice(units),
        )
        for i in range(100_000)
    ]
    Person.objects.bulk_create(people, batch_size=5000)
    person_ids = list(Person.objects.values_list("pk", flat=True))
    pool = rng.sample(person_ids, 20_000)
    PlanningPoolEntry.objects.bulk_create(
        [
            PlanningPoolEntry(
                person_id=pid,
                unit=rng.choice(units),
                target_post="Phó Giám đốc",
                term_start_year=2026,
                term_end_year=2031,
                starts_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 900)),
                ends_on=None if rng.random() < 0.9 else datetime.date(2026, 1, 1),
            )
            for pid in pool
        ],
        batch_size=5000,
    )
    trained = rng.sample(pool, 8_000) + rng.sample(person_ids, 42_000)
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                person_id=pid,
                completed_on=datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 1200)),
                title="Khóa bồi dưỡng",
                source="course",
                reference=f"registration:{n}",
            )
            for n, pid in enumerate(trained)
        ],
        batch_size=5000,
    )
    agencies = [u for u in units if u.is_state_agency]
    posts = [
        LeadershipPost(unit=u, title=t, is_key_leader=True) for u in agencies for t in ("Chủ tịch", "Phó Chủ tịch")
    ]
    LeadershipPost.objects.bulk_create(posts, batch_size=5000)
    PostHolding.objects.bulk_create(
        [
            PostHolding(post=p, person_id=rng.choice(person_ids), starts_on=datetime.date(2021, 7, 1))
            for p in LeadershipPost.objects.all()
        ],
        batch_size=5000,
    )
    return new, datetime.date(2026, 6, 30)
