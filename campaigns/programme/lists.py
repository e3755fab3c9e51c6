"""Lists of people behind the indicators, for organizers (personal data: staff views only)."""

from django.db.models import Exists, OuterRef, Q

from .models import Gender, Person, PlanningPoolEntry, TrainingRecord
from .subtrees import resolve_scope


def untrained_pool_women(*, as_of, unit=None, level=None):
    """THE rule for "women in the planning pool not yet trained", used by everyone who needs it
    (this list and its CSV, the broadcast audience, waiting-list priority): women with a
    planning-pool entry active on `as_of` (in `unit`'s tree as it stood then, when given; at
    `level`, when given) and no training completed on or before `as_of`. "Trained" is dated on
    purpose: a course completed after `as_of` did not make her trained on `as_of`, so a list
    or a count for a past date reads the same today as it did then. Ordered by name.
    Raises IndicatorError if `unit` did not exist on `as_of`."""
    entries = PlanningPoolEntry.objects.filter(person_id=OuterRef("pk"), starts_on__lte=as_of).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=as_of)
    )
    if unit is not None:
        entries = entries.filter(resolve_scope(unit=unit, as_of=as_of).units("unit__"))
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
