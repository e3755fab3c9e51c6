"""A new registration's seat decided in one round trip, on PostgreSQL.

register()'s transaction locks the run's row, counts, inserts the registration and its status
message, then commits: four round trips, and after each one the request's thread and the
database's backend wait for a core (the thread also for the GIL) while the run's row holds up
every other registration for it. take_or_wait() sends the same work as one query string, with
the simple protocol:

    SELECT 1 FROM run WHERE id = … FOR NO KEY UPDATE;            -- the lock
    WITH ins AS (INSERT INTO registration … status = (CASE … count … END) RETURNING …),
         msg AS (INSERT INTO delivery … (SELECT id FROM ins) … ON CONFLICT DO NOTHING)
    SELECT id, status FROM ins;                                    -- the seat and its message

PostgreSQL runs the two statements in turn, the second with a snapshot taken once the lock is
held (so it counts every seat committed before), and, the connection being in autocommit, as
one implicit transaction that commits before the answer comes back: nothing waits on this
process while the row is locked. Inside a transaction (a caller's atomic block, a test), the
string runs in a savepoint, and the lock lasts until that transaction ends.

The status is the one register() gives: confirmed while a seat is free and nobody waits,
waitlisted otherwise. Whatever else register() decides under the lock makes the INSERT fail,
and register() then decides it in its transaction: the run cancelled, needing approval, or out
of its registration window since the request read it (the status is NULL), or a registration
of hers already in the run (the unique constraint: a double submit, a registration again).

A registration that can only wait takes no lock (registration._can_only_wait): join_queue()
sends the second statement alone, with its status given.

Both send Model.save()'s pre_save and post_save for the registration; post_save comes once the
row is committed (in autocommit), so what a receiver writes is not in the registration's
transaction."""

from contextlib import nullcontext

from django.db import IntegrityError, connection, transaction
from django.db.models import signals
from django.db.models.constants import OnConflict
from django.db.models.expressions import RawSQL
from django.db.models.sql import InsertQuery

from campaigns.notifications.models import Delivery

from ..models import SEAT_HOLDING, CourseRun, Registration, RegistrationStatus
from .notify import STATUS_KINDS

S = RegistrationStatus


def available():
    """Whether this database takes the one-trip registration (PostgreSQL's simple protocol)."""
    return connection.vendor == "postgresql"


def _status(run_id, now):
    """The new registration's status, decided in SQL once the run's row is locked: NULL (the
    INSERT fails) when the run no longer takes a registration without the usual checks."""
    run, reg = (connection.ops.quote_name(model._meta.db_table) for model in (CourseRun, Registration))
    holding = ", ".join(["%s"] * len(SEAT_HOLDING))
    sql = (
        f"(SELECT CASE WHEN r.is_cancelled OR r.requires_approval"
        f" OR (r.registration_opens_at IS NOT NULL AND r.registration_opens_at > %s)"
        f" OR (r.registration_closes_at IS NOT NULL AND r.registration_closes_at <= %s) THEN NULL"
        f" WHEN r.capacity > (SELECT count(*) FROM {reg} t WHERE t.run_id = r.id AND t.status IN ({holding}))"
        f" AND NOT EXISTS (SELECT 1 FROM {reg} w WHERE w.run_id = r.id AND w.status = %s) THEN %s ELSE %s END"
        f" FROM {run} r WHERE r.id = %s)"
    )
    return RawSQL(sql, (now, now, *SEAT_HOLDING, S.WAITLISTED, S.CONFIRMED, S.WAITLISTED, run_id))


def _insert_sql(objs, fields, *, returning=(), on_conflict=None):
    """Django's own INSERT for `objs` (values may be SQL expressions), as (sql, params)."""
    query = InsertQuery(objs[0].__class__, on_conflict=on_conflict)
    query.insert_values(fields, objs)
    compiler = query.get_compiler(connection=connection)
    compiler.returning_fields = list(returning)
    [(sql, params)] = compiler.as_sql()
    return sql, params


