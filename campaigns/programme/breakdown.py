"""A unit's indicators broken down so that the rows add up to the unit's own figures.

The rows are the sub-units existing on the day (each with its own figures, as its own
dashboard shows them), then explicit rows for what no sub-unit holds:

- the people and agencies attached directly to the unit itself (always shown);
- those of former units still in the unit's scope but under no current sub-unit (units
  dissolved, or absorbed by a merger), shown when there are any;
- a correction for people counted in more than one row (a woman in the planning pools of
  two sub-units is one person in the unit's total), shown when there is one.

So, for every indicator, the numerators of the rows sum to the unit's numerator and the
denominators to its denominator."""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q
from django.utils.translation import gettext as _

from .indicators import (
    IndicatorError,
    _key_leader_counts,
    _minority_counts,
    _pool_counts,
    compute_indicators,
    percent,
)
from .models import Indicator, OrganisationUnit, PlanningPoolEntry
from .subtrees import resolve_scope


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int

    @property
    def value(self):
        return percent(self.numerator, self.denominator)


@dataclass(frozen=True)
class BreakdownRow:
    kind: str  # "unit" (a sub-unit, to drill into), "hidden", "direct", "former" or "overlap"
    label: str
    values: dict  # {indicator code: object with numerator, denominator, value}, in Indicator order
    unit: OrganisationUnit | None = None

    @property
    def code(self):
        return self.unit.code if self.unit is not None else ""


class _RowScope:
    """The part of a scope one explicit row counts: the units matching `units_q`."""

    def __init__(self, scope, units_q):
        self.as_of, self._scope, self._units_q = scope.as_of, scope, units_q

    def units(self, prefix=""):
        return self._scope.units(prefix) & self._units_q(prefix)

    def valid_agencies(self, prefix=""):
        return self._scope.valid_agencies(prefix) & self._units_q(prefix)


def _figures(row_scope, level):
    pool = _pool_counts(row_scope, level, "")
    leaders = _key_leader_counts(row_scope, level, "")
    minority = _minority_counts(row_scope, level, "")
    return {
        Indicator.KEY_LEADER: Figure(leaders["with_woman"], leaders["total"]),
        Indicator.POOL_WOMEN: Figure(pool["women"], pool["total"]),
        Indicator.POOL_TRAINED: Figure(pool["trained"], pool["women"]),
        Indicator.MINORITY_LEADERS: Figure(minority["in_line"], minority["total"]),
    }


def _former_label(row_scope, shown=3):
    """'Đơn vị cũ (đã giải thể, sáp nhập): Huyện Bù Gia Mập, …', naming the former units
    whose planning-pool entries the row counts."""
    day = row_scope.as_of
    entries = PlanningPoolEntry.objects.filter(row_scope.units("unit__"), starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=day)
    )
    names = sorted(set(entries.values_list("unit__name", flat=True)))
    label = _("Đơn vị cũ (đã giải thể, sáp nhập)")
    if not names:
        return label
    listed = ", ".join(names[:shown]) + (", …" if len(names) > shown else "")
    return f"{label}: {listed}"


def _ordered(values):
    return {code: values[code] for code in Indicator.values}


def breakdown(unit, as_of, level=None, units=None):
    """[BreakdownRow] for `unit` on `as_of` (optionally one level), summing to its totals.
    `units`: the units the account may see, when it is limited; sub-units outside them are
    summed into one row that names none of them."""
    scope = resolve_scope(unit=unit, as_of=as_of)
    totals = {v.code: v for v in compute_indicators(unit=unit, as_of=as_of, level=level)}
    rows, child_scopes, hidden = [], [], []
    visible = set(units.values_list("pk", flat=True)) if units is not None else None
    children = OrganisationUnit.objects.valid_on(as_of).filter(path__startswith=unit.path, depth=unit.depth + 1)
    for child in children:
        try:
            values = compute_indicators(unit=child, as_of=as_of, level=level)
        except IndicatorError:
            continue
        child_scopes.append(resolve_scope(unit=child, as_of=as_of))
        if visible is not None and child.pk not in visible:
            hidden.append({v.code: v for v in values})
            continue
        rows.append(BreakdownRow("unit", child.name, _ordered({v.code: v for v in values}), child))
    if hidden:
        summed = {code: Figure(sum(h[code].numerator for h in hidden), sum(h[code].denominator for h in hidden))
                  for code in Indicator.values}
        rows.append(BreakdownRow("hidden", _("Các đơn vị khác (ngoài phạm vi của bạn)"), _ordered(summed)))

    def direct(prefix):
        return Q(**{f"{prefix}path": unit.path})

    def former(prefix):
        held = reduce(operator.or_, (s.units(prefix) for s in child_scopes), direct(prefix))
        return ~held

    rows.append(BreakdownRow(
        "direct", _("Trực thuộc trực tiếp %(unit)s") % {"unit": unit.name}, _ordered(_figures(_RowScope(scope, direct), level))
    ))
    former_scope = _RowScope(scope, former)
    former_figures = _figures(former_scope, level)
    if any(f.numerator or f.denominator for f in former_figures.values()):
        rows.append(BreakdownRow("former", _former_label(former_scope), _ordered(former_figures)))
    overlap = {}
    for code in Indicator.values:
        overlap[code] = Figure(
            totals[code].numerator - sum(row.values[code].numerator for row in rows),
            totals[code].denominator - sum(row.values[code].denominator for row in rows),
        )
    if any(f.numerator or f.denominator for f in overlap.values()):
        rows.append(BreakdownRow("overlap", _("Trừ người có tên ở nhiều dòng (mỗi người chỉ tính một lần)"), _ordered(overlap)))
    return rows
