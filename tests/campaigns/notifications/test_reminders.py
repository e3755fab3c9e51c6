"""Reminder rules: rows planned ahead, re-timed, skipped, caught up or missed."""

import datetime

import time_machine
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryState
from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.training.models import RegistrationStatus, ReminderRule
from campaigns.training.services import registration as service
from campaigns.training.services import reminders
from campaigns.training.services.sessions import save_session

from .factories import PersonFactory, RegistrationFactory, RunFactory, SessionFactory

DAY = 24 * 60


def rule(**kw):
    return ReminderRule.objects.create(name=kw.pop("name", "Nhắc trước 1 ngày"), offset_minutes=kw.pop("offset", -DAY), **kw)


def test_registration_gets_one_row_per_rule_timed_from_the_session_start(db):
    one_day, two_hours = rule(), rule(name="2 giờ", offset=-120)
    session = SessionFactory()
    reg = RegistrationFactory(run=session.run)
    rows = Delivery.objects.filter(person=reg.person, kind="reminder").order_by("due_at")
    assert [(r.rule, r.due_at) for r in rows] == [
        (one_day, session.starts_at - datetime.timedelta(days=1)),
        (two_hours, session.starts_at - datetime.timedelta(hours=2)),
    ]
    assert reminders.plan_reminders() == 0  # planning again writes nothing


def test_rule_relative_to_session_end_for_feedback(db):
    feedback = rule(name="Phản hồi sau 1 ngày", anchor="end", offset=DAY)
    session = SessionFactory()
    RegistrationFactory(run=session.run)
    assert Delivery.objects.get(rule=feedback).due_at == session.ends_at + datetime.timedelta(days=1)


def test_run_rules_replace_the_default_rules_for_that_run(db):
    rule(name="mặc định")
    session = SessionFactory()
    own = rule(name="riêng", run=session.run, offset=-60)
    RegistrationFactory(run=session.run)
    assert list(Delivery.objects.values_list("rule", flat=True)) == [own.pk]


def test_only_registrations_in_the_rule_statuses_get_reminders(db):
    rule(statuses=[RegistrationStatus.CONFIRMED])
    session = SessionFactory()
    RegistrationFactory(run=session.run, status=RegistrationStatus.WAITLISTED)
    assert not Delivery.objects.exists()
    confirmed = RegistrationFactory(run=session.run)
    assert Delivery.objects.get().person == confirmed.person


def test_rescheduling_a_session_re_times_its_pending_reminders(db):
    rule()
    session = SessionFactory()
    RegistrationFactory(run=session.run)
    session.starts_at += datetime.timedelta(days=2)
    session.ends_at += datetime.timedelta(days=2)
    save_session(session)
    assert Delivery.objects.get(kind="reminder").due_at == session.starts_at - datetime.timedelta(days=1)


def test_session_moved_behind_the_signal_is_not_sent_early(db, email_to_sink):
    rule(offset=-60)
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(minutes=30))
    RegistrationFactory(run=session.run)
    Delivery.objects.update(next_attempt_at=timezone.now(), due_at=timezone.now())
    type(session).objects.filter(pk=session.pk).update(starts_at=session.starts_at + datetime.timedelta(days=1),
                                                       ends_at=session.ends_at + datetime.timedelta(days=1))
    run_dispatcher(budget_seconds=5)
    row = Delivery.objects.get()
    assert row.state == DeliveryState.PENDING and row.next_attempt_at > timezone.now() + datetime.timedelta(hours=20)
    assert email_to_sink.accepted == []


def test_cancelling_a_session_skips_its_reminders(db):
    rule()
    session = SessionFactory()
    RegistrationFactory(run=session.run)
    session.is_cancelled = True
    save_session(session)
    assert Delivery.objects.get().state == DeliveryState.SKIPPED


def test_cancelling_a_registration_skips_its_reminders(db):
    rule()
    reg = RegistrationFactory(run=SessionFactory().run)
    service.cancel(registration=reg)
    assert Delivery.objects.get(kind="reminder").state == DeliveryState.SKIPPED


def test_cancelled_after_claim_is_skipped_at_send_time(db, email_to_sink):
    rule(offset=-60)
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(minutes=30))
    reg = RegistrationFactory(run=session.run)
    type(reg).objects.filter(pk=reg.pk).update(status=RegistrationStatus.CANCELLED)  # no signal
    run_dispatcher(budget_seconds=5)
    assert Delivery.objects.get().state == DeliveryState.SKIPPED
    assert email_to_sink.accepted == []


