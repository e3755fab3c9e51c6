"""Two hundred trainees press "Đăng ký" in the same second, on the server the README's run
command starts (Procfile.dev's web line, through honcho, as `python3 dev.py run` does), on
SQLite + the filesystem broker or PostgreSQL + Redis, whichever the suite runs on.

The client is independent of the project: 200 threads each open a real socket at the same
moment (a barrier), post to the JSON API and read the answer. Every request must be answered
(no reset, no 5xx) and exactly the run's 40 seats confirmed."""

import datetime
import http.client
import json
import statistics
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone

from campaigns.accounts.models import User
from campaigns.programme.models import Person
from campaigns.training.models import Registration
from tests.campaigns.training.factories import run_with_sessions

from .stack import run_command

TRAINEES, SEATS = 200, 40
RESETS = (ConnectionResetError, ConnectionAbortedError, BrokenPipeError, http.client.RemoteDisconnected)


def logged_in_trainees(count):
    """`count` verified trainees who consented, each with a logged-in session; their session keys."""
    now = timezone.now()
    users = User.objects.bulk_create(
        User(username=f"dot-{i}", email=f"dot-{i}@example.vn", password="!", email_verified_at=now,
             consent_version=settings.TRAINING_CONSENT_VERSION, consent_given_at=now)
        for i in range(count)
    )
    Person.objects.bulk_create(Person(full_name=f"Học viên {i}", gender="female", user=u) for i, u in enumerate(users))
    keys = []
    for user in users:
        store = SessionStore()
        store.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                      BACKEND_SESSION_KEY: "campaigns.accounts.backends.EmailOrUsernameBackend"})
        store.create()
        keys.append(store.session_key)
    return keys


def burst(port, requests, *, timeout=120):
    """Send every (method, path, body, headers) at once, each on a socket of its own opened at
    the same moment. Returns [(status or exception name, seconds, body)]."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def one(index, method, path, body, headers):
        barrier.wait()
        started = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            outcome, payload = response.status, response.read()
            conn.close()
        except OSError as error:  # resets and refusals are what the test is about
            outcome, payload = type(error).__name__, b""
        except http.client.HTTPException as error:
            outcome, payload = type(error).__name__, b""
        results[index] = (outcome, time.perf_counter() - started, payload)

    threads = [threading.Thread(target=one, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[round(fraction * (len(ordered) - 1))]


@pytest.mark.django_db(transaction=True)
def test_two_hundred_simultaneous_registrations_are_all_answered_and_fill_exactly_the_seats():
    run = run_with_sessions(capacity=SEATS, sessions=1, start=timezone.now() + datetime.timedelta(days=10))
    keys = logged_in_trainees(TRAINEES)
    token = "b" * 32  # the CSRF cookie and header only have to match
    body = json.dumps({"run": run.pk})
    requests = [
        ("POST", "/api/training/registrations/", body,
         {"Cookie": f"sessionid={key}; csrftoken={token}", "X-CSRFToken": token, "Content-Type": "application/json"})
        for key in keys
    ]

    with run_command("web") as site:
        results = burst(site.port, requests)

    outcomes = [outcome for outcome, _seconds, _body in results]
    answered = [outcome for outcome in outcomes if isinstance(outcome, int)]
    resets = sum(1 for outcome in outcomes if outcome in {error.__name__ for error in RESETS})
    latencies = [seconds for _outcome, seconds, _body in results]
    statuses = [json.loads(payload)["status"] for outcome, _seconds, payload in results if outcome == 201]
    confirmed = Registration.objects.filter(run=run, status="confirmed").count()
    print(
        f"\nburst: {len(requests)} requests, {len(answered)} answered, {resets} resets, "
        f"{sum(1 for o in answered if o >= 500)} 5xx, {confirmed} confirmed, "
        f"{Registration.objects.filter(run=run, status='waitlisted').count()} waitlisted; "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms on {connection.vendor}"
    )
    assert resets == 0 and len(answered) == TRAINEES, sorted(set(map(str, outcomes)))
    assert outcomes == [201] * TRAINEES, sorted(set(map(str, outcomes)))
    assert statuses.count("confirmed") == SEATS and statuses.count("waitlisted") == TRAINEES - SEATS
    assert confirmed == SEATS
    assert Registration.objects.filter(run=run).count() == TRAINEES
