"""What "a unit's subtree as of a date" means, and which plan is in force there.

A unit's scope on a day is its subtree, plus the subtrees of the units it absorbed (its
predecessors, transitively) that had ceased to exist by that day: Đồng Nai today includes the
planning pool of the former Bình Phước, while Bình Phước as of 30/06/2025 is its own tree.
Both are resolved with one query each, whatever the size of the data."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from .models import OrganisationUnit, Plan


class IndicatorError(Exception):
    """A request for indicators that cannot be answered (the message says why, translated)."""


@dataclass(frozen=True)
class Scope:
    unit: OrganisationUnit
    as_of: object
    absorbed_paths: tuple = field(default_factory=tuple)

    def units(self, prefix=""):
        """Q selecting, through relation `prefix` (e.g. "unit__"), the units in scope."""
        q = Q(**{f"{prefix}path__startswith": self.unit.path})
        for path in self.absorbed_paths:
            q |= Q(**{f"{prefix}path__startswith": path, f"{prefix}valid_to__lte": self.as_of})
        return q

    def valid_agencies(self, prefix=""):
        """Q for the state agencies of the unit's own subtree that exist on the day."""
        day = self.as_of
        return (
            Q(**{f"{prefix}path__startswith": self.unit.path, f"{prefix}is_state_agency": True})
            & (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day}))
            & (Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day}))
        )


def _exists_on(unit, day):
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or unit.valid_to > day)


def resolve_scope(*, unit, as_of):
    """Return the Scope of `unit` on `as_of`; IndicatorError if the unit did not exist then."""
    if not _exists_on(unit, as_of):
        raise IndicatorError(
            _("Đơn vị %(unit)s không tồn tại vào ngày %(day)s.")
            % {"unit": unit.name, "day": as_of.strftime("%d/%m/%Y")}
        )
    through = OrganisationUnit.predecessors.through
    edges = list(
        through.objects.values_list(
            "from_organisationunit__path", "to_organisationunit__path", "to_organisationunit__valid_to"
        )
    )
    roots = [unit.path]
    absorbed = []
    changed = True
    while changed:
        changed = False
        for successor_path, predecessor_path, predecessor_end in edges:
            if predecessor_end is None or predecessor_end > as_of:
                continue
            if not any(successor_path.startswith(r) for r in roots):
                continue
            if any(predecessor_path.startswith(r) for r in roots):
                continue
            roots.append(predecessor_path)
            absorbed.append(predecessor_path)
            changed = True
    return Scope(unit=unit, as_of=as_of, absorbed_paths=tuple(absorbed))


def _ancestor_paths(path):
    step = OrganisationUnit.steplen
    return [path[:i] for i in range(step, len(path) + 1, step)]


def plan_in_force(*, scope):
    """The plan whose targets apply to `scope` on its date: the most specific plan (deepest
    scope unit among the unit's ancestors and the units it absorbed; a national plan last)
    that was issued by then and not yet superseded. None when there is none."""
    paths = set(_ancestor_paths(scope.unit.path))
    for path in scope.absorbed_paths:
        paths.update(_ancestor_paths(path))
    day = scope.as_of
    candidates = (
        Plan.objects.filter(Q(scope_unit__isnull=True) | Q(scope_unit__path__in=paths), issued_on__lte=day)
        .filter(Q(superseded_by__isnull=True) | Q(superseded_by__issued_on__gt=day))
        .select_related("scope_unit")
        .prefetch_related("targets")
    )

    def specificity(plan):
        if plan.scope_unit is None:
            return (0, 0, plan.issued_on)
        own = scope.unit.path.startswith(plan.scope_unit.path)
        return (2 if own else 1, plan.scope_unit.depth, plan.issued_on)

    return max(candidates, key=specificity, default=None)


def target_for(plan, indicator, day, sector=""):
    """(target, previous milestone target or None) for `indicator` at `day` under `plan`: the
    target of the first milestone year not yet past (the last one after the plan's horizon).
    A sector's adjusted target wins over the general one."""
    if plan is None:
        return None, None
    rows = [t for t in plan.targets.all() if t.indicator == indicator]
    if sector and any(t.sector == sector for t in rows):
        rows = [t for t in rows if t.sector == sector]
    else:
        rows = [t for t in rows if not t.sector]
    rows.sort(key=lambda t: t.year)
    if not rows:
        return None, None
    upcoming = [t for t in rows if t.year >= day.year]
    current = upcoming[0] if upcoming else rows[-1]
    earlier = [t for t in rows if t.year < current.year]
    return current, (earlier[-1] if earlier else None)
