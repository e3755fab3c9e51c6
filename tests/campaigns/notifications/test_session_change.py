"""A change of a session's time or venue is told to its registrants: a rule (on by default,
made by migration) and a template of the kind session_change, through the ledger like every
other message (issue 12, item 6)."""

import datetime
import email.policy

from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryState, MessageKind, MessageTemplate
from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.training.models import RegistrationStatus, ReminderRule
from campaigns.training.services.sessions import save_session

from .factories import RegistrationFactory, SessionFactory

CHANGE = MessageKind.SESSION_CHANGE


def _notices():
    return Delivery.objects.filter(kind=CHANGE)


def _body(message):
    message = email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    return message.get_body(preferencelist=("plain",)).get_content()


def test_the_change_rule_and_its_templates_exist_and_are_on_by_default(db):
    rule = ReminderRule.objects.get(anchor="change")
    assert rule.is_active and rule.run is None and rule.kind == CHANGE and rule.channels == ["email"]
    assert set(MessageTemplate.objects.filter(kind=CHANGE).values_list("language", flat=True)) == {"vi", "en"}


def test_moving_a_session_tells_its_registrants_the_new_and_old_time(db, email_to_sink):
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=5), venue="Hội trường A")
    confirmed = RegistrationFactory(run=session.run, person__full_name="Nguyễn Thị Lan")
    waiting = RegistrationFactory(run=session.run, status=RegistrationStatus.WAITLISTED)
    gone = RegistrationFactory(run=session.run, status=RegistrationStatus.CANCELLED)
    assert not _notices().exists()  # a new session is not a change
    old_start = timezone.localtime(session.starts_at)
    session.starts_at += datetime.timedelta(days=1, hours=1)
    session.ends_at += datetime.timedelta(days=1, hours=1)
    save_session(session)
    assert set(_notices().values_list("person", flat=True)) == {confirmed.person_id, waiting.person_id}
    assert not _notices().filter(person=gone.person).exists()
    run_dispatcher(budget_seconds=5)
    assert set(_notices().values_list("state", flat=True)) == {DeliveryState.SENT}
    (mine,) = [m for m in email_to_sink.messages if confirmed.person.email in m["To"]]
    body = _body(mine)
    new_start = timezone.localtime(session.starts_at)
    assert "Thay đổi lịch học" in str(email.header.make_header(email.header.decode_header(mine["Subject"])))
    new_line = next(line for line in body.splitlines() if line.startswith("Lịch mới"))
    old_line = next(line for line in body.splitlines() if line.startswith("Lịch cũ"))
    for line, start in ((new_line, new_start), (old_line, old_start)):
        assert start.strftime("%H:%M") in line and start.strftime("%d/%m/%Y") in line
    assert f"/dao-tao/lop/{session.run_id}/" in body


def test_a_new_venue_is_told_and_a_new_title_is_not(db):
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=5), venue="Hội trường A")
    RegistrationFactory(run=session.run)
    session.title = "Buổi khai giảng"
    save_session(session)
    assert not _notices().exists()
    session.venue = "Phòng họp tầng 2"
    save_session(session)
    notice = _notices().get()
    assert notice.context["previous_venue"] == "Hội trường A"


def test_a_newer_change_supersedes_a_notice_not_yet_sent_and_switching_the_rule_off_stops_them(db):
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=5), venue="Hội trường A")
    RegistrationFactory(run=session.run)
    session.venue = "Phòng B"
    save_session(session)
    session.venue = "Phòng C"
    save_session(session)
    states = sorted(_notices().values_list("state", flat=True))
    assert states == sorted([DeliveryState.PENDING, DeliveryState.SKIPPED])
    ReminderRule.objects.filter(anchor="change").update(is_active=False)
    session.venue = "Phòng D"
    save_session(session)
    assert _notices().count() == 2


def test_a_change_to_a_session_already_over_is_not_told(db):
    session = SessionFactory(starts_at=timezone.now() - datetime.timedelta(days=3))
    RegistrationFactory(run=session.run)
    session.venue = "Sửa lại cho đúng biên bản"
    save_session(session)
    assert not _notices().exists()
