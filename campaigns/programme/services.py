"""Rules that change programme records. Other areas call these, never the models directly."""

from django.db import transaction

from campaigns.text import nfc

from .models import TrainingRecord


@transaction.atomic
def record_training(*, person, completed_on, title, source, reference, provider=""):
    """Record that `person` was trained on `completed_on`; idempotent per (source, reference).

    Returns the record. Called again for the same origin, it updates the date and title
    (a corrected completion) instead of adding a second record."""
    record, _ = TrainingRecord.objects.update_or_create(
        source=source,
        reference=reference,
        defaults={"person": person, "completed_on": completed_on, "title": nfc(title), "provider": nfc(provider)},
    )
    return record


@transaction.atomic
def withdraw_training(*, source, reference):
    """Remove the record of an origin whose completion was undone; returns how many went."""
    deleted, _ = TrainingRecord.objects.filter(source=source, reference=reference).delete()
    return deleted
