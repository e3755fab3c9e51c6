"""Import jobs: an uploaded spreadsheet is kept with its status, progress and error report.
A dry run comes first; the user confirms it to import. Every run happens in a Celery worker,
whatever the file's size, while the page shows a progress bar: the request only stores the
file and hands the job over after commit, never waiting on the broker.

A job survives the process that runs it dying: each run is an attempt with a lease (a
heartbeat the worker moves on every IMPORT_HEARTBEAT_SECONDS). Beat marks a job whose
heartbeat stopped for IMPORT_STALE_SECONDS, or that no worker took up within
IMPORT_PENDING_STALE_SECONDS (or that the broker refused), as interrupted; nothing of it was
imported (all or nothing), and the user can run it again. A run whose attempt is no longer
the job's (it was marked interrupted meanwhile) imports nothing: the data and the job's
"done" are committed together, after checking the lease under the job's row lock."""

import contextlib
import datetime
import logging
import threading

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config import enqueue

from .importers import SPECS, ImportRejected, import_file
from .importers.reading import error, max_bytes
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)

RUN_TASK = "tasks.programme.run_import_job"


def heartbeat_seconds():
    return getattr(settings, "IMPORT_HEARTBEAT_SECONDS", 10)


def stale_seconds():
    return getattr(settings, "IMPORT_STALE_SECONDS", 120)


def pending_stale_seconds():
    return getattr(settings, "IMPORT_PENDING_STALE_SECONDS", 30 * 60)


class LeaseLost(Exception):
    """The job was marked interrupted while this run worked on it: it must write nothing."""


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
        kind=kind, file=upload, original_name=upload.name[:255], created_by=user, dry_run=True,
        heartbeat_at=timezone.now(),
    )


def _update(job_id, attempt, **fields):
    """Change the job only while `attempt` is its current, running run; True when it did."""
    return bool(ImportJob.objects.filter(pk=job_id, attempt=attempt, status=ImportStatus.RUNNING).update(**fields))


@contextlib.contextmanager
def _heartbeat(job_id, attempt):
    """Move the job's heartbeat on from a thread of its own while the body runs, so a long
    parse or write still shows this process alive (and a killed one stops it)."""
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(heartbeat_seconds()):
                try:
                    ImportJob.objects.filter(pk=job_id, attempt=attempt, status=ImportStatus.RUNNING).update(
                        heartbeat_at=timezone.now())
                except DatabaseError:  # the database is busy (SQLite's write lock): next beat
                    logger.warning("import job %s: heartbeat not recorded", job_id, exc_info=True)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"import-heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _commit_if_still_mine(job_id, attempt):
    """Called inside the import's transaction once every row is written: lock the job, check
    the lease (LeaseLost, so everything rolls back, if it was lost) and mark it done, so the
    data and the job's "done" are committed together."""
    def finish(summary):
        held = ImportJob.objects.select_for_update().filter(
            pk=job_id, attempt=attempt, status=ImportStatus.RUNNING).exists()
        if not held:
            raise LeaseLost
        _finish(job_id, attempt, ImportStatus.DONE, summary)
    return finish


