"""Registration: seats that are never oversold, a waiting list with priority, offers with a
response window, cancellation and organizer approval.

Every function that counts seats first locks the run's row (SELECT … FOR UPDATE on
PostgreSQL; on SQLite every transaction already starts with BEGIN IMMEDIATE), so two
requests for the last seat are serialised: the second one counts after the first commits.

A registration holds the lock only for what decides the seat: the count, the row and its
status, and the ledger rows the status owes (the outbox: they commit with it or not at all).
What does not depend on the seat — the run's sessions, the waiting-list priority, the
trainee's channel and language, the reminder rules — is read before the transaction, so a new
registration's message and reminders are composed before the lock and written in one INSERT
(notify.prepare). The broker is told after the commit (config.enqueue)."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from campaigns.programme.lists import untrained_pool_women
from config import enqueue

from ..models import SEAT_HOLDING, CourseRun, Registration, RegistrationStatus
from . import notify
from .errors import TrainingError

# Offers freed seats to the waiting list (tasks/training.py); beat's sweep catches up if the broker
# is down.
PROMOTE_TASK = "tasks.training.promote_run"

S = RegistrationStatus


def _lock_run(run_id):
    """The run, locked for this transaction. TRAINING_REGISTRATION_LOCK exists only so the
    concurrency test's negative control can show what happens without the lock."""
    queryset = CourseRun.objects.all()
    if settings.TRAINING_REGISTRATION_LOCK:
        queryset = queryset.select_for_update()
    return queryset.get(pk=run_id)


def seats_taken(run):
    return Registration.objects.filter(run=run, status__in=SEAT_HOLDING).count()


def seats_left(run):
    return max(0, run.capacity - seats_taken(run))


def priority_person_ids(person_ids, *, today):
    """Of `person_ids`, those with waiting-list priority: women in the planning pool and not yet
    trained on `today` (the programme's one rule, campaigns.programme.lists)."""
    return set(untrained_pool_women(as_of=today).filter(pk__in=list(person_ids)).values_list("pk", flat=True))


def check_open(run, *, now, sessions=None):
    """Raise TrainingError unless `run` takes registrations at `now`. `sessions`: the run's
    sessions if already read (read here otherwise)."""
    if run.is_cancelled:
        raise TrainingError(_("Lớp học này đã bị hủy."), code="cancelled")
    if run.registration_opens_at and now < run.registration_opens_at:
        when = formats.date_format(timezone.localtime(run.registration_opens_at), "DATETIME_FORMAT")
        raise TrainingError(_("Lớp học chưa mở đăng ký (mở lúc %(when)s).") % {"when": when}, code="not_open")
    if run.registration_closes_at and now >= run.registration_closes_at:
        raise TrainingError(_("Lớp học đã hết hạn đăng ký."), code="closed")
    if sessions is None:
        first = run.sessions.filter(is_cancelled=False).order_by("starts_at").first()
    else:
        first = min((s for s in sessions if not s.is_cancelled), key=lambda s: s.starts_at, default=None)
    if first is not None and first.starts_at <= now:
        raise TrainingError(_("Lớp học đã bắt đầu hoặc đã kết thúc, không thể đăng ký."), code="past")


def _save(registration, status, *, now, prepared=None, **fields):
    """Change the status and, in the same transaction, queue the message it owes. A new
    registration brings its ledger rows `prepared` before the lock (notify.prepare: its message
    and its reminders, one INSERT); for any other change the notifications app's post_save
    receiver follows the reminders (skipped, revived, planned) as the row is saved."""
    registration.status = status
    registration.status_changes += 1
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save()
    notify.status_changed(registration, prepared=prepared)
    return registration


def _seat_counts(run, person):
    """One query under the lock: seats taken, people waiting, and this person's rows (0 or 1)."""
    return Registration.objects.filter(run=run).aggregate(
        taken=Count("pk", filter=Q(status__in=SEAT_HOLDING)),
        waiting=Count("pk", filter=Q(status=S.WAITLISTED)),
        mine=Count("pk", filter=Q(person=person)),
    )


def register(*, run, person, now=None):
    """Register `person` for `run`; returns (registration, created).

    Registering again returns the existing registration unchanged (created=False), unless
    it was cancelled, in which case it starts afresh at the back of the queue. The status
    is pending (run needs approval), confirmed (a seat is free and nobody is waiting) or
    waitlisted. Raises TrainingError if the run is cancelled, not open, closed or started."""
    now = now or timezone.now()
    # Before the lock: nothing here decides the seat.
    sessions = list(run.sessions.all())
    priority = int(person.pk in priority_person_ids([person.pk], today=timezone.localdate(now)))
    rows = notify.prepare(person=person, run=run, sessions=sessions, now=now)  # for a new registration
    with transaction.atomic():
        run = _lock_run(run.pk)
        counts = _seat_counts(run, person)
        existing = Registration.objects.filter(run=run, person=person).first() if counts["mine"] else None
        if existing is not None and existing.status != S.CANCELLED:
            return existing, False
        check_open(run, now=now, sessions=sessions)
        free = run.capacity - counts["taken"]
        if run.requires_approval:
            status = S.PENDING_APPROVAL
        elif free > 0 and not counts["waiting"]:
            status = S.CONFIRMED
        else:
            status = S.WAITLISTED
            if free > 0:
                enqueue.on_commit(PROMOTE_TASK, run.pk)
        registration = existing or Registration(run=run, person=person)
        if existing is not None:
            registration.cycle += 1  # a new registration in the same row: old links lapse
        _save(
            registration,
            status,
            now=now,
            prepared=None if existing is not None else rows,
            priority=priority,
            queued_at=now,
            offer_expires_at=None,
            cancelled_at=None,
            cancel_reason="",
            completed_on=None,
        )
        return registration, True


