"""The programme's models, one module per concern: organisation units (units.py), people, the
planning pool and training records (people.py), leadership posts and who holds them
(leadership.py), plans and their targets (plans.py), and what the monitoring keeps about
itself, indicator snapshots and import jobs (monitoring.py)."""

from .leadership import LeadershipPost, PostHolding, held_on
from .monitoring import ImportJob, ImportStatus, IndicatorSnapshot
from .people import Gender, Person, PlanningPoolEntry, TrainingRecord, TrainingSource
from .plans import Indicator, Plan, PlanTarget
from .units import OrganisationUnit, OrganisationUnitManager, OrganisationUnitQuerySet, UnitLevel, UnitType

__all__ = [
    "Gender", "ImportJob", "ImportStatus", "Indicator", "IndicatorSnapshot", "LeadershipPost", "OrganisationUnit",
    "OrganisationUnitManager", "OrganisationUnitQuerySet", "Person", "Plan", "PlanTarget", "PlanningPoolEntry",
    "PostHolding", "TrainingRecord", "TrainingSource", "UnitLevel", "UnitType", "held_on",
]
