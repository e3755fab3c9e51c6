"""Per-kind "still wanted?" checks: whether a claimed delivery should still go out, asked at
send time by the dispatcher's re-check (services/dispatch.precheck).

Only the app that owns a kind knows whether its message still holds (a session cancelled, a
registration no longer in the right status, a reminder's session moved). It registers a check
for its kinds in its `notification_hooks.py`, found by `composers.autodiscover()`, so the engine
never imports the apps it serves:

    @still_wanted(MessageKind.REMINDER)
    def reminder_wanted(delivery, now):
        ...
        return None                      # still wanted: send
        return skip(DeliveryReason.X)    # no longer wanted: skipped, with a reason code
        return later(when)               # not yet: back to pending, due at `when`
        return missed(DeliveryReason.Y)  # too late to be worth sending

The engine applies the verdict in a fixed order among its own checks (see precheck): a skip
comes first; the recipient's opt-out before a deferral; the engine's lateness limit before
the app's own "missed"."""

from dataclasses import dataclass

_checks = {}


@dataclass(frozen=True)
class Verdict:
    outcome: str  # "skip", "later" or "missed"
    reason: str = ""
    when: object = None


def skip(reason):
    return Verdict("skip", reason)


def later(when):
    return Verdict("later", "", when)


def missed(reason):
    return Verdict("missed", reason)


def still_wanted(*kinds):
    """Decorator: `fn(delivery, now) -> Verdict | None` re-checks the messages of `kinds`.
    It may set `delivery.due_at` (the time the message is due now) for the engine's lateness
    check."""

    def register(fn):
        for kind in kinds:
            _checks[str(kind)] = fn
        return fn

    return register


def verdict(delivery, *, now):
    """The owning app's verdict on `delivery` (None when it has no check or still wants it)."""
    fn = _checks.get(delivery.kind)
    return fn(delivery, now) if fn is not None else None
