"""Messages a registration's status changes owe the trainee: written to the delivery ledger in
the transaction of the change, sent by the real dispatcher once, worded by the organizers'
templates in the trainee's language, the confirmation with its .ics and QR code; sent after
a broker outage without anyone acting, and by a real worker after the commit."""

import time
from email import policy
from email.parser import BytesParser

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from icalendar import Calendar

from campaigns.notifications.models import (
    ChannelPreference,
    Delivery,
    DeliveryState,
    InSiteNotification,
    MessageTemplate,
)
from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import registration as service
from config.formats.times import time_range
from tasks.celery_app import app as celery_app
from tests import waiting
from tests.campaigns.notifications.test_broadcasts_and_admin import organizer  # noqa: F401 - fixture

from .factories import PersonFactory, run_with_sessions


@pytest.fixture
def no_kick(settings):
    """Tests that drive the dispatcher themselves: no worker is asked to run it."""
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False


def dispatch():
    """Run the dispatcher as beat or a worker would; returns the emails it sent."""
    before = len(mail.outbox)
    run_dispatcher(budget_seconds=10)
    return mail.outbox[before:]


def attachments(message):
    """{file name: (bytes, Content-Type)} as a mail reader sees them: the sent message parsed by
    the standard library's email parser."""
    parsed = BytesParser(policy=policy.default).parsebytes(message.message().as_bytes())
    return {part.get_filename(): (part.get_payload(decode=True), part["Content-Type"])
            for part in parsed.iter_attachments()}


@pytest.mark.django_db
def test_confirmed_registration_gets_one_email_with_the_ics_and_the_qr_code(no_kick):
    run = run_with_sessions(capacity=1, sessions=3)
    registration = service.register(run=run, person=PersonFactory(full_name="Điểu Thị Thảo"))[0]
    row = Delivery.objects.about(registration).get()
    assert (row.kind, row.channel, row.state) == ("confirmation", "email", DeliveryState.PENDING)

    (message,) = dispatch()
    assert dispatch() == []  # run again: nothing more
    assert message.to == [registration.person.user.email]
    assert message.subject == f"Xác nhận đăng ký: {run.course.title}"
    assert "Chào Điểu Thị Thảo" in message.body and registration.code in message.body
    assert "Buổi 1" in message.body and "Buổi 3" in message.body
    assert "/dao-tao/lien-ket/" in message.body.split("Hủy đăng ký:")[1]  # the cancel link
    assert message.body.count("/dao-tao/lien-ket/") == 4  # three apologies and the cancel link
    files = attachments(message)
    ics, ics_type = next(value for name, value in files.items() if name.endswith(".ics"))
    assert ics_type.startswith("text/calendar")
    events = Calendar.from_ical(ics).walk("VEVENT")
    assert [str(e["summary"]).split(": ")[1] for e in events] == ["Buổi 1", "Buổi 2", "Buổi 3"]
    png, png_type = files[f"ma-diem-danh-{registration.code}.png"]
    assert png_type == "image/png" and png[:8] == b"\x89PNG\r\n\x1a\n"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and 'href="http' in html and registration.code in html
    assert Delivery.objects.get().state == DeliveryState.SENT


@pytest.mark.django_db
def test_english_recipient_gets_the_english_template_with_the_attachments(no_kick):
    run = run_with_sessions(capacity=1)
    registration = service.register(run=run, person=PersonFactory(user__preferred_language="en"))[0]
    (message,) = dispatch()
    assert message.subject == f"Registration confirmed: {run.course.title}"
    assert f"Your check-in code: {registration.code}" in message.body and "Lịch học" not in message.body
    assert sorted(name.rsplit(".", 1)[1] for name in attachments(message)) == ["ics", "png"]
    assert Delivery.objects.get().language == "en"


@pytest.mark.django_db
def test_each_status_change_is_told_once_and_a_retried_request_adds_nothing(no_kick):
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    waiting = service.register(run=run, person=PersonFactory())[0]
    assert service.register(run=run, person=waiting.person) == (waiting, False)  # the retried request
    sent = dispatch()
    assert [m.subject.split(":")[0] for m in sent] == ["Xác nhận đăng ký", "Bạn đang trong danh sách chờ"]
    assert dispatch() == []

    # Cancelled, the seat offered to the next one who declines it, then registered again:
    # a new confirmation, not the old one.
    service.cancel(registration=holder)
    service.promote(run=run)
    assert [m.subject.split(":")[0] for m in dispatch()] == ["Đã hủy đăng ký", "Đã có chỗ cho bạn"]
    service.cancel(registration=Registration.objects.get(pk=waiting.pk))
    again = service.register(run=run, person=holder.person)[0]
    assert again.pk == holder.pk and again.status == S.CONFIRMED
    assert [m.subject.split(":")[0] for m in dispatch()] == ["Đã hủy đăng ký", "Xác nhận đăng ký"]
    assert Delivery.objects.about(holder).filter(kind="confirmation", state=DeliveryState.SENT).count() == 2
    assert dispatch() == []


