"""Import jobs: an uploaded spreadsheet is kept with its status, progress and error report.
A dry run comes first; the user confirms it to import. Small files run at once, larger ones
in a Celery worker while the page shows a progress bar."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .importers import SPECS, ImportRejected, import_file
from .importers.reading import error, max_bytes
from .models import ImportJob, ImportStatus


def async_threshold():
    return getattr(settings, "PROGRAMME_IMPORT_ASYNC_BYTES", 512 * 1024)


@transaction.atomic
def create_job(*, kind, upload, user):
    """Keep the uploaded file as a dry-run job; ImportRejected if it is too big or of an
    unknown kind (nothing is stored then)."""
    if kind not in SPECS:
        raise ImportRejected([error(_("Không có loại dữ liệu “%(kind)s”.") % {"kind": kind})])
    if upload.size > max_bytes():
        raise ImportRejected([error(_("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": max_bytes() // (1024 * 1024)})])
    if not upload.name.lower().endswith((".xlsx", ".csv")):
        raise ImportRejected([error(_("Chỉ nhận tệp .xlsx hoặc .csv."))])
    return ImportJob.objects.create(
        kind=kind, file=upload, original_name=upload.name[:255], created_by=user, dry_run=True
    )


def _update(job_id, **fields):
    ImportJob.objects.filter(pk=job_id).update(**fields)


def run_job(*, job_id):
    """Check (or, once confirmed, import) the job's file, recording progress as it goes and
    the outcome at the end; returns the final status. Rerunning a finished job does nothing."""
    job = ImportJob.objects.get(pk=job_id)
    if job.status not in (ImportStatus.PENDING, ImportStatus.RUNNING):
        return job.status
    _update(job.pk, status=ImportStatus.RUNNING, processed_rows=0, errors=[])
    try:
        with job.file.open("rb") as fileobj:
            summary = import_file(
                kind=job.kind,
                fileobj=fileobj,
                name=job.original_name,
                dry_run=job.dry_run,
                progress=lambda n: _update(job.pk, processed_rows=n),
                on_total=lambda n: _update(job.pk, total_rows=n),
            )
    except ImportRejected as exc:
        _update(job.pk, status=ImportStatus.FAILED, errors=exc.errors, finished_at=timezone.now())
        return ImportStatus.FAILED
    status = ImportStatus.VALID if job.dry_run else ImportStatus.DONE
    _update(
        job.pk,
        status=status,
        summary=summary,
        total_rows=summary["rows"],
        processed_rows=summary["rows"],
        finished_at=timezone.now(),
    )
    return status


def start_job(*, job):
    """Run the job now if its file is small, otherwise hand it to a worker. Returns True when
    it was queued."""
    if job.file.size <= async_threshold():
        run_job(job_id=job.pk)
        return False
    from tasks.programme import run_import_job

    transaction.on_commit(lambda: run_import_job.delay(job.pk))
    return True


@transaction.atomic
def confirm_job(*, job):
    """Turn a successful dry run into the real import (ImportRejected otherwise)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportStatus.VALID or not job.dry_run:
        raise ImportRejected([error(_("Chỉ nhập được tệp đã chạy thử thành công."))])
    job.dry_run, job.status, job.processed_rows, job.finished_at = False, ImportStatus.PENDING, 0, None
    job.save(update_fields=["dry_run", "status", "processed_rows", "finished_at"])
    return job
