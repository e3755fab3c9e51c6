"""Indicator snapshots: the values of a date kept for trends. Taking a snapshot twice for
the same (unit, indicator, date) overwrites it, so the monthly job and the on-demand button
can both run any number of times."""

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from .indicators import IndicatorError, compute_indicators
from .models import IndicatorSnapshot, OrganisationUnit


def snapshot_units(as_of):
    """The units snapshotted by default: those existing on `as_of`, down to the configured depth."""
    depth = getattr(settings, "PROGRAMME_SNAPSHOT_MAX_DEPTH", 3)
    return OrganisationUnit.objects.valid_on(as_of).filter(depth__lte=depth)


@transaction.atomic
def take_snapshots(*, as_of, units=None):
    """Store every indicator of each unit (default: `snapshot_units`) as of `as_of`; returns
    how many snapshots were written. Units that did not exist that day are skipped."""
    units = list(units if units is not None else snapshot_units(as_of))
    rows = []
    for unit in units:
        try:
            values = compute_indicators(unit=unit, as_of=as_of)
        except IndicatorError:
            continue
        rows.extend(
            IndicatorSnapshot(
                unit=unit,
                indicator=v.code,
                as_of=as_of,
                numerator=v.numerator,
                denominator=v.denominator,
                value=v.value,
                target=v.target,
            )
            for v in values
        )
    IndicatorSnapshot.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["unit", "indicator", "as_of"],
        update_fields=["numerator", "denominator", "value", "target", "taken_at"],
    )
    return len(rows)


def trend(*, unit, indicator, until, limit=12):
    """The last `limit` snapshots of `unit`'s `indicator` up to `until`, oldest first."""
    rows = IndicatorSnapshot.objects.filter(Q(unit=unit), indicator=indicator, as_of__lte=until).order_by("-as_of")[
        :limit
    ]
    return list(reversed(rows))
