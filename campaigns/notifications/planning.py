"""Planners: what an app writes into the ledger ahead of time, run by the dispatcher before
it sends (every minute from beat, and on a kick). Training's session reminders are planned
this way for sessions coming within the planning horizon; an app registers its planner in its
`notification_hooks.py` (found by `composers.autodiscover()`), so the engine imports none of
the apps it serves.

    @planner
    def plan_session_reminders():
        return rows_written  # idempotent: planning again writes nothing
"""

_planners = []


def planner(fn):
    """Decorator: `fn()` writes the missing rows it plans and returns how many."""
    if fn not in _planners:
        _planners.append(fn)
    return fn


def plan_all():
    """Run every registered planner; returns the rows written."""
    return sum(fn() or 0 for fn in _planners)
