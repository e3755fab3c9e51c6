"""Programme monitoring tasks: thin wrappers that load by primary key and call a service."""

import datetime

from celery import shared_task
from django.utils import timezone


@shared_task(name="tasks.programme.take_monthly_snapshots")
def take_monthly_snapshots():
    """Snapshot every unit's indicators as of today (beat runs this on the 1st of the month)."""
    from campaigns.programme.snapshots import take_snapshots

    return take_snapshots(as_of=timezone.localdate())


@shared_task(name="tasks.programme.take_unit_snapshot")
def take_unit_snapshot(unit_id, as_of_iso):
    from campaigns.programme.models import OrganisationUnit
    from campaigns.programme.snapshots import take_snapshots

    unit = OrganisationUnit.objects.get(pk=unit_id)
    return take_snapshots(as_of=datetime.date.fromisoformat(as_of_iso), units=[unit])


@shared_task(name="tasks.programme.run_import_job", soft_time_limit=30 * 60, time_limit=31 * 60)
def run_import_job(job_id, attempt=None):
    from campaigns.programme.import_jobs import run_job

    return run_job(job_id=job_id, attempt=attempt)


@shared_task(name="tasks.programme.mark_stale_import_jobs")
def mark_stale_import_jobs():
    """Beat, every minute: import jobs whose worker died are marked interrupted."""
    from campaigns.programme.import_jobs import mark_stale_jobs

    return mark_stale_jobs()
