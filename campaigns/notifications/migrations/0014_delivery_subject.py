"""The ledger names what a delivery is about generically (subject_kind + subject_id) instead of
holding foreign keys to training's sessions and registrations (issue 15). Existing rows keep
their meaning: a row with a session (a reminder, a change notice) is about that session — its
registration is its recipient's for the session's run —, a row with only a registration (a
status message) is about the registration. The new columns are added by 0013 and the
foreign keys dropped by 0015, each in a migration of its own: on PostgreSQL, undoing this one
sets foreign keys, and the table could not be altered in the same transaction."""

from django.db import migrations
from django.db.models import F

SESSION, REGISTRATION = "training.session", "training.registration"


def to_subject(apps, schema_editor):
    Delivery = apps.get_model("notifications", "Delivery")
    Delivery.objects.filter(session__isnull=False).update(subject_kind=SESSION, subject_id=F("session_id"))
    Delivery.objects.filter(session__isnull=True, registration__isnull=False).update(
        subject_kind=REGISTRATION, subject_id=F("registration_id"))


def from_subject(apps, schema_editor):
    Delivery = apps.get_model("notifications", "Delivery")
    Registration = apps.get_model("training", "Registration")
    Session = apps.get_model("training", "Session")
    Delivery.objects.filter(subject_kind=REGISTRATION, subject_id__in=Registration.objects.values("pk")).update(
        registration_id=F("subject_id"))
    Delivery.objects.filter(subject_kind=SESSION, subject_id__in=Session.objects.values("pk")).update(
        session_id=F("subject_id"))
    for row in Delivery.objects.filter(subject_kind=SESSION, session__isnull=False, person__isnull=False):
        row.registration = Registration.objects.filter(run_id=row.session.run_id, person_id=row.person_id).first()
        row.save(update_fields=["registration"])


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0013_delivery_subject_fields"),
        ("training", "0008_reminder_rule"),
    ]

    operations = [
        migrations.RunPython(to_subject, from_subject),
    ]