@pytest.mark.django_db
def test_offer_carries_accept_and_decline_links_and_the_deadline(no_kick):
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    waiting = service.register(run=run, person=PersonFactory())[0]
    dispatch()
    service.cancel(registration=holder)
    [offered] = service.promote(run=run)
    cancelled, message = dispatch()  # the holder's cancellation confirmed, the offer
    assert message.to == [waiting.person.user.email] and message.subject.startswith("Đã có chỗ cho bạn")
    assert "/dao-tao/lien-ket/" in message.body.split("Nhận chỗ:")[1].split("\n")[0]
    assert "/dao-tao/lien-ket/" in message.body.split("Từ chối:")[1].split("\n")[0]
    assert time_range(offered.offer_expires_at) in message.body  # "08:00, thứ Bảy 27/12/2026"
    assert message.attachments == []


@pytest.mark.django_db
def test_approval_pending_is_told_then_the_decision(no_kick):
    run = run_with_sessions(capacity=5, requires_approval=True)
    registration = service.register(run=run, person=PersonFactory())[0]
    assert [m.subject.split(":")[0] for m in dispatch()] == ["Đăng ký đang chờ duyệt"]
    service.decide(registration=registration, approve=True)
    (message,) = dispatch()
    assert message.subject.startswith("Xác nhận đăng ký") and len(message.attachments) == 2


@pytest.mark.django_db
def test_a_cancelled_registration_is_not_sent_its_pending_confirmation(no_kick):
    run = run_with_sessions(capacity=1)
    registration = service.register(run=run, person=PersonFactory())[0]
    service.cancel(registration=registration)
    assert [m.subject.split(":")[0] for m in dispatch()] == ["Đã hủy đăng ký"]  # only her cancellation confirmed
    assert Delivery.objects.get(kind="confirmation").state == DeliveryState.SKIPPED


@pytest.mark.django_db
def test_a_trainee_who_prefers_the_inbox_gets_the_message_there_not_by_email(no_kick):
    person = PersonFactory()
    ChannelPreference.objects.create(person=person, order=["insite", "email"])
    registration = service.register(run=run_with_sessions(capacity=1), person=person)[0]
    assert dispatch() == []
    note = InSiteNotification.objects.get(person=person)
    assert note.title.startswith("Xác nhận đăng ký") and registration.code in note.body


@pytest.mark.django_db
def test_an_organizers_edit_of_the_confirmation_template_changes_the_next_email(no_kick, organizer, client):  # noqa: F811
    template = MessageTemplate.objects.get(kind="confirmation", language="vi")
    client.force_login(organizer)
    response = client.post(reverse("wagtailsnippets_notifications_messagetemplate:edit", args=[template.pk]), {
        "kind": "confirmation", "language": "vi", "subject": "Chúc mừng {{ name }}: đã có chỗ ở {{ run }}",
        "text_body": "Mã của bạn: {{ code }}\nLịch:\n{{ sessions }}\nHủy: {{ cancel_link }}", "html_body": "",
        "short_text": "", "zns_template_id": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    run = run_with_sessions(capacity=1)
    registration = service.register(run=run, person=PersonFactory(full_name="Lò Thị Mai"))[0]
    (message,) = dispatch()
    assert message.subject == f"Chúc mừng Lò Thị Mai: đã có chỗ ở {run.title}"
    assert message.body.startswith(f"Mã của bạn: {registration.code}\nLịch:\n- ")
    assert len(message.attachments) == 2


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


def _wait_for(predicate, timeout=20):
    return waiting.poll(predicate, timeout=timeout, interval=0.2)


@pytest.mark.django_db(transaction=True)
def test_when_the_broker_is_down_the_registration_is_saved_and_beats_dispatcher_sends_it(broker_down, caplog, settings):
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = True
    run = run_with_sessions(capacity=1)
    started = time.monotonic()
    with transaction.atomic():
        registration = service.register(run=run, person=PersonFactory())[0]
    assert time.monotonic() - started < 2
    assert _wait_for(lambda: "Could not enqueue tasks.notifications.dispatch" in caplog.text)
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED and mail.outbox == []
    assert Delivery.objects.about(registration).get().state == DeliveryState.PENDING
    (message,) = dispatch()  # beat's next minute
    assert message.subject.startswith("Xác nhận đăng ký") and len(message.attachments) == 2
    assert dispatch() == []


def test_a_real_worker_sends_the_confirmation_and_offers_a_freed_seat(celery_worker, settings):
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = True  # the commit asks the worker to dispatch
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    waiting = service.register(run=run, person=PersonFactory())[0]
    assert _wait_for(lambda: len(mail.outbox) == 2), "worker did not send the confirmation and waitlist notice"
    service.cancel(registration=holder)  # enqueues the promotion on commit; her cancellation is confirmed
    assert _wait_for(lambda: len(mail.outbox) == 4), "worker did not promote and send the offer"
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    offer = next(m for m in mail.outbox[2:] if "Đã có chỗ" in m.subject)
    assert offer.to == [waiting.person.user.email]
    assert any(m.subject.startswith("Đã hủy đăng ký") and m.to == [holder.person.user.email] for m in mail.outbox[2:])
    time.sleep(1)
    assert len(mail.outbox) == 4
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
