"""Messages owed by a registration: composed with the .ics and QR, sent once, sent by the
sweep when the enqueue was lost, and sent by a real worker after the commit."""

import time

import pytest
from django.core import mail
from django.db import transaction
from icalendar import Calendar

from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import notify
from campaigns.training.services import registration as service
from tasks import training as tasks
from tasks.celery_app import app as celery_app

from .factories import PersonFactory, run_with_sessions


@pytest.mark.django_db
def test_confirmation_carries_the_sessions_as_ics_and_a_personal_qr_code():
    run = run_with_sessions(capacity=1, sessions=3)
    registration = service.register(run=run, person=PersonFactory(full_name="Điểu Thị Thảo"))[0]
    assert notify.notify(registration_id=registration.pk) is True
    (message,) = mail.outbox
    assert message.to == [registration.person.user.email]
    assert run.course.title in message.subject and "Điểu Thị Thảo" in message.body and registration.code in message.body
    names = {name: (content, mimetype) for name, content, mimetype in message.attachments}
    ics = next(content for name, (content, _m) in names.items() if name.endswith(".ics"))
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert [str(e["summary"]).split(": ")[1] for e in events] == ["Buổi 1", "Buổi 2", "Buổi 3"]
    png = next(content for name, (content, _m) in names.items() if name.endswith(".png"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert "/dao-tao/lien-ket/" in message.body  # cancel and apology links


@pytest.mark.django_db
def test_each_status_is_told_once_whoever_calls():
    run = run_with_sessions(capacity=1)
    service.register(run=run, person=PersonFactory())
    waiting = service.register(run=run, person=PersonFactory())[0]
    assert notify.notify(registration_id=waiting.pk) is True
    assert notify.notify(registration_id=waiting.pk) is False
    assert "danh sách chờ" in mail.outbox[-1].subject
    tasks.sweep()
    tasks.sweep()
    assert len(mail.outbox) == 2  # the confirmation of the first, the waitlist notice; once each


def _forget_connections():
    """Drop the app's cached connection and producer pools (and kombu's global ones) so the
    next send connects afresh to whatever broker_url now says."""
    from kombu import pools

    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    pools.reset()


@pytest.fixture
def broker_down(monkeypatch):
    """A real failure: the broker address points at a closed port."""
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    monkeypatch.setattr(celery_app.conf, "broker_transport_options", {"socket_connect_timeout": 1, "max_retries": 0})
    monkeypatch.setattr(celery_app.conf, "task_publish_retry", False)
    _forget_connections()
    yield
    monkeypatch.undo()
    _forget_connections()


@pytest.mark.django_db(transaction=True)
def test_when_the_broker_is_down_the_request_succeeds_and_the_sweep_sends(broker_down, caplog):
    run = run_with_sessions(capacity=1)
    with transaction.atomic():
        registration = service.register(run=run, person=PersonFactory())[0]
    assert "sweep will do it" in caplog.text
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED and registration.notified_status == ""
    assert mail.outbox == []
    assert tasks.sweep()["sent"] == 1
    assert tasks.sweep()["sent"] == 0
    assert len(mail.outbox) == 1


def _wait_for(predicate, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_a_real_worker_sends_the_confirmation_and_offers_a_freed_seat(celery_worker):
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    waiting = service.register(run=run, person=PersonFactory())[0]
    assert _wait_for(lambda: len(mail.outbox) == 2), "worker did not send the confirmation and waitlist notice"
    service.cancel(registration=holder)  # enqueues the promotion on commit
    assert _wait_for(lambda: len(mail.outbox) == 3), "worker did not promote and send the offer"
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert "Đã có chỗ" in mail.outbox[-1].subject


@pytest.mark.django_db
def test_messages_are_written_in_the_trainees_language():
    run = run_with_sessions(capacity=1)
    person = PersonFactory(user__preferred_language="en")
    registration = service.register(run=run, person=person)[0]
    notify.notify(registration_id=registration.pk)
    assert mail.outbox[-1].subject.startswith("Registration confirmed:")
    assert "Your check-in code" in mail.outbox[-1].body
