"""Training's reminders and session-change notices: rows planned ahead in the notifications
ledger from the reminder rules (through the engine's outbox, each with its due time),
re-timed when a session moves, skipped when a session or registration is cancelled. Called
explicitly by training's services in the transaction of the change (registration.py through
notify.py, sessions.py) and, for sessions coming within the planning horizon, by the
dispatcher's planning step (notification_hooks.py). The engine's dispatcher sends the rows
when due; nothing waits in the broker (no ETA/countdown tasks, which Redis redelivers after
its visibility timeout)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryReason, DeliveryState, MessageKind
from campaigns.notifications.services import outbox
from campaigns.notifications.services.rendering import local
from campaigns.notifications.subjects import attach, kind_of

from ..models import Registration, RegistrationStatus, ReminderAnchor, ReminderRule, Session


def ledger_of(registration):
    """The ledger's rows to `registration`'s trainee about it: its status messages (their
    subject is the registration) and the reminders and change notices of its run's sessions
    (their subject is the session; she is their recipient)."""
    sessions = Session.objects.filter(run_id=registration.run_id).values("pk")
    return Delivery.objects.filter(
        Q(subject_kind=kind_of(registration), subject_id=registration.pk)
        | Q(subject_kind=Session._meta.label_lower, subject_id__in=sessions, person_id=registration.person_id)
    )


def reminder_key(rule, session):
    return f"{rule.kind}:rule{rule.pk}:session{session.pk}"


def rules_by_run(*, on_change=False):
    """{run_id: [rules]} for runs with rules of their own, and the default rules under None:
    the timed rules, or with `on_change` the rules that tell of a session's change."""
    grouped = defaultdict(list)
    rules = ReminderRule.objects.filter(is_active=True)
    rules = rules.filter(anchor=ReminderAnchor.CHANGE) if on_change else rules.exclude(anchor=ReminderAnchor.CHANGE)
    for rule in rules:
        grouped[rule.run_id].append(rule)
    return grouped


def plan_reminders(*, now=None, sessions=None, registrations=None):
    """Write the missing reminder rows for upcoming sessions (within the planning horizon), or
    for the given sessions / registrations. A reminder whose time has passed is written only
    while inside its rule's catch-up window. Idempotent. Returns the number of rows written."""
    now = now or timezone.now()
    grouped = rules_by_run()
    if not grouped:
        return 0
    session_qs = Session.objects.filter(is_cancelled=False, run__is_cancelled=False).select_related("run")
    if sessions is not None:
        session_qs = session_qs.filter(pk__in=[s.pk for s in sessions])
    else:
        horizon = now + datetime.timedelta(days=settings.NOTIFICATIONS_PLAN_HORIZON_DAYS)
        session_qs = session_qs.filter(ends_at__gte=now - datetime.timedelta(days=2), starts_at__lte=horizon)
    session_list = list(session_qs)
    if not session_list:
        return 0
    reg_qs = Registration.objects.filter(run_id__in={s.run_id for s in session_list}).exclude(
        status=RegistrationStatus.CANCELLED
    ).select_related("person__user", "person__channel_preference")
    if registrations is not None:
        reg_qs = reg_qs.filter(pk__in=[r.pk for r in registrations])
    regs_by_run = defaultdict(list)
    for reg in reg_qs:
        regs_by_run[reg.run_id].append(reg)

    wanted = []
    for session in session_list:
        for rule in grouped.get(session.run_id) or grouped.get(None, []):
            due = rule.due_at(session)
            if due < now - datetime.timedelta(minutes=rule.catch_up_minutes):
                continue
            for reg in regs_by_run.get(session.run_id, []):
                if reg.status in rule.statuses:
                    wanted.append((rule, session, reg, due))
    if not wanted:
        return 0
    return outbox.plan(
        dict(message_key=reminder_key(rule, session), kind=rule.kind, person=reg.person, channels=rule.channels,
             due_at=due, rule=rule, subject=session)
        for rule, session, reg, due in wanted
    )


# What a session's registrants are told about when it changes.
NOTICEABLE = ("starts_at", "ends_at", "venue", "online_url")