def test_late_registration_gets_a_passed_reminder_only_within_the_catch_up_window(db, email_to_sink):
    rule(offset=-DAY, catch_up_minutes=120)
    inside = SessionFactory(starts_at=timezone.now() + datetime.timedelta(hours=23))  # due 1 h ago
    outside = SessionFactory(starts_at=timezone.now() + datetime.timedelta(hours=20))  # due 4 h ago
    RegistrationFactory(run=inside.run)
    RegistrationFactory(run=outside.run)
    assert list(Delivery.objects.values_list("subject_kind", "subject_id")) == [("training.session", inside.pk)]
    run_dispatcher(budget_seconds=5)
    assert Delivery.objects.get().state == DeliveryState.SENT
    assert len(email_to_sink.accepted) == 1


def test_a_reminder_too_late_is_marked_missed_not_sent(db, email_to_sink, settings):
    settings.NOTIFICATIONS_MAX_LATENESS_MINUTES = {"reminder": 60}
    rule(anchor="end", offset=DAY)
    session = SessionFactory()
    RegistrationFactory(run=session.run)
    with time_machine.travel(session.ends_at + datetime.timedelta(days=1, hours=2)):
        run_dispatcher(budget_seconds=5)
    row = Delivery.objects.get()
    assert row.state == DeliveryState.MISSED and row.reason == "too_late"
    assert email_to_sink.accepted == []


def test_a_reminder_after_the_session_began_is_missed(db, email_to_sink):
    rule(offset=-120)
    session = SessionFactory()
    RegistrationFactory(run=session.run)
    with time_machine.travel(session.starts_at + datetime.timedelta(minutes=5)):
        run_dispatcher(budget_seconds=5)
    assert Delivery.objects.get().state == DeliveryState.MISSED


def test_planner_writes_rows_for_a_rule_added_later(db):
    session = SessionFactory()
    RegistrationFactory.create_batch(3, run=session.run)
    assert not Delivery.objects.exists()
    rule()
    assert reminders.plan_reminders() == 3
    assert reminders.plan_reminders() == 0


def test_cancelled_run_gets_no_reminders(db):
    rule()
    run = RunFactory(is_cancelled=True)
    SessionFactory(run=run)
    RegistrationFactory(run=run)
    assert not Delivery.objects.exists()


def test_registering_again_after_cancelling_brings_her_reminders_back(db, email_to_sink):
    # Through the training services, as the trainee does it: register, cancel, register again.
    day_before, two_hours = rule(), rule(name="2 giờ", offset=-120)
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    person = PersonFactory()
    reg = service.register(run=session.run, person=person)[0]
    reminders_of = Delivery.objects.filter(person=person, kind="reminder")
    assert reminders.plan_reminders() == 2  # what the dispatcher the commit kicks plans first
    assert reminders_of.count() == 2
    service.cancel(registration=reg)
    assert set(reminders_of.values_list("state", flat=True)) == {DeliveryState.SKIPPED}
    again, created = service.register(run=session.run, person=person)
    assert created and again.pk == reg.pk and again.status == RegistrationStatus.CONFIRMED
    rows = {row.rule_id: row for row in reminders_of}
    assert {row.state for row in rows.values()} == {DeliveryState.PENDING}
    assert rows[day_before.pk].due_at == session.starts_at - datetime.timedelta(days=1)
    assert rows[two_hours.pk].due_at == session.starts_at - datetime.timedelta(hours=2)
    assert rows[day_before.pk].last_error == "" and rows[day_before.pk].attempts == 0
    with time_machine.travel(session.starts_at - datetime.timedelta(hours=23)):
        run_dispatcher()
    assert reminders_of.get(rule=day_before).state == DeliveryState.SENT


def test_a_reminder_whose_time_passed_while_cancelled_does_not_come_back(db):
    rule(offset=-DAY, catch_up_minutes=60)
    session = SessionFactory(starts_at=timezone.now() + datetime.timedelta(days=2))
    reg = RegistrationFactory(run=session.run)
    service.cancel(registration=reg)
    with time_machine.travel(session.starts_at - datetime.timedelta(hours=12)):
        service.register(run=session.run, person=reg.person)
    assert Delivery.objects.get(person=reg.person, kind="reminder").state == DeliveryState.SKIPPED