def _message_rows(prepared, registration):
    """The status message's ledger rows, their key, kind and subject read from `ins`."""
    statuses = (S.CONFIRMED, S.WAITLISTED, S.PENDING_APPROVAL)
    kinds = [value for status in statuses for value in (status, STATUS_KINDS[status])]
    key = RawSQL("(SELECT 'registration:' || id || ':' || status_changes || ':' || status FROM ins)", ())
    cases = " ".join(["WHEN %s THEN %s"] * len(statuses))
    kind = RawSQL(f"(SELECT CASE status {cases} END FROM ins)", kinds)
    subject = RawSQL("(SELECT id FROM ins)", ())
    registration.status = S.CONFIRMED  # any status with a message: rows() fills in the rest
    rows = prepared.rows(registration)
    for row in rows:
        row.message_key, row.kind, row.subject_id = key, kind, subject
    return rows


def take_or_wait(*, run, person, now, prepared):
    """Lock `run` and insert `person`'s registration, confirmed or waitlisted, with its status
    message, in one round trip (see the module's docstring). Returns it saved, or None if
    register() must decide (the run changed since it was read, or she has a row in it)."""
    sql, params, registration = _insert_new(run, person, now, prepared, _status(run.pk, now))
    # The lock, as _lock_run() takes it (the ORM compiles FOR UPDATE only inside atomic()).
    table, pk_column = (connection.ops.quote_name(name) for name in (CourseRun._meta.db_table, CourseRun._meta.pk.column))
    return _run(f"SELECT 1 FROM {table} WHERE {pk_column} = %s FOR NO KEY UPDATE; {sql}", [run.pk, *params],
                registration, statements=2)


def join_queue(*, run, person, now, prepared, status):
    """Insert `person`'s registration for `run` with `status` (waitlisted, or pending approval)
    and its status message in one statement, without the run's lock (see _can_only_wait in
    registration.py). Returns it saved, or None if she has a row in the run already."""
    sql, params, registration = _insert_new(run, person, now, prepared, status)
    return _run(sql, params, registration, statements=1)


def _insert_new(run, person, now, prepared, status):
    """One statement: the registration (its `status` a value or SQL) and its message's rows."""
    registration = Registration(run=run, person=person, status_changes=1, priority=0, queued_at=now)
    rows = _message_rows(prepared, registration)
    registration.status = status
    # Model.save()'s signals, as it sends them (campaigns/reach records a campaign on post_save).
    signals.pre_save.send(sender=Registration, instance=registration, raw=False, using=connection.alias,
                          update_fields=None)
    meta = Registration._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    returning = [meta.pk, meta.get_field("status"), meta.get_field("status_changes")]
    reg_sql, params = _insert_sql([registration], fields, returning=returning)
    sql = f"WITH ins AS ({reg_sql})"
    if rows:
        delivery_fields = [f for f in Delivery._meta.concrete_fields if not f.primary_key]
        msg_sql, msg_params = _insert_sql(rows, delivery_fields, on_conflict=OnConflict.IGNORE)
        sql, params = f"{sql}, msg AS ({msg_sql})", [*params, *msg_params]
    return f"{sql} SELECT id, status FROM ins", params, registration


def _run(sql, params, registration, *, statements):
    """Send `sql`; `registration` saved as the last statement's row says, or None if refused."""
    from .registration import _simple_protocol_cursor

    try:
        # Two statements need the simple protocol; one is bound on the server (and prepared).
        cursor = _simple_protocol_cursor() if statements > 1 else connection.cursor()
        with transaction.atomic() if connection.in_atomic_block else nullcontext(), cursor:
            cursor.execute(sql, params)
            for _ in range(statements - 1):
                cursor.cursor.nextset()  # psycopg: on to the next statement's result
            pk, status = cursor.fetchone()
    except IntegrityError:
        return None
    registration.pk, registration.status = pk, status
    registration._state.adding, registration._state.db = False, connection.alias
    signals.post_save.send(sender=Registration, instance=registration, created=True, update_fields=None, raw=False,
                           using=connection.alias)
    return registration
