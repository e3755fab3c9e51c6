"""Hand work to Celery once the transaction that made it necessary has committed.

A request must never fail or hang because the broker is down or stalled: the task is sent
from a thread, an error is logged, and the periodic sweep (tasks.training.sweep) finds the
work from the database state instead. Used for promotions; messages go through the delivery
ledger (services/notify.py)."""

import logging
import threading

from django.db import transaction

logger = logging.getLogger(__name__)


def _send(task_name, args):
    from tasks.celery_app import app

    try:
        app.send_task(task_name, args=args)
    except Exception:  # the broker's errors are many and transport-specific
        logger.exception("Could not enqueue %s%r; the periodic sweep will do it", task_name, tuple(args))


def on_commit(task_name, *args):
    """Enqueue `task_name(*args)` after the current transaction commits (now, if none), off
    the request's thread."""
    def start():
        threading.Thread(target=_send, args=(task_name, list(args)), name="training-enqueue", daemon=True).start()

    transaction.on_commit(start)


PROMOTE = "tasks.training.promote_run"
