"""Hand work to Celery once the transaction that made it necessary has committed.

A request must never fail or hang because the broker is down or stalled: the task is sent
from a thread, an error is logged, and the periodic sweep (tasks.training.sweep) finds the
work from the database state instead. Used for promotions; messages go through the delivery
ledger (services/notify.py)."""

import logging
import threading

from django.db import transaction

logger = logging.getLogger(__name__)


def _send(task_name, args, on_error):
    from tasks.celery_app import app

    try:
        app.send_task(task_name, args=args)
    except Exception:  # the broker's errors are many and transport-specific
        logger.exception("Could not enqueue %s%r; the periodic sweep will do it", task_name, tuple(args))
        if on_error is not None:
            try:
                on_error()
            finally:
                from django.db import connection

                connection.close()  # this thread's own connection, if on_error opened one


def on_commit(task_name, *args, on_error=None):
    """Enqueue `task_name(*args)` after the current transaction commits (now, if none), off
    the request's thread. `on_error()` runs in that thread when the broker refuses the task
    (e.g. to record on the row that the work was not handed over)."""
    def start():
        threading.Thread(target=_send, args=(task_name, list(args), on_error), name="training-enqueue",
                         daemon=True).start()

    transaction.on_commit(start)


PROMOTE = "tasks.training.promote_run"
