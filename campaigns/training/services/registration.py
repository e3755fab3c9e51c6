"""Registration: seats that are never oversold, a waiting list with priority, offers with a
response window, cancellation and organizer approval.

Every function that counts seats first locks the run's row (SELECT … FOR NO KEY UPDATE on
PostgreSQL; on SQLite every transaction already starts with BEGIN IMMEDIATE), so two
requests for the last seat are serialised: the second one counts after the first commits.

A registration holds the lock only for what decides the seat: the count, the row and its
status, and the status message's ledger row (the outbox: it commits with the registration or
not at all). A registration that can only wait takes no lock at all: when the run, as read
with the request, needs approval, is full or has a waiting list, no count under a lock could
give her a seat (a seat is only ever taken under the lock, and someone waiting keeps her
behind), so she joins the queue without waiting for the lock. If a seat frees meanwhile,
promote() offers it to the queue, which her waitlisting asks for. In a rush, only the
registrations that may get a seat queue for the lock; the run's row is locked FOR NO KEY
UPDATE, so the queue's INSERTs (whose foreign key takes KEY SHARE on the run) pass it.

On PostgreSQL a new registration is one round trip (one_trip.py): the lock and one statement
that counts, inserts and writes the message, committed before the answer comes back; this
module's transaction decides what that statement leaves to it (a run changed since it was
read, a registration of hers already in the run). SQLite takes the transaction every time.

What does not decide the seat is read before the transaction (the run's first session, the
trainee's channel and language: notify.prepare) or done after the commit, from what
committed: her reminders are planned by the dispatcher's planner, which the commit kicks
(notify.status_changed), and a waiting list is put in priority order by promote(), which a
waitlisted registration asks for (config.enqueue; beat's sweep catches up if the broker is
down). Nothing is lost if the process dies after the commit: the planner and the sweep find
the work from the rows."""

import datetime

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from campaigns.programme.lists import untrained_pool_women
from config import enqueue
from config.compiled import CompiledQuery

from ..models import SEAT_HOLDING, CourseRun, Registration, RegistrationStatus, Session
from . import notify, one_trip
from .errors import TrainingError

# Ranks the waiting list and offers freed seats to it (tasks/training.py); beat's sweep catches up
# if the broker is down.
PROMOTE_TASK = "tasks.training.promote_run"

S = RegistrationStatus


def _lock_run(run_id):
    """The run, locked for this transaction. TRAINING_REGISTRATION_LOCK exists only so the
    concurrency test's negative control can show what happens without the lock."""
    queryset = CourseRun.objects.all()
    if settings.TRAINING_REGISTRATION_LOCK:
        queryset = queryset.select_for_update(no_key=True)  # see the module's docstring
    return queryset.get(pk=run_id)


def runs_to_register():
    """Runs with what a registration reads besides the run, in the run's own query: the start
    of its first session that is not cancelled (`first_session_starts_at`, for check_open) and
    its seats taken and people waiting as they are now (`seen_taken`, `seen_waiting`: whether a
    new registration can only wait; the seat itself is counted again under the lock)."""
    first = Session.objects.filter(run=OuterRef("pk"), is_cancelled=False).order_by("starts_at").values("starts_at")[:1]

    def count(**where):
        rows = Registration.objects.filter(run=OuterRef("pk"), **where).order_by().values("run")
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)

    return CourseRun.objects.annotate(first_session_starts_at=Subquery(first), seen_taken=count(status__in=SEAT_HOLDING),
                                      seen_waiting=count(status=S.WAITLISTED))


_RUN_TO_REGISTER = CompiledQuery(lambda pk: runs_to_register().filter(pk=pk))


def run_to_register(pk):
    """runs_to_register()'s run `pk`, or None; its SQL built once per process (config.compiled):
    every registration reads it."""
    return _RUN_TO_REGISTER.first(pk)


def first_session_start(run):
    """When `run`'s first session that is not cancelled starts (None without one): from
    runs_to_register()'s annotation when `run` came from there, otherwise read."""
    if hasattr(run, "first_session_starts_at"):
        return run.first_session_starts_at
    first = run.sessions.filter(is_cancelled=False).order_by("starts_at").first()
    return first.starts_at if first is not None else None


