"""Start real Celery worker and beat processes against the test run's database and broker."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

from tasks.celery_app import app as celery_app
from tests import waiting

ROOT = Path(__file__).resolve().parents[3]
CELERY = str(Path(sys.executable).with_name("celery"))


def _env(smtp_port=None, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.campaigns.notifications.proc_settings",
        WLP_TEST_DB_NAME=str(connection.settings_dict["NAME"]),
        TEST_RUN_DIR=str(Path(settings.MEDIA_ROOT).parent),
        WLP_TEST_QUEUE=celery_app.conf.task_default_queue,
        PYTHONPATH=str(ROOT),
    )
    if smtp_port:
        env["WLP_TEST_SMTP_PORT"] = str(smtp_port)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def start_worker(name, *, smtp_port, concurrency=1, **extra):
    pool = ["-P", "solo"] if concurrency == 1 else ["-P", "prefork", "-c", str(concurrency)]
    return subprocess.Popen(
        [CELERY, "-A", "tasks.celery_app", "worker", *pool, "-Q", celery_app.conf.task_default_queue,
         "-n", f"{name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "WARNING"],
        cwd=ROOT, env=_env(smtp_port, **extra), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )


def start_beat(*, smtp_port=None, **extra):
    return subprocess.Popen(
        [CELERY, "-A", "tasks.celery_app", "beat", "-S", "django_celery_beat.schedulers:DatabaseScheduler",
         "--pidfile=", "-l", "WARNING", "--max-interval", "1"],
        cwd=ROOT, env=_env(smtp_port, **extra), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )


def stop(proc, sig=signal.SIGTERM):
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def wait_for(predicate, *, timeout, interval=0.2, procs=()):
    return waiting.poll(predicate, timeout=timeout, interval=interval, alive=procs)


def drained(timeout=60):
    """Return once the worker has run every task queued before this call: a ping task queued
    behind them comes back (the test workers take one task at a time, in order). Waiting on
    this, not on a fixed sleep, before asserting that nothing more was sent."""
    result = celery_app.send_task("tasks.health.ping")
    try:
        assert result.get(timeout=timeout) == "pong"
    finally:
        result.forget()
    return True
