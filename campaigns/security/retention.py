"""Retention: trainees' personal data is kept for PERSONAL_DATA_RETENTION_DAYS after their
last training activity, then anonymised (campaigns/security/erasure.py), keeping every
count. Leadership-post holders are official records and are never touched here."""

import datetime
import logging

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from .erasure import PersonalDataError, anonymise_person
from .models import ExportKind, PersonalDataAudit

logger = logging.getLogger(__name__)


def people_past_retention(*, now=None, days=None):
    """Persons with registrations whose last activity (registration change, a session of
    the run, the account's last login) is older than the retention period."""
    Person = apps.get_model("programme", "Person")
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days)
    done = PersonalDataAudit.objects.filter(
        kind__in=[ExportKind.ERASURE, ExportKind.RETENTION], subject_person_id__isnull=False
    )
    return (
        Person.objects.filter(registrations__isnull=False)
        .exclude(registrations__updated_at__gte=cutoff)
        .exclude(registrations__run__sessions__ends_at__gte=cutoff)
        .exclude(user__last_login__gte=cutoff)
        .exclude(post_holdings__isnull=False)
        .exclude(pk__in=done.values("subject_person_id"))
        .distinct()
        .order_by("pk")
    )


def anonymise_expired(*, now=None, days=None, limit=500):
    """Anonymise up to `limit` persons past retention, each in its own transaction (a crash
    resumes where it stopped; a second run finds nothing). Returns how many were done."""
    done = 0
    for person in people_past_retention(now=now, days=days)[:limit]:
        try:
            anonymise_person(person=person, kind=ExportKind.RETENTION)
        except PersonalDataError:
            logger.info("Retention skipped person %s (official record)", person.pk)
            continue
        done += 1
    return done
