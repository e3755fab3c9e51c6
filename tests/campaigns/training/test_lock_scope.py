"""What a registration costs the database, and what it does while the run is locked.

Counted on the service call (registration.register), with no transaction around it, as in a
request (ATOMIC_REQUESTS is off): the queries made inside the service's transaction are the
ones made while the run's row is locked."""

import pytest
from django.db import connection

from campaigns.notifications.models import Delivery, MessageKind
from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import registration as service
from demo.notifications import load as load_demo_rules

from .factories import PersonFactory, run_with_sessions


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
def test_a_registration_makes_at_most_ten_queries_and_four_under_the_lock(timed_rules):
    if timed_rules:
        load_demo_rules()  # 3 reminders (4 rows: one goes by two channels) before each session, if confirmed
    run = run_with_sessions(capacity=1, sessions=2)
    service.register(run=run_with_sessions(), person=PersonFactory())  # warm: content types, rules cache

    for status, kind in ((S.CONFIRMED, MessageKind.CONFIRMATION), (S.WAITLISTED, MessageKind.WAITLIST)):
        registration, recorder = register_counted(run, PersonFactory())
        assert registration.status == status
        assert len(recorder.queries) <= 10, "\n".join(f"{inside} {sql[:150]}" for inside, sql in recorder.queries)
        # Under the lock: the run's row, the seat counts, the registration, its ledger rows.
        assert [sql.split()[0] + " " + sql.split('"')[1] for sql in recorder.locked] == [
            "SELECT training_courserun",
            "SELECT training_registration",
            "INSERT training_registration",
            "INSERT notifications_delivery",
        ], recorder.locked
        # Its message and its reminders were in that one INSERT: in the ledger when the call returns.
        assert Delivery.objects.about(registration).filter(kind=kind, rule=None).count() == 1
        reminders = Delivery.objects.filter(person=registration.person, rule__isnull=False).count()
        assert reminders == (2 * 4 if timed_rules and status == S.CONFIRMED else 0)
    assert Registration.objects.filter(run=run, status=S.CONFIRMED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_prepared_reminders_are_the_ones_the_planner_would_write():
    """The rows written with a new registration are exactly those plan_reminders writes for
    the same registration (the planner, run after, finds nothing missing)."""
    from campaigns.training.services.reminders import plan_reminders

    load_demo_rules()
    run = run_with_sessions(capacity=3, sessions=3)
    registration, _created = service.register(run=run, person=PersonFactory())
    rows = set(Delivery.objects.filter(person=registration.person, rule__isnull=False)
               .values_list("message_key", "channel", "due_at", "next_attempt_at", "subject_id"))
    assert len(rows) == 3 * 3 + 3  # 3 rules × 3 sessions; the 1-day rule goes by email and in-site
    assert plan_reminders() == 0
    Delivery.objects.filter(person=registration.person, rule__isnull=False).delete()
    assert plan_reminders(registrations=[registration]) == len(rows)
    planned = set(Delivery.objects.filter(person=registration.person, rule__isnull=False)
                  .values_list("message_key", "channel", "due_at", "next_attempt_at", "subject_id"))
    assert planned == rows
