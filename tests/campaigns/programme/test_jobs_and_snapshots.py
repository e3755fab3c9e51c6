"""Import jobs (dry run, confirm, large files in a real worker) and indicator snapshots."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from campaigns.programme.import_jobs import confirm_job, create_job, run_job, start_job
from campaigns.programme.importers import ImportRejected
from campaigns.programme.models import (
    ImportStatus,
    IndicatorSnapshot,
    OrganisationUnit,
    PlanningPoolEntry,
    UnitLevel,
)
from campaigns.programme.snapshots import take_snapshots, trend
from tasks.programme import take_monthly_snapshots
from tests import waiting

from .factories import PlanningPoolEntryFactory, unit
from .sheets import pool_row, xlsx


def upload(rows, name="qh.xlsx"):
    return SimpleUploadedFile(name, xlsx("pool", rows).getvalue())


@pytest.mark.django_db
def test_dry_run_then_confirm_then_nothing_more():
    """The worker's task body (run_job), called directly: a dry run writes nothing, the
    confirmed run imports, a finished job cannot be confirmed again nor run twice."""
    unit(code="P", level=UnitLevel.PROVINCE)
    job = create_job(kind="pool", upload=upload([pool_row()]), user=None)
    assert run_job(job_id=job.pk) == ImportStatus.VALID
    job.refresh_from_db()
    assert job.summary["created"] == 1 and not PlanningPoolEntry.objects.exists()
    job = confirm_job(job=job)
    assert run_job(job_id=job.pk, attempt=job.attempt) == ImportStatus.DONE
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.progress_percent == 100 and PlanningPoolEntry.objects.count() == 1
    assert run_job(job_id=job.pk, attempt=job.attempt) == ImportStatus.DONE  # a repeated delivery
    assert PlanningPoolEntry.objects.count() == 1
    with pytest.raises(ImportRejected, match="chạy thử thành công"):
        confirm_job(job=job)


@pytest.mark.django_db
def test_failed_job_keeps_the_row_report():
    unit(code="P", level=UnitLevel.PROVINCE)
    job = create_job(kind="pool", upload=upload([pool_row(**{"Mã đơn vị": "KHONG"})]), user=None)
    run_job(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and not job.interrupted
    assert job.errors == [{"row": 2, "column": "Mã đơn vị", "message": "Không có đơn vị mã “KHONG”."}]


def test_every_file_is_checked_and_imported_by_a_worker(celery_worker):
    unit(code="P", level=UnitLevel.PROVINCE)
    rows = [pool_row(**{"Mã định danh": f"0791850{i:05d}", "Họ và tên": f"Nguyễn Thị {i}"}) for i in range(1500)]
    job = create_job(kind="pool", upload=upload(rows), user=None)
    start_job(job=job)  # queued on commit; transactional tests commit at once

    def wait_for(status):
        def reached():
            job.refresh_from_db()
            return job if job.status == status else None
        return waiting.wait_until(reached, timeout=60, interval=0.2, what=f"the job to be {status}")

    assert wait_for(ImportStatus.VALID).summary["created"] == 1500
    assert not PlanningPoolEntry.objects.exists()
    start_job(job=confirm_job(job=job))
    assert wait_for(ImportStatus.DONE).processed_rows == 1500
    assert PlanningPoolEntry.objects.count() == 1500


@pytest.mark.django_db
def test_snapshots_are_idempotent_per_unit_indicator_and_day():
    province = unit(code="P", level=UnitLevel.PROVINCE)
    unit(code="GONE", level=UnitLevel.PROVINCE, valid_to=datetime.date(2020, 1, 1))  # skipped: gone by then
    PlanningPoolEntryFactory(unit=province)
    day = datetime.date(2025, 6, 1)
    assert take_snapshots(as_of=day) == 4
    PlanningPoolEntryFactory(unit=province)
    assert take_snapshots(as_of=day) == 4
    assert IndicatorSnapshot.objects.count() == 4
    women = IndicatorSnapshot.objects.get(unit=province, indicator="pool_women", as_of=day)
    assert (women.numerator, women.denominator) == (2, 2)
    take_snapshots(as_of=datetime.date(2025, 7, 1), units=[province])
    assert [s.as_of for s in trend(unit=province, indicator="pool_women", until=datetime.date(2026, 1, 1))] == [
        day,
        datetime.date(2025, 7, 1),
    ]


@pytest.mark.django_db
def test_monthly_snapshot_task_runs_twice_without_duplicates_and_is_scheduled(programme_demo):
    first = take_monthly_snapshots.apply().get()
    take_monthly_snapshots.apply().get()
    valid_today = OrganisationUnit.objects.valid_on(timezone.localdate()).count()
    assert first == IndicatorSnapshot.objects.count() == 4 * valid_today
    call_command("seed_periodic_tasks", verbosity=0)
    task = PeriodicTask.objects.get(task="tasks.programme.take_monthly_snapshots")
    assert (task.crontab.day_of_month, task.crontab.hour) == ("1", "1")
