"""Lists of people behind the indicators, for organizers (personal data: staff views only)."""

from django.db.models import Exists, OuterRef, Q

from .models import Gender, Person, PlanningPoolEntry, TrainingRecord
from .scope import resolve_scope


def untrained_pool_women(*, unit, as_of, level=None):
    """Women in `unit`'s planning pool on `as_of` with no training completed by then, by name.
    The notifications area broadcasts to them; the training area gives them waiting-list
    priority. Raises IndicatorError if the unit did not exist on `as_of`."""
    scope = resolve_scope(unit=unit, as_of=as_of)
    entries = PlanningPoolEntry.objects.filter(
        scope.units("unit__"), person_id=OuterRef("pk"), starts_on__lte=as_of
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=as_of))
    if level:
        entries = entries.filter(Q(target_level=level) | Q(target_level="", unit__level=level))
    trained = TrainingRecord.objects.filter(person_id=OuterRef("pk"), completed_on__lte=as_of)
    return (
        Person.objects.filter(Exists(entries), gender=Gender.FEMALE)
        .exclude(Exists(trained))
        .select_related("unit")
        .order_by("full_name", "pk")
    )


def pool_entries_of(people, *, as_of):
    """{person id: [active entries]} for showing target posts next to each person."""
    result = {}
    entries = (
        PlanningPoolEntry.objects.filter(person__in=people, starts_on__lte=as_of)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=as_of))
        .select_related("unit")
    )
    for entry in entries:
        result.setdefault(entry.person_id, []).append(entry)
    return result
