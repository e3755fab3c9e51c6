"""A new registration decided in one round trip on PostgreSQL (services/one_trip.py): the same
status and message register() gives under the lock, one query string sent with the
connection in autocommit, and everything else the lock decides left to register()."""

import threading

import pytest
from django.db import connection, transaction

from campaigns.notifications.models import Delivery, MessageKind
from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import notify
from campaigns.training.services import registration as service
from tests.conftest import uses_postgres

from .factories import PersonFactory, run_with_sessions
from .test_concurrency import _waiting_for_a_lock
from .test_lock_scope import Recorder

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only(db):
    if not uses_postgres():
        pytest.skip("The one-trip registration runs on PostgreSQL; SQLite takes register()'s transaction.")


def seen(run):
    """`run` as a registration request reads it (its seats as they are now)."""
    return service.runs_to_register().get(pk=run.pk)


def register(run, person):
    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        registration, created = service.register(run=run, person=person)
    return registration, created, recorder.queries


def status_message(registration):
    return Delivery.objects.about(registration).get(rule=None)


@pytest.mark.django_db(transaction=True)
def test_the_seat_and_its_message_are_one_query_string_with_no_transaction_around_it():
    run = run_with_sessions(capacity=1)
    before = seen(run)  # read while the seat is free: both take the seat's path
    first, created, queries = register(before, PersonFactory())
    assert created and first.status == S.CONFIRMED
    [(in_transaction, sql)] = [(inside, sql) for inside, sql in queries if "FOR NO KEY UPDATE" in sql]
    assert not in_transaction, "autocommit: the string is its own transaction, committed before it answers"
    assert 'INSERT INTO "training_registration"' in sql and 'INSERT INTO "notifications_delivery"' in sql
    assert not [sql for inside, sql in queries if inside], "nothing else runs in a transaction"

    second, created, _queries = register(before, PersonFactory())
    assert created and second.status == S.WAITLISTED
    for registration, kind in ((first, MessageKind.CONFIRMATION), (second, MessageKind.WAITLIST)):
        saved = Registration.objects.get(pk=registration.pk)
        assert (saved.status, saved.status_changes, saved.cycle, saved.priority) == (registration.status, 1, 1, 0)
        message = status_message(saved)
        assert (message.kind, message.message_key, message.subject_id) == (kind, notify.message_key(saved), saved.pk)
        assert message.person_id == saved.person_id and message.channel == "email"


@pytest.mark.django_db(transaction=True)
def test_someone_waiting_keeps_a_freed_seat_from_a_newcomer():
    run = run_with_sessions(capacity=1)
    before = seen(run)
    seated, _created, _queries = register(before, PersonFactory())
    register(before, PersonFactory())  # waitlisted
    service.cancel(registration=seated)  # a seat is free, and someone waits for it
    newcomer, created, _queries = register(before, PersonFactory())
    assert created and newcomer.status == S.WAITLISTED


@pytest.mark.django_db(transaction=True)
def test_registering_again_returns_hers_and_after_a_cancellation_starts_afresh():
    run = run_with_sessions(capacity=5)
    person = PersonFactory()
    registration, created, _queries = register(seen(run), person)
    again, created_again, _queries = register(seen(run), person)  # a double submit
    assert (created, created_again, again.pk, again.status) == (True, False, registration.pk, S.CONFIRMED)
    service.cancel(registration=registration)
    renewed, created, _queries = register(seen(run), person)
    assert created and (renewed.pk, renewed.status, renewed.cycle) == (registration.pk, S.CONFIRMED, 2)
    assert Registration.objects.filter(run=run).count() == 1


def test_inside_a_transaction_a_refused_insert_leaves_the_transaction_usable():
    run = run_with_sessions(capacity=5)
    person = PersonFactory()
    with transaction.atomic():
        registration, created = service.register(run=seen(run), person=person)
        again, created_again = service.register(run=seen(run), person=person)
        assert (created, created_again, again.pk) == (True, False, registration.pk)
        assert Registration.objects.filter(run=run).count() == 1  # still usable


@pytest.mark.django_db(transaction=True)
def test_it_counts_the_seat_committed_while_it_waited_for_the_lock():
    """The lock and the INSERT are two statements: the INSERT's snapshot is taken once the
    lock is held, so it sees the seat its holder took and committed meanwhile."""
    run = run_with_sessions(capacity=1)
    before = seen(run)
    held, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                service._lock_run(run.pk)
                Registration.objects.create(run=run, person=PersonFactory(), status=S.CONFIRMED)
                held.set()
                release.wait(30)
        finally:
            connection.close()

    results = []

    def newcomer(person):
        try:
            results.append(service.register(run=before, person=person))
        finally:
            connection.close()

    holding = threading.Thread(target=holder)
    holding.start()
    assert held.wait(10)
    waiting = threading.Thread(target=newcomer, args=(PersonFactory(),))
    waiting.start()
    try:
        assert _waiting_for_a_lock(), "the one-trip registration should wait for the run's lock"
        assert not results
    finally:
        release.set()
        holding.join(30)
        waiting.join(30)
    [(registration, created)] = results
    assert created and registration.status == S.WAITLISTED
    assert Registration.objects.filter(run=run, status=S.CONFIRMED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_models_save_signals_are_sent_as_save_sends_them():
    from django.db.models.signals import post_save, pre_save

    sent = []

    def receiver(signal):
        def receive(sender, instance, **kwargs):
            sent.append((signal, instance.pk, kwargs.get("created"), Registration.objects.filter(pk=instance.pk).exists()))
        return receive

    before, after = receiver("pre_save"), receiver("post_save")
    pre_save.connect(before, sender=Registration)
    post_save.connect(after, sender=Registration)
    try:
        registration, created, _queries = register(seen(run_with_sessions(capacity=1)), PersonFactory())
    finally:
        pre_save.disconnect(before, sender=Registration)
        post_save.disconnect(after, sender=Registration)
    assert sent == [("pre_save", None, None, False), ("post_save", registration.pk, True, True)]
