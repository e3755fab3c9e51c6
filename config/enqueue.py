"""The one way the domain hands work to Celery: by task name, after the transaction that made it
necessary has committed, from a thread of its own.

A request must never fail or hang because the broker is down or stalled, so the task is sent
off the request's thread and an error is only logged: every caller has a periodic job that finds
the same work from the database (beat's dispatch for messages, the training sweep for
promotions, the stale-import check for imports). Tasks are named, never imported, so the domain
does not depend on tasks/ (the Celery app is loaded by the tasks app when Django starts).

A burst of commits asking for the same task (five hundred registrations each kicking the
dispatcher) sends it once: the first asks a thread to send it COALESCE_SECONDS later, and the
same request made until then is already covered, since it committed before that send."""

import logging
import threading
import time

from celery import current_app
from django.db import connection, transaction

logger = logging.getLogger(__name__)

COALESCE_SECONDS = 0.1
_waiting = set()  # (task name, args) a thread is about to send
_waiting_lock = threading.Lock()


def send(task_name, args=(), on_error=None):
    """Send `task_name(*args)` now, on this thread. On a broker error, log it and run
    `on_error()` (e.g. to record on a row that the work was not handed over)."""
    try:
        current_app.send_task(task_name, args=list(args), retry=False)
    except Exception:  # noqa: BLE001 - the broker's errors are many and transport-specific
        logger.warning("Could not enqueue %s%r; its periodic job will pick the work up", task_name, tuple(args),
                       exc_info=True)
        if on_error is not None:
            try:
                on_error()
            finally:
                connection.close()  # this thread's own connection, if on_error opened one


def on_commit(task_name, *args, on_error=None):
    """Enqueue `task_name(*args)` once the current transaction commits (at once, outside one),
    from a daemon thread: the caller never waits on the broker. Without `on_error`, the same
    task and arguments asked for again within COALESCE_SECONDS are sent once."""
    def start():
        if on_error is not None:
            threading.Thread(target=send, args=(task_name, args, on_error), name=f"enqueue:{task_name}",
                             daemon=True).start()
            return
        key = (task_name, tuple(args))
        with _waiting_lock:
            if key in _waiting:
                return  # the thread about to send it sends after this commit
            _waiting.add(key)
        threading.Thread(target=_send_coalesced, args=(key,), name=f"enqueue:{task_name}", daemon=True).start()

    transaction.on_commit(start)


def _send_coalesced(key):
    time.sleep(COALESCE_SECONDS)
    with _waiting_lock:
        _waiting.discard(key)  # from here on, a new request starts a new send
    send(key[0], key[1])