def session_changed(*, session, before=None, now=None):
    """Follow a session's change in the same transaction: cancelled → its pending reminders are
    skipped; moved → they are re-timed; then any missing rows are planned. `before` ({field:
    value} as the session was, None for a new one): a change of its time or venue is told to
    its registrants by the change rules (tell_session_change)."""
    with transaction.atomic():
        pending = Delivery.objects.about(session).filter(state=DeliveryState.PENDING)
        if session.is_cancelled or session.run.is_cancelled:
            pending.update(state=DeliveryState.SKIPPED, reason=DeliveryReason.SESSION_CANCELLED)
            return
        timed = pending.exclude(rule=None).exclude(rule__anchor=ReminderAnchor.CHANGE)
        for rule_id, in timed.values_list("rule_id").distinct():
            rule = ReminderRule.objects.get(pk=rule_id)
            due = rule.due_at(session)
            timed.filter(rule=rule).exclude(due_at=due).update(due_at=due, next_attempt_at=due)
        plan_reminders(sessions=[session])
        if before is not None:
            tell_session_change(session=session, before=before, now=now)


def tell_session_change(*, session, before, now=None):
    """Queue a session_change message to each registrant the change rules cover (the run's
    own change rules, else the default ones), when the session's time or venue differs from
    `before` and the session is not over. A newer change supersedes a notice still waiting
    (the message always tells the session as it is at sending). Returns the rows written."""
    now = now or timezone.now()
    changed = [name for name in NOTICEABLE if before.get(name) != getattr(session, name)]
    if not changed or session.ends_at <= now:
        return []
    grouped = rules_by_run(on_change=True)
    rules = grouped.get(session.run_id) or grouped.get(None, [])
    if not rules:
        return []
    Delivery.objects.about(session).filter(kind=MessageKind.SESSION_CHANGE, state=DeliveryState.PENDING).update(
        state=DeliveryState.SKIPPED, reason=DeliveryReason.SUPERSEDED
    )
    previous = {
        "previous_starts_at": local(before.get("starts_at")),
        "previous_ends_at": local(before.get("ends_at")),
        "previous_venue": before.get("venue") or before.get("online_url") or "",
    }
    registrations = Registration.objects.filter(run_id=session.run_id).exclude(
        status=RegistrationStatus.CANCELLED
    ).select_related("person__user", "person__channel_preference")
    rows = []
    for rule in rules:
        key = f"{MessageKind.SESSION_CHANGE}:rule{rule.pk}:session{session.pk}:{now:%Y%m%dT%H%M%S%f}"
        for reg in registrations:
            if reg.status in rule.statuses:
                rows += outbox.queue_message(message_key=key, kind=MessageKind.SESSION_CHANGE, person=reg.person,
                                      channels=rule.channels, rule=rule, subject=session, context=previous)
    return rows


def registration_changed(*, registration, now=None):
    """Follow a registration's change in the same transaction: cancelled → pending reminders
    skipped; otherwise the reminders its cancellation skipped come back (those still worth
    sending) and reminders for its new status are planned."""
    with transaction.atomic():
        if registration.status == RegistrationStatus.CANCELLED:
            ledger_of(registration).filter(state=DeliveryState.PENDING).update(
                state=DeliveryState.SKIPPED, reason=DeliveryReason.REGISTRATION_CANCELLED
            )
            return
        revive_reminders(registration=registration, now=now)
        plan_reminders(registrations=[registration], sessions=list(registration.run.sessions.all()), now=now)


def revive_reminders(*, registration, now=None):
    """Put back to pending the reminders skipped when `registration` was cancelled, now that
    it is active again: re-timed from the session as it is now, only for active rules that
    cover its new status and only while inside the rule's catch-up window (the unique ledger
    key keeps one row per reminder, so planning alone could not bring them back). Returns
    how many came back."""
    now = now or timezone.now()
    skipped = attach(list(ledger_of(registration).filter(
        subject_kind=Session._meta.label_lower, state=DeliveryState.SKIPPED,
        reason=DeliveryReason.REGISTRATION_CANCELLED, rule__isnull=False,
    ).select_related("rule")))
    revived, due_now = 0, False
    for row in skipped:
        rule, session = row.rule, row.subject
        if session is None or not rule.is_active or registration.status not in rule.statuses or session.is_cancelled:
            continue
        due = rule.due_at(session)
        if due < now - datetime.timedelta(minutes=rule.catch_up_minutes):
            continue
        changed = Delivery.objects.filter(pk=row.pk, state=DeliveryState.SKIPPED).update(
            state=DeliveryState.PENDING, due_at=due, next_attempt_at=max(due, now), attempts=0, reason="", last_error="",
            claim_token=None, claimed_until=None,
        )
        revived += changed
        due_now = due_now or (changed and due <= now)
    if due_now:
        outbox.request_dispatch()
    return revived
