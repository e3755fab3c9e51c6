"""What a registration costs the database, and what it does while the run is locked.

Counted on the whole request (POST /api/training/registrations/, as the rush's trainees send
it) and on the service call (registration.register), with no transaction around it, as in a
request (ATOMIC_REQUESTS is off): the queries made inside the service's transaction are the
ones made while the run's row is locked. What the registration owes beyond its status message
(her reminders; the waiting list's order) is done after the commit, by the worker: shown here
with a real one."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.notifications.models import Delivery, MessageKind
from campaigns.notifications.planning import plan_all
from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import registration as service
from campaigns.training.services.reminders import plan_reminders
from demo.notifications import load as load_demo_rules

from .factories import PersonFactory, in_planning_pool, run_with_sessions


class Recorder:
    """Every query with whether it ran inside a transaction (under the run's lock)."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append((connection.in_atomic_block, sql))
        return execute(sql, params, many, context)

    @property
    def locked(self):
        return [sql for inside, sql in self.queries if inside]


def register_counted(run, person):
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        registration, created = service.register(run=run, person=person)
    assert created
    return registration, recorder


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("timed_rules", [False, True], ids=["migrated-rules", "demo-reminder-rules"])
def test_a_registration_makes_at_most_ten_queries_and_locks_the_run_only_if_it_may_take_a_seat(timed_rules):
    if timed_rules:
        load_demo_rules()  # 3 reminders (4 rows: one goes by two channels) before each session, if confirmed
    run = run_with_sessions(capacity=1, sessions=2)
    service.register(run=run_with_sessions(), person=PersonFactory())  # warm: content types, rules cache

    # Under the lock: the run's row, the seat counts, the registration, its ledger rows. The run
    # full, the next one can only wait: she joins the queue in a transaction of the two INSERTs,
    # without locking the run. On PostgreSQL each is one query string, sent with no transaction
    # around it (services/one_trip.py): the lock (if she may take a seat), then one statement
    # that counts and inserts both rows; it commits before it answers.
    pg = connection.vendor == "postgresql"
    for status, kind, in_transaction in (
        (S.CONFIRMED, MessageKind.CONFIRMATION, ["SELECT training_courserun", "SELECT training_registration",
                                                 "INSERT training_registration", "INSERT notifications_delivery"]),
        (S.WAITLISTED, MessageKind.WAITLIST, ["INSERT training_registration", "INSERT notifications_delivery"]),
    ):
        registration, recorder = register_counted(run, PersonFactory())
        assert registration.status == status
        assert len(recorder.queries) <= 10, "\n".join(f"{inside} {sql[:150]}" for inside, sql in recorder.queries)
        if pg:
            assert recorder.locked == [], "nothing waits on this process while the run is locked"
            [sql] = [sql for _inside, sql in recorder.queries if 'INSERT INTO "training_registration"' in sql]
            assert 'INSERT INTO "notifications_delivery"' in sql
            assert ("FOR NO KEY UPDATE" in sql) == (status == S.CONFIRMED), sql
            assert not any("FOR NO KEY UPDATE" in other for _inside, other in recorder.queries if other != sql)
        else:  # (SQLite has no row locks: BEGIN IMMEDIATE serialises all)
            assert [" ".join([sql.split()[0], sql.split('"')[1]]) for sql in recorder.locked] == in_transaction
        # Its message was in that INSERT: in the ledger when the call returns. Her reminders
        # are not written under the lock: the dispatcher the commit kicks plans them.
        assert Delivery.objects.about(registration).filter(kind=kind, rule=None).count() == 1
        assert not Delivery.objects.filter(person=registration.person, rule__isnull=False).exists()
        plan_all()
        reminders = Delivery.objects.filter(person=registration.person, rule__isnull=False).count()
        assert reminders == (2 * 4 if timed_rules and status == S.CONFIRMED else 0)
    assert Registration.objects.filter(run=run, status=S.CONFIRMED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_registration_request_makes_at_most_ten_queries(client):
    """The whole request, middleware included: the session, the user with her profile (one
    query: campaigns/accounts/backends.py), the staff-role check of two-factor, the run with its
    first session and its seats as they are, then BEGIN, the lock, the count, the two INSERTs
    and COMMIT; the run full, she can only wait: BEGIN, the two INSERTs, COMMIT, no lock. On
    PostgreSQL, what follows the run's read is one query string (services/one_trip.py)."""
    load_demo_rules()
    run = run_with_sessions(capacity=1, sessions=2)
    pg = connection.vendor == "postgresql"
    for expected, status, most in ((201, S.CONFIRMED, 5 if pg else 10), (201, S.WAITLISTED, 5 if pg else 8)):
        person = PersonFactory()
        user = person.user
        user.email_verified_at = user.consent_given_at = timezone.now()
        user.consent_version = "2026-01"
        user.save()
        client.force_login(user, backend="campaigns.accounts.backends.EmailOrUsernameBackend")
        client.get(f"/api/training/runs/{run.pk}/")  # she reads the run first: her session's once-a-minute save
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/api/training/registrations/", {"run": run.pk}, content_type="application/json")
        assert response.status_code == expected, response.content
        assert response.json()["status"] == status
        assert len(queries) <= most, "\n".join(q["sql"][:150] for q in queries.captured_queries)
    assert [r.status for r in Registration.objects.filter(run=run).order_by("pk")] == [S.CONFIRMED, S.WAITLISTED]


@pytest.mark.django_db(transaction=True)
def test_a_new_registrations_reminders_are_the_ones_the_planner_writes():
    """What the registration no longer writes under the lock, the planner writes after it,
    exactly once: the same rows as for a registration planned alone."""
    load_demo_rules()
    run = run_with_sessions(capacity=3, sessions=3)
    registration, _created = service.register(run=run, person=PersonFactory())
    theirs = Delivery.objects.filter(person=registration.person, rule__isnull=False)
    assert not theirs.exists()
    assert plan_all() == 3 * 3 + 3  # 3 rules × 3 sessions; the 1-day rule goes by email and in-site
    assert plan_all() == 0
    rows = set(theirs.values_list("message_key", "channel", "due_at", "next_attempt_at", "subject_id"))
    theirs.delete()
    assert plan_reminders(registrations=[registration]) == len(rows)
    assert set(theirs.values_list("message_key", "channel", "due_at", "next_attempt_at", "subject_id")) == rows


def test_after_the_commit_a_worker_plans_her_reminders_and_ranks_the_waiting_list(celery_worker, unit):
    """Registering kicks the dispatcher (her reminders) and, on the waiting list, the run's
    promotion (its order by priority): a real worker does both from what committed."""
    load_demo_rules()
    run = run_with_sessions(capacity=1, sessions=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    waiting = service.register(run=run, person=PersonFactory())[0]
    pooled = PersonFactory()
    in_planning_pool(pooled, unit)
    late = service.register(run=run, person=pooled)[0]
    assert (holder.status, waiting.status, late.status) == (S.CONFIRMED, S.WAITLISTED, S.WAITLISTED)
    assert late.priority == 0

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        late.refresh_from_db()
        planned = Delivery.objects.filter(person=holder.person, rule__isnull=False).count()
        if late.priority == 1 and planned == 4:
            break
        time.sleep(0.2)
    assert late.priority == 1 and planned == 4
    assert [r.pk for r in service.waiting_list(run)] == [late.pk, waiting.pk]