def _fresh(registration):
    """The registration as it is now, under the run's lock; refused if the trainee registered
    again since `registration` was read (a link of the past registration acts on nothing)."""
    from .links import check_cycle

    fresh = Registration.objects.get(pk=registration.pk)
    check_cycle(fresh, registration.cycle)
    return fresh


def cancel(*, registration, reason="trainee", now=None):
    """Cancel a registration (a declined offer too); frees its seat for the waiting list.
    Cancelling twice changes nothing. A completed registration cannot be cancelled."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_run(registration.run_id)
        registration = _fresh(registration)
        if registration.status == S.CANCELLED:
            return registration
        if registration.status in (S.COMPLETED, S.NO_SHOW):
            raise TrainingError(_("Khóa học đã kết thúc với bạn; không thể hủy đăng ký."), code="finished")
        held_seat = registration.holds_seat
        _save(registration, S.CANCELLED, now=now, cancelled_at=now, cancel_reason=reason[:32], offer_expires_at=None)
        if held_seat:
            enqueue.on_commit(PROMOTE_TASK, registration.run_id)
        return registration


def accept_offer(*, registration, now=None):
    """Take the seat offered; accepting twice changes nothing. Raises if the offer lapsed."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_run(registration.run_id)
        registration = _fresh(registration)
        if registration.status == S.CONFIRMED:
            return registration
        if registration.status != S.OFFERED or (registration.offer_expires_at and registration.offer_expires_at <= now):
            raise TrainingError(_("Lời mời nhận chỗ đã hết hạn hoặc không còn hiệu lực."), code="offer_lapsed")
        return _save(registration, S.CONFIRMED, now=now, offer_expires_at=None)


def decide(*, registration, approve, now=None):
    """The organizer's decision on a pending registration: approved, it is confirmed if a
    seat is free (waitlisted otherwise); rejected, it is cancelled."""
    now = now or timezone.now()
    priority = int(registration.person_id in priority_person_ids([registration.person_id], today=timezone.localdate(now)))
    with transaction.atomic():
        run = _lock_run(registration.run_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status != S.PENDING_APPROVAL:
            raise TrainingError(_("Đăng ký này không ở trạng thái chờ duyệt."), code="not_pending")
        if not approve:
            return _save(registration, S.CANCELLED, now=now, cancelled_at=now, cancel_reason="rejected")
        counts = _seat_counts(run, registration.person_id)
        status = S.CONFIRMED if counts["taken"] < run.capacity and not counts["waiting"] else S.WAITLISTED
        return _save(registration, status, now=now, priority=priority, queued_at=now)


def offer_window():
    return datetime.timedelta(hours=settings.TRAINING_OFFER_WINDOW_HOURS)


def waiting_list(run):
    """The run's waiting list in the order seats are offered."""
    return Registration.objects.filter(run=run, status=S.WAITLISTED).order_by("-priority", "queued_at", "pk")


def promote(*, run, now=None):
    """Expire lapsed offers, then offer each free seat to the next on the waiting list.
    Returns the registrations offered a seat. Idempotent: with no free seat and no lapsed
    offer it changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        run = _lock_run(run.pk)
        lapsed = Registration.objects.filter(run=run, status=S.OFFERED, offer_expires_at__lte=now)
        for registration in lapsed:
            _save(registration, S.CANCELLED, now=now, cancelled_at=now, cancel_reason="offer_expired", offer_expires_at=None)
        free = seats_left(run)
        if free <= 0 or run.is_cancelled:
            return []
        waiting = list(waiting_list(run))
        # Priority is re-checked now: someone trained elsewhere since joining loses it.
        priority = priority_person_ids([r.person_id for r in waiting], today=timezone.localdate(now))
        for registration in waiting:
            fresh = int(registration.person_id in priority)
            if fresh != registration.priority:
                Registration.objects.filter(pk=registration.pk).update(priority=fresh)
                registration.priority = fresh
        waiting.sort(key=lambda r: (-r.priority, r.queued_at, r.pk))
        offered = []
        for registration in waiting[:free]:
            offered.append(_save(registration, S.OFFERED, now=now, offer_expires_at=now + offer_window()))
        return offered


def runs_needing_promotion(*, now=None):
    """Ids of runs with a lapsed offer, or someone waiting while a seat is free."""
    now = now or timezone.now()
    lapsed = set(Registration.objects.filter(status=S.OFFERED, offer_expires_at__lte=now).values_list("run_id", flat=True))
    waiting = set(Registration.objects.filter(status=S.WAITLISTED).values_list("run_id", flat=True))
    candidates = [run for run in CourseRun.objects.filter(pk__in=waiting, is_cancelled=False) if seats_left(run) > 0]
    return sorted(lapsed | {run.pk for run in candidates})