def seats_taken(run):
    return Registration.objects.filter(run=run, status__in=SEAT_HOLDING).count()


def seats_left(run):
    return max(0, run.capacity - seats_taken(run))


def priority_person_ids(person_ids, *, today):
    """Of `person_ids`, those with waiting-list priority: women in the planning pool and not yet
    trained on `today` (the programme's one rule, campaigns.programme.lists)."""
    return set(untrained_pool_women(as_of=today).filter(pk__in=list(person_ids)).values_list("pk", flat=True))


def check_open(run, *, now, first_start=...):
    """Raise TrainingError unless `run` takes registrations at `now`. `first_start`: when its
    first session starts, if already read (first_session_start(run) otherwise)."""
    if run.is_cancelled:
        raise TrainingError(_("Lớp học này đã bị hủy."), code="cancelled")
    if run.registration_opens_at and now < run.registration_opens_at:
        when = formats.date_format(timezone.localtime(run.registration_opens_at), "DATETIME_FORMAT")
        raise TrainingError(_("Lớp học chưa mở đăng ký (mở lúc %(when)s).") % {"when": when}, code="not_open")
    if run.registration_closes_at and now >= run.registration_closes_at:
        raise TrainingError(_("Lớp học đã hết hạn đăng ký."), code="closed")
    if first_start is ...:
        first_start = first_session_start(run)
    if first_start is not None and first_start <= now:
        raise TrainingError(_("Lớp học đã bắt đầu hoặc đã kết thúc, không thể đăng ký."), code="past")


def _save(registration, status, *, now, prepared=None, **fields):
    """Change the status and, in the same transaction, queue what it owes (notify.status_changed):
    a new registration brings its message's ledger rows `prepared` before the lock (one INSERT);
    any other change also has its reminders follow (skipped, revived, planned)."""
    registration.status = status
    registration.status_changes += 1
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save()
    notify.status_changed(registration, prepared=prepared)
    return registration


def _seat_count_rows(run_id, person):
    """Seats taken, people waiting and `person`'s rows (0 or 1) in the run: one row of three
    counts, or none while the run has no registration."""
    return (
        Registration.objects.filter(run_id=run_id).values("run_id")
        .annotate(taken=Count("pk", filter=Q(status__in=SEAT_HOLDING)),
                  waiting=Count("pk", filter=Q(status=S.WAITLISTED)),
                  mine=Count("pk", filter=Q(person=person)))
        .values_list("taken", "waiting", "mine")
    )


def _seat_counts(run, person):
    """One query under the lock: {"taken", "waiting", "mine"}."""
    taken, waiting, mine = next(iter(_seat_count_rows(run.pk, person)), (0, 0, 0))
    return {"taken": taken, "waiting": waiting, "mine": mine}


def _lock_and_count(run, person):
    """Lock `run`'s row and count its seats, with SQL compiled before the lock is taken: from
    the lock to the commit, the run's row holds up every other registration for it, so only
    the two statements run there, not the ORM's work of building them. Refreshes what decides
    the seat on `run` (capacity, approval, cancellation, the registration window); returns {"taken", "waiting", "mine"}.
    Call inside the registration's transaction."""
    fields = ("capacity", "requires_approval", "is_cancelled", "registration_opens_at", "registration_closes_at")
    locked = CourseRun.objects.filter(pk=run.pk).values_list(*fields)
    if settings.TRAINING_REGISTRATION_LOCK:
        locked = locked.select_for_update(no_key=True)  # as _lock_run
    lock_sql = locked.query.sql_with_params()
    count_sql = _seat_count_rows(run.pk, person).query.sql_with_params()
    with _simple_protocol_cursor() as cursor:
        # The lock: from here to the commit, only what decides the seat.
        if connection.vendor == "postgresql":
            # Both statements in one round trip (one query string, simple protocol): PostgreSQL
            # runs them in turn, and the count takes its own snapshot once the lock is held.
            cursor.execute(f"{lock_sql[0]}; {count_sql[0]}", (*lock_sql[1], *count_sql[1]))
            row = cursor.fetchone()
            cursor.cursor.nextset()  # psycopg: on to the count's result
        else:
            cursor.execute(*lock_sql)
            row = cursor.fetchone()
            cursor.execute(*count_sql)
        if row is None:
            raise CourseRun.DoesNotExist(f"Run {run.pk} no longer exists")
        taken, waiting, mine = cursor.fetchone() or (0, 0, 0)
    for name, value in zip(fields, row, strict=True):
        if name in ("requires_approval", "is_cancelled"):
            value = bool(value)
        elif isinstance(value, datetime.datetime) and timezone.is_naive(value):
            value = value.replace(tzinfo=datetime.UTC)  # SQLite, read raw: stored in UTC
        setattr(run, name, value)
    return {"taken": taken, "waiting": waiting, "mine": mine}