def run_job(*, job_id, attempt=None):
    """Check (or, once confirmed, import) the job's file, recording progress as it goes and
    the outcome at the end; returns the final status. Only the job's current attempt runs,
    once: a finished job, a repeated delivery or a superseded attempt does nothing."""
    job = ImportJob.objects.get(pk=job_id)
    attempt = job.attempt if attempt is None else attempt
    claimed = ImportJob.objects.filter(pk=job_id, attempt=attempt, status=ImportStatus.PENDING).update(
        status=ImportStatus.RUNNING, heartbeat_at=timezone.now(), processed_rows=0, errors=[])
    if not claimed:
        return ImportJob.objects.get(pk=job_id).status
    status = ImportStatus.VALID if job.dry_run else ImportStatus.DONE
    try:
        with _heartbeat(job_id, attempt), job.file.open("rb") as fileobj:
            summary = import_file(
                kind=job.kind,
                fileobj=fileobj,
                name=job.original_name,
                dry_run=job.dry_run,
                progress=lambda n: _update(job_id, attempt, processed_rows=n),
                on_total=lambda n: _update(job_id, attempt, total_rows=n),
                on_written=None if job.dry_run else _commit_if_still_mine(job_id, attempt),
            )
    except ImportRejected as exc:
        _update(job_id, attempt, status=ImportStatus.FAILED, errors=exc.errors, finished_at=timezone.now())
        return ImportStatus.FAILED
    except LeaseLost:
        logger.warning("import job %s: attempt %s was superseded; nothing imported", job_id, attempt)
        return ImportJob.objects.get(pk=job_id).status
    if job.dry_run:
        _finish(job_id, attempt, status, summary)
    return status


def _finish(job_id, attempt, status, summary):
    _update(job_id, attempt, status=status, summary=summary, total_rows=summary["rows"],
            processed_rows=summary["rows"], finished_at=timezone.now(), heartbeat_at=timezone.now())


def start_job(*, job):
    """Hand the job's current attempt to a worker once the transaction commits. If the broker
    refuses it, the job says so (interrupted) and can be run again."""
    job_id, attempt = job.pk, job.attempt

    def refused():
        _interrupt(ImportJob.objects.filter(pk=job_id, attempt=attempt, status=ImportStatus.PENDING),
                   _("Chưa gửi được tệp tới bộ xử lý nền (hàng đợi không phản hồi); chưa nhập gì. "
                     "Hãy bấm “Chạy lại” sau ít phút."))

    enqueue.on_commit(RUN_TASK, job_id, attempt, on_error=refused)


def _interrupt(jobs, message):
    return jobs.update(status=ImportStatus.FAILED, interrupted=True, finished_at=timezone.now(),
                       errors=[error(message)])


@transaction.atomic
def confirm_job(*, job):
    """Turn a successful dry run into the real import, or run an interrupted job again
    (its dry run, or its import if it was confirmed); ImportRejected otherwise. The caller
    then calls start_job."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status == ImportStatus.VALID and job.dry_run:
        job.dry_run = False
    elif not (job.status == ImportStatus.FAILED and job.interrupted):
        raise ImportRejected([error(_("Chỉ nhập được tệp đã chạy thử thành công."))])
    job.status, job.interrupted, job.errors = ImportStatus.PENDING, False, []
    job.processed_rows, job.finished_at = 0, None
    job.attempt += 1
    job.heartbeat_at = timezone.now()
    job.save(update_fields=["dry_run", "status", "interrupted", "errors", "processed_rows", "finished_at",
                            "attempt", "heartbeat_at"])
    return job


def mark_stale_jobs(*, now=None):
    """Mark interrupted the jobs whose worker died (no heartbeat for IMPORT_STALE_SECONDS) and
    those no worker took up (pending for IMPORT_PENDING_STALE_SECONDS). Idempotent: a second
    call finds nothing left to mark. Returns how many it marked."""
    now = now or timezone.now()
    dead = ImportJob.objects.filter(
        status=ImportStatus.RUNNING, heartbeat_at__lt=now - datetime.timedelta(seconds=stale_seconds()))
    never_taken = ImportJob.objects.filter(
        status=ImportStatus.PENDING, heartbeat_at__lt=now - datetime.timedelta(seconds=pending_stale_seconds()))
    marked = _interrupt(dead, _("Bộ xử lý nền đã dừng giữa chừng; chưa nhập gì. Hãy bấm “Chạy lại”."))
    marked += _interrupt(never_taken, _("Chưa có bộ xử lý nền nào nhận tệp này; chưa nhập gì. "
                                        "Hãy bấm “Chạy lại” sau ít phút."))
    return marked
