"""Capacity under concurrent requests, on PostgreSQL (SQLite serialises every transaction
with BEGIN IMMEDIATE, so there is no race to show there).

Each thread registers a different person for the same run. A small delay is inserted right
after each seat count, in every thread, to widen the window between counting and booking:
with the run locked the count is still right; without the lock (the negative control) the
very same code overbooks — so the test can fail."""

import threading
import time

import pytest
from django.db import close_old_connections, connection

from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import registration as service
from tests.conftest import uses_postgres

from .factories import PersonFactory, run_with_sessions

pytestmark = pytest.mark.postgres

CAPACITY, REQUESTS = 5, 16


def _slow_after_count(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if "COUNT(" in sql.upper() and "training_registration" in sql:
        time.sleep(0.05)
    return result


def _register_concurrently(run, people):
    barrier = threading.Barrier(len(people))
    errors = []

    def worker(person):
        try:
            with connection.execute_wrapper(_slow_after_count):
                barrier.wait()
                service.register(run=run, person=person)
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


@pytest.fixture
def contested_run(transactional_db):
    if not uses_postgres():
        pytest.skip("Row locks and a real race need PostgreSQL; SQLite runs every transaction BEGIN IMMEDIATE.")
    run = run_with_sessions(capacity=CAPACITY)
    return run, [PersonFactory() for _ in range(REQUESTS)]


def test_concurrent_registrations_never_exceed_capacity(contested_run):
    run, people = contested_run
    assert _register_concurrently(run, people) == []
    confirmed = Registration.objects.filter(run=run, status=S.CONFIRMED).count()
    waitlisted = Registration.objects.filter(run=run, status=S.WAITLISTED).count()
    assert (confirmed, waitlisted) == (CAPACITY, REQUESTS - CAPACITY)


def test_negative_control_without_the_lock_the_same_requests_overbook(contested_run, settings):
    settings.TRAINING_REGISTRATION_LOCK = False
    run, people = contested_run
    assert _register_concurrently(run, people) == []
    confirmed = Registration.objects.filter(run=run, status=S.CONFIRMED).count()
    assert confirmed > CAPACITY, "without the lock the race should overbook; if not, the test above proves nothing"


def _waiting_for_a_lock(timeout=10):
    """Whether another backend is waiting for a lock (pg_stat_activity), polled up to `timeout` s."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()")
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


class HeldLock:
    """The run's row locked as a seat decision locks it (service._lock_run), in a thread of its
    own, until release()."""

    def __init__(self, run):
        self.held, self.released = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold, args=(run.pk,))
        self.thread.start()
        assert self.held.wait(10)

    def _hold(self, run_id):
        from django.db import transaction

        try:
            with transaction.atomic():
                service._lock_run(run_id)
                self.held.set()
                self.released.wait(30)
        finally:
            connection.close()

    def release(self):
        self.released.set()
        self.thread.join(30)


def _register_in_thread(run, person, results):
    def worker():
        try:
            results.append(service.register(run=run, person=person))
        except Exception as error:  # asserted by the caller
            results.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=worker)
    thread.start()
    return thread


def test_while_a_seat_is_being_decided_a_registration_that_can_only_wait_does_not_wait(contested_run):
    run, people = contested_run
    for person in people[:CAPACITY]:
        service.register(run=run, person=person)  # full
    free_run = run_with_sessions(capacity=1)
    lock, other_lock = HeldLock(run), HeldLock(free_run)
    try:
        queued, seated = [], []
        waiter = _register_in_thread(service.runs_to_register().get(pk=run.pk), people[CAPACITY], queued)
        waiter.join(20)
        assert not waiter.is_alive() and queued[0][0].status == S.WAITLISTED, queued  # done, the lock still held
        # The control: a registration that may take a seat waits for the lock.
        seater = _register_in_thread(service.runs_to_register().get(pk=free_run.pk), people[CAPACITY + 1], seated)
        assert _waiting_for_a_lock() and seater.is_alive()
    finally:
        lock.release()
        other_lock.release()
    seater.join(20)
    assert seated[0][0].status == S.CONFIRMED, seated


def test_a_double_submit_on_a_full_run_makes_one_registration(contested_run):
    run, people = contested_run
    for person in people[:CAPACITY]:
        service.register(run=run, person=person)
    person, results = people[CAPACITY], []
    threads = [_register_in_thread(service.runs_to_register().get(pk=run.pk), person, results) for _ in range(4)]
    for thread in threads:
        thread.join(30)
    assert sorted(created for _registration, created in results) == [False, False, False, True], results
    assert len({registration.pk for registration, _created in results}) == 1
    assert Registration.objects.filter(run=run, person=person, status=S.WAITLISTED).count() == 1
