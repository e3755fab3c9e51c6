"""Guarantees that only make sense with Redis as the broker (skipped on the filesystem broker):
a stalled broker never holds up a request (a broadcast's test send, a registration) and the
message goes out once it is back, and reminders never depend on ETA tasks that Redis
redelivers after its visibility timeout."""

import datetime
import shutil
import subprocess
import time

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryState
from campaigns.training.models import ReminderRule
from tasks.celery_app import app as celery_app

from . import procs
from .factories import RegistrationFactory, RunFactory, SessionFactory
from .test_broadcasts_and_admin import make, organizer  # noqa: F401 - fixture

pytestmark = pytest.mark.skipif(not django_settings.REDIS_URL, reason="needs Redis as the broker (REDIS_URL)")

PRIVATE_REDIS_PORT = 8126


def every_second_dispatch():
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="dispatch (test)", task="tasks.notifications.dispatch", interval=every)


@pytest.fixture
def private_broker():
    """A Redis server of our own, so pausing it stalls nobody else; this process's Celery app
    publishes to it for the duration of the test."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = subprocess.Popen(["redis-server", "--port", str(PRIVATE_REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{PRIVATE_REDIS_PORT}/0"
    assert procs.wait_for(lambda: subprocess.run(["redis-cli", "-p", str(PRIVATE_REDIS_PORT), "ping"],
                                                 capture_output=True).stdout.strip() == b"PONG", timeout=10)
    saved = (celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.conf.broker_url = url
    try:
        yield url
    finally:
        celery_app.conf.broker_url, celery_app._pool, celery_app.amqp._producer_pool = saved
        server.terminate()
        server.wait(timeout=10)


def test_stalled_broker_request_answers_within_2s_and_the_message_goes_out_later(
        organizer, client, sink, settings, private_broker, transactional_db):  # noqa: F811
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = True
    every_second_dispatch()
    run = RunFactory()
    RegistrationFactory(run=run)
    broadcast = make(run=run)
    client.force_login(organizer)
    extra = {"CELERY_BROKER_URL": private_broker}
    running = [procs.start_worker("w", smtp_port=sink.port, **extra), procs.start_beat(**extra)]
    try:
        procs.drained()  # the worker is consuming
        subprocess.run(["redis-cli", "-p", str(PRIVATE_REDIS_PORT), "CLIENT", "PAUSE", "6000", "ALL"], check=True)
        paused_at = time.monotonic()
        started = time.monotonic()
        response = client.post(reverse("notifications_broadcast_send", args=[broadcast.pk]), {"action": "test"})
        elapsed = time.monotonic() - started
        assert response.status_code == 302
        assert elapsed < 2, f"the request took {elapsed:.2f}s with the broker stalled"
        row = Delivery.objects.get()
        assert row.state == DeliveryState.PENDING  # saved, waiting for the broker
        assert procs.wait_for(lambda: len(sink.accepted) == 1, timeout=60, procs=running)
        assert time.monotonic() - paused_at >= 5  # it went out only after the stall
        procs.drained()  # what the ticks queued so far has run: no second message
    finally:
        for proc in running:
            procs.stop(proc)
    assert sink.duplicates() == {} and len(sink.accepted) == 1
    assert Delivery.objects.get().state == DeliveryState.SENT


def test_stalled_broker_registration_answers_within_2s_and_its_confirmation_goes_out_later(
        client, sink, settings, private_broker, transactional_db):
    from campaigns.training.models import Registration, RegistrationStatus
    from tests.campaigns.training.factories import PersonFactory, run_with_sessions

    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = True
    every_second_dispatch()
    run = run_with_sessions(capacity=1)
    person = PersonFactory()
    client.force_login(person.user)
    url = reverse("training:register", args=[run.pk])
    extra = {"CELERY_BROKER_URL": private_broker}
    running = [procs.start_worker("w", smtp_port=sink.port, **extra), procs.start_beat(**extra)]
    try:
        procs.drained()  # the worker is consuming
        subprocess.run(["redis-cli", "-p", str(PRIVATE_REDIS_PORT), "CLIENT", "PAUSE", "6000", "ALL"], check=True)
        paused_at = time.monotonic()
        response = client.post(url)
        elapsed = time.monotonic() - paused_at
        assert response.status_code == 302
        assert elapsed < 2, f"the registration took {elapsed:.2f}s with the broker stalled"
        registration = Registration.objects.get(person=person)
        assert registration.status == RegistrationStatus.CONFIRMED  # saved …
        assert Delivery.objects.about(registration).get().state == DeliveryState.PENDING  # … its message waiting
        assert procs.wait_for(lambda: len(sink.accepted) == 1, timeout=60, procs=running)
        assert time.monotonic() - paused_at >= 5  # it went out only after the stall
        procs.drained()  # what the ticks queued so far has run: no second message
    finally:
        for proc in running:
            procs.stop(proc)
    assert sink.duplicates() == {} and len(sink.accepted) == 1 and sink.recipients == [person.user.email]
    types = {part.get_content_type() for part in sink.messages[0].walk()}
    assert {"text/plain", "text/html", "text/calendar", "image/png"} <= types
    assert Delivery.objects.get().state == DeliveryState.SENT


def test_stalled_broker_cancellation_answers_within_2s_and_the_freed_seat_is_offered_later(
        client, sink, settings, private_broker, transactional_db):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from campaigns.training.models import Registration, RegistrationStatus
    from campaigns.training.services import registration as service
    from tests.campaigns.training.factories import PersonFactory, run_with_sessions

    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False  # the rows written before the stall wait for beat
    every_second_dispatch()
    # The promotion's enqueue may fail while the broker is stalled: beat's sweep catches up.
    PeriodicTask.objects.create(name="sweep (test)", task="tasks.training.sweep",
                                interval=IntervalSchedule.objects.get(every=1, period=IntervalSchedule.SECONDS))
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    waiting = service.register(run=run, person=PersonFactory())[0]
    Delivery.objects.update(state=DeliveryState.SKIPPED)  # only the offer matters here
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = True
    client.force_login(holder.person.user)
    url = reverse("training:cancel", args=[holder.pk])
    extra = {"CELERY_BROKER_URL": private_broker}
    running = [procs.start_worker("w", smtp_port=sink.port, **extra), procs.start_beat(**extra)]
    try:
        procs.drained()  # the worker is consuming
        subprocess.run(["redis-cli", "-p", str(PRIVATE_REDIS_PORT), "CLIENT", "PAUSE", "6000", "ALL"], check=True)
        paused_at = time.monotonic()
        response = client.post(url)
        elapsed = time.monotonic() - paused_at
        assert response.status_code == 302
        assert elapsed < 2, f"the cancellation took {elapsed:.2f}s with the broker stalled"
        # Her cancellation confirmed and the freed seat offered: two messages, once each.
        assert procs.wait_for(lambda: len(sink.accepted) >= 2, timeout=60, procs=running)
        assert time.monotonic() - paused_at >= 5
        procs.drained()  # what the ticks queued so far has run: no second message
    finally:
        for proc in running:
            procs.stop(proc)
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.OFFERED
    assert sink.duplicates() == {} and sorted(sink.recipients) == sorted([holder.person.user.email, waiting.person.user.email])


def test_reminders_due_a_minute_ahead_with_a_10s_visibility_timeout_are_sent_once(transactional_db, sink):
    every_second_dispatch()
    ReminderRule.objects.create(name="Nhắc trước 2 phút", offset_minutes=-2)
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(minutes=3))  # due in one minute
    RegistrationFactory.create_batch(5, run=session.run)
    assert Delivery.objects.count() == 5
    extra = {"CELERY_VISIBILITY_TIMEOUT": 10}
    running = [procs.start_worker("w", smtp_port=sink.port, **extra), procs.start_beat(**extra)]
    try:
        assert procs.wait_for(lambda: len(sink.accepted) >= 5, timeout=100, procs=running)
        assert timezone.now() >= session.starts_at - datetime.timedelta(minutes=2)  # not early
        time.sleep(12)  # longer than the visibility timeout: any redelivery would have shown by now
    finally:
        for proc in running:
            procs.stop(proc)
    assert sink.duplicates() == {} and len(sink.accepted) == 5
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 5

