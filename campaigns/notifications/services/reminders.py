"""Reminder rows: planned ahead from the rules, re-timed when a session moves, skipped when a
session or registration is cancelled. The dispatcher sends them when due; nothing waits in
the broker (no ETA/countdown tasks, which Redis redelivers after its visibility timeout)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryReason, DeliveryState, ReminderRule
from campaigns.training.models import Registration, RegistrationStatus, Session

from .outbox import build_deliveries, recipient_key, request_dispatch


def reminder_key(rule, session):
    return f"{rule.kind}:rule{rule.pk}:session{session.pk}"


def rules_by_run():
    """{run_id: [rules]} for runs with rules of their own, and the default rules under None."""
    grouped = defaultdict(list)
    for rule in ReminderRule.objects.filter(is_active=True):
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
    keys = {reminder_key(rule, session) for rule, session, _reg, _due in wanted}
    existing = set(Delivery.objects.filter(message_key__in=keys).values_list("message_key", "recipient_key"))
    rows = []
    for rule, session, reg, due in wanted:
        key = reminder_key(rule, session)
        if (key, recipient_key(reg.person)) in existing:
            continue
        rows += build_deliveries(message_key=key, kind=rule.kind, person=reg.person, channels=rule.channels, due_at=due,
                                 rule=rule, session=session, registration=reg)
    with transaction.atomic():
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        if any(row.next_attempt_at <= now for row in rows):
            request_dispatch()
    return len(rows)


def session_changed(*, session):
    """Follow a session's change in the same transaction: cancelled → its pending reminders are
    skipped; moved → they are re-timed; then any missing rows are planned."""
    with transaction.atomic():
        pending = Delivery.objects.filter(session=session, state=DeliveryState.PENDING)
        if session.is_cancelled or session.run.is_cancelled:
            pending.update(state=DeliveryState.SKIPPED, reason=DeliveryReason.SESSION_CANCELLED)
            return
        for rule_id, in pending.exclude(rule=None).values_list("rule_id").distinct():
            rule = ReminderRule.objects.get(pk=rule_id)
            due = rule.due_at(session)
            pending.filter(rule=rule).exclude(due_at=due).update(due_at=due, next_attempt_at=due)
        plan_reminders(sessions=[session])


def registration_changed(*, registration):
    """Follow a registration's change in the same transaction: cancelled → pending reminders
    skipped; otherwise reminders for its new status are planned."""
    with transaction.atomic():
        if registration.status == RegistrationStatus.CANCELLED:
            Delivery.objects.filter(registration=registration, state=DeliveryState.PENDING).update(
                state=DeliveryState.SKIPPED, reason=DeliveryReason.REGISTRATION_CANCELLED
            )
            return
        plan_reminders(registrations=[registration], sessions=list(registration.run.sessions.all()))
