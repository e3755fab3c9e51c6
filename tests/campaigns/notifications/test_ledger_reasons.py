"""The ledger says why a message was not sent in Vietnamese: a reason code is stored
(Delivery.reason) and shown by its label, never an English sentence; and each row says what
the message is (its kind and what it is about), not its internal key."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryReason, DeliveryState, MessageKind
from campaigns.notifications.services.dispatch import precheck
from campaigns.training.models import RegistrationStatus
from campaigns.training.services.reminders import registration_changed

from .factories import RegistrationFactory, SessionFactory
from .test_broadcasts_and_admin import organizer  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def _reminder(registration, session, **fields):
    due = timezone.now() + datetime.timedelta(days=1)
    return Delivery.objects.create(
        message_key=f"reminder:rule3:session{session.pk}", recipient_key=f"person:{registration.person_id}",
        channel="email", kind=MessageKind.REMINDER, person=registration.person,
        subject_kind="training.session", subject_id=session.pk, due_at=due, next_attempt_at=due, **fields)


def test_a_cancelled_registration_skips_its_reminders_with_a_reason_code():
    session = SessionFactory()
    registration = RegistrationFactory(run=session.run, status=RegistrationStatus.CONFIRMED)
    row = _reminder(registration, session)
    registration.status = RegistrationStatus.CANCELLED
    registration.save()
    assert precheck(row, now=timezone.now()) == (DeliveryState.SKIPPED, DeliveryReason.REGISTRATION_CANCELLED, None)
    registration_changed(registration=registration)
    row.refresh_from_db()
    assert row.state == DeliveryState.SKIPPED and row.reason == "registration_cancelled" and row.last_error == ""
    assert row.get_reason_display() == "Đăng ký đã bị hủy"


def test_every_precheck_reason_is_a_code_with_a_vietnamese_label():
    for reason in DeliveryReason:
        assert reason.label and reason.label.isascii() is False, reason


def test_the_ledger_list_shows_labels_not_keys_or_english(client, organizer):  # noqa: F811
    session = SessionFactory(title="Kỹ năng thuyết trình")
    registration = RegistrationFactory(run=session.run)
    _reminder(registration, session, state=DeliveryState.SKIPPED, reason=DeliveryReason.REGISTRATION_CANCELLED)
    client.force_login(organizer)
    body = client.get(reverse("wagtailsnippets_notifications_delivery:list")).content.decode()
    assert "Đăng ký đã bị hủy" in body and "Nhắc lịch · Kỹ năng thuyết trình" in body
    assert "reminder:rule3" not in body and "registration cancelled" not in body


def test_the_ledger_list_costs_the_same_for_many_rows(client, organizer):  # noqa: F811
    client.force_login(organizer)
    for _ in range(2):
        session = SessionFactory()
        _reminder(RegistrationFactory(run=session.run), session)
    url = reverse("wagtailsnippets_notifications_delivery:list")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        session = SessionFactory()
        _reminder(RegistrationFactory(run=session.run), session)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) <= len(few) + 2, (len(few), len(many))
