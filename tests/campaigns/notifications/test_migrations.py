"""Issue 15's migrations keep what exists meaning the same: a broadcast to a run's registrants
keeps its run and statuses (now parameters), reminder rules move to training with their rows
and permissions, and each ledger row names as its subject the session or the registration it
pointed at."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("notifications", "0008_delivery_reason_code"), ("training", "0007_registration_cycle_for_links")]
AFTER = [("notifications", "0015_delivery_without_training_keys"), ("training", "0008_reminder_rule")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_broadcasts_rules_and_ledger_rows_keep_their_meaning():
    old = _migrate(BEFORE)
    try:
        course = old.get_model("training", "Course").objects.create(title="Kỹ năng lãnh đạo", slug="ky-nang-lanh-dao")
        run = old.get_model("training", "CourseRun").objects.create(course=course, title="Lớp 01/2027", capacity=10)
        start = timezone.now() + datetime.timedelta(days=3)
        session = old.get_model("training", "Session").objects.create(
            run=run, title="Buổi 1", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
        person = old.get_model("programme", "Person").objects.create(full_name="Nguyễn Thị Lan", gender="female")
        registration = old.get_model("training", "Registration").objects.create(run=run, person=person, status="confirmed")
        rule = old.get_model("notifications", "ReminderRule").objects.create(name="Nhắc trước 1 ngày", run=run,
                                                                             offset_minutes=-1440)
        Broadcast = old.get_model("notifications", "Broadcast")
        to_run = Broadcast.objects.create(title="Lớp", subject="s", body="b", audience="run", run=run,
                                          statuses=["confirmed", "offered"], channels=["email"])
        to_pool = Broadcast.objects.create(title="Diện quy hoạch", subject="s", body="b", audience="pool_untrained",
                                           channels=["email"])
        Delivery = old.get_model("notifications", "Delivery")
        common = dict(recipient_key=f"person:{person.pk}", channel="email", person=person, due_at=start,
                      next_attempt_at=start)
        reminder = Delivery.objects.create(message_key="reminder:1", kind="reminder", rule=rule, session=session,
                                           registration=registration, **common)
        confirmation = Delivery.objects.create(message_key="registration:1", kind="confirmation",
                                               registration=registration, **common)
        digest = Delivery.objects.create(message_key="digest:1", kind="digest", **common)

        new = _migrate(AFTER)
        Broadcast, Delivery = new.get_model("notifications", "Broadcast"), new.get_model("notifications", "Delivery")
        assert Broadcast.objects.get(pk=to_run.pk).parameters == {"run": run.pk, "statuses": ["confirmed", "offered"]}
        assert Broadcast.objects.get(pk=to_pool.pk).parameters == {}
        moved = new.get_model("training", "ReminderRule").objects.get(pk=rule.pk)
        assert (moved.name, moved.run_id, moved.offset_minutes) == ("Nhắc trước 1 ngày", run.pk, -1440)
        assert Delivery.objects.get(pk=reminder.pk).rule_id == rule.pk
        subjects = dict(Delivery.objects.values_list("pk", "subject_kind"))
        assert subjects == {reminder.pk: "training.session", confirmation.pk: "training.registration", digest.pk: ""}
        assert Delivery.objects.get(pk=reminder.pk).subject_id == session.pk
        assert Delivery.objects.get(pk=confirmation.pk).subject_id == registration.pk
        ContentType = new.get_model("contenttypes", "ContentType")
        assert ContentType.objects.filter(app_label="training", model="reminderrule").exists()
        assert not ContentType.objects.filter(app_label="notifications", model="reminderrule").exists()

        # And back: the foreign keys come back from the subjects.
        old = _migrate(BEFORE)
        Delivery = old.get_model("notifications", "Delivery")
        back = Delivery.objects.get(pk=reminder.pk)
        assert (back.session_id, back.registration_id) == (session.pk, registration.pk)
        assert Delivery.objects.get(pk=confirmation.pk).registration_id == registration.pk
        assert old.get_model("notifications", "Broadcast").objects.get(pk=to_run.pk).run_id == run.pk
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