def _simple_protocol_cursor():
    """A cursor that sends its query string as it is, the only kind that may hold two
    statements: on PostgreSQL, psycopg's ClientCursor (the connection's own cursors bind their
    parameters on the server, config/settings/base.py, which refuses more than one)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    from psycopg import ClientCursor

    connection.ensure_connection()
    raw = ClientCursor(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)


def _can_only_wait(run, person):
    """Whether a new registration of `person` for `run` would wait whatever a count under the
    lock found: the run needs approval, or (as read now, without a lock) is full or has people
    waiting, and she has no registration in it. A seat is only ever taken under the lock, so a
    run seen full stays full for her; seen with a queue, she would join it. (A seat freed since
    is offered to the queue by promote(), which her waitlisting asks for.)"""
    if run.requires_approval:
        return True
    if hasattr(run, "seen_taken"):  # from runs_to_register(): read with the run
        taken, waiting = run.seen_taken, run.seen_waiting
    else:
        taken, waiting, mine = next(iter(_seat_count_rows(run.pk, person)), (0, 0, 0))
        if mine:
            return False
    return taken >= run.capacity or waiting > 0


def _join_queue(run, person, *, now, rows):
    """Add `person`'s registration to `run`'s waiting list (or, the run needing approval, to
    the organizer's) without locking the run: see _can_only_wait(). Raises IntegrityError if
    she already has a row in the run (the caller then decides under the lock)."""
    status = S.PENDING_APPROVAL if run.requires_approval else S.WAITLISTED
    if one_trip.available():
        registration = one_trip.join_queue(run=run, person=person, now=now, prepared=rows, status=status)
        if registration is None:
            raise IntegrityError("She has a registration in this run already.")
        _queued(registration)
        return registration
    with transaction.atomic():
        registration = _save(Registration(run=run, person=person), status, now=now, prepared=rows, priority=0, queued_at=now)
        if status == S.WAITLISTED:
            enqueue.on_commit(PROMOTE_TASK, run.pk)  # her place by priority; a seat freed meanwhile offered
    return registration


def _queued(registration):
    """What a new registration inserted by one_trip owes after its commit: the dispatcher for
    her message (and the planner for her reminders); on the waiting list, promote()."""
    notify.request_dispatch()
    if registration.status == S.WAITLISTED:
        enqueue.on_commit(PROMOTE_TASK, registration.run_id)


def _seems_open(run, now, first_start):
    try:
        check_open(run, now=now, first_start=first_start)
    except TrainingError:
        return False  # answered under the lock (her registration there, if any, comes first)
    return True


def register(*, run, person, now=None):
    """Register `person` for `run`; returns (registration, created).

    Registering again returns the existing registration unchanged (created=False), unless
    it was cancelled, in which case it starts afresh at the back of the queue. The status
    is pending (run needs approval), confirmed (a seat is free and nobody is waiting) or
    waitlisted. Raises TrainingError if the run is cancelled, not open, closed or started.
    `run` from runs_to_register() saves reading its first session and its seats."""
    now = now or timezone.now()
    # Before the lock: nothing here decides the seat.
    first_start = first_session_start(run)
    rows = notify.prepare(person=person)  # the message's rows, for a new registration
    if _can_only_wait(run, person):
        try:
            check_open(run, now=now, first_start=first_start)
            return _join_queue(run, person, now=now, rows=rows), True
        except (TrainingError, IntegrityError):
            pass  # closed, or she has a row here already: answered under the lock, as any other
    elif one_trip.available() and settings.TRAINING_REGISTRATION_LOCK and _seems_open(run, now, first_start):
        registration = one_trip.take_or_wait(run=run, person=person, now=now, prepared=rows)
        if registration is not None:
            _queued(registration)
            return registration, True
    with transaction.atomic():
        counts = _lock_and_count(run, person)
        existing = Registration.objects.filter(run=run, person=person).first() if counts["mine"] else None
        if existing is not None and existing.status != S.CANCELLED:
            return existing, False
        check_open(run, now=now, first_start=first_start)
        free = run.capacity - counts["taken"]
        if run.requires_approval:
            status = S.PENDING_APPROVAL
        elif free > 0 and not counts["waiting"]:
            status = S.CONFIRMED
        else:
            status = S.WAITLISTED
            # After the commit: her place by priority, and the free seat (if any) offered.
            enqueue.on_commit(PROMOTE_TASK, run.pk)
        registration = existing or Registration(run=run, person=person)
        if existing is not None:
            registration.cycle += 1  # a new registration in the same row: old links lapse
        _save(
            registration,
            status,
            now=now,
            prepared=None if existing is not None else rows,
            priority=0,  # ranked by promote() once on the waiting list (decide() ranks approvals)
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


def rank_waiting_list(run, *, today):
    """Put `run`'s waiting list in priority order as of `today`: each waiting registration's
    priority set from the programme's rule (priority_person_ids), in at most two UPDATEs.
    Priority orders the queue and decides no seat, so this needs no lock of its own; promote()
    calls it under the run's lock before it offers seats, which re-checks everyone (someone
    trained elsewhere since joining loses her priority). Returns the ids now with priority."""
    waiting = dict(Registration.objects.filter(run=run, status=S.WAITLISTED).values_list("pk", "person_id"))
    if not waiting:
        return set()
    people = priority_person_ids(set(waiting.values()), today=today)
    first = {pk for pk, person_id in waiting.items() if person_id in people}
    queue = Registration.objects.filter(run=run, status=S.WAITLISTED)
    queue.filter(pk__in=first).exclude(priority=1).update(priority=1)
    queue.exclude(pk__in=first).exclude(priority=0).update(priority=0)
    return first


def promote(*, run, now=None):
    """Expire lapsed offers, then offer each free seat to the next on the waiting list, ranked
    under the lock; with no seat to offer, only rank the queue (without holding the lock).
    Returns the registrations offered a seat. Idempotent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        run = _lock_run(run.pk)
        lapsed = Registration.objects.filter(run=run, status=S.OFFERED, offer_expires_at__lte=now)
        for registration in lapsed:
            _save(registration, S.CANCELLED, now=now, cancelled_at=now, cancel_reason="offer_expired", offer_expires_at=None)
        free = seats_left(run)
        if free > 0 and not run.is_cancelled:
            rank_waiting_list(run, today=today)
            return [_save(registration, S.OFFERED, now=now, offer_expires_at=now + offer_window())
                    for registration in waiting_list(run)[:free]]
    rank_waiting_list(run, today=today)
    return []


def runs_needing_promotion(*, now=None):
    """Ids of runs with a lapsed offer, or someone waiting while a seat is free."""
    now = now or timezone.now()
    lapsed = set(Registration.objects.filter(status=S.OFFERED, offer_expires_at__lte=now).values_list("run_id", flat=True))
    waiting = set(Registration.objects.filter(status=S.WAITLISTED).values_list("run_id", flat=True))
    candidates = [run for run in CourseRun.objects.filter(pk__in=waiting, is_cancelled=False) if seats_left(run) > 0]
    return sorted(lapsed | {run.pk for run in candidates})
