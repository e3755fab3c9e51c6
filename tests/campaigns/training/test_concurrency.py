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
