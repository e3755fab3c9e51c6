"""Notification tasks: thin wrappers around campaigns.notifications.services.

`dispatch` runs every minute from beat (and after commits that queue a message). It runs the
apps' planners (training's session reminders), starts due broadcasts, then fans out
`send_due` tasks; each claims chunks of the ledger and sends them. Running any of these twice, or concurrently, sends nothing twice:
the claim on ledger rows, not the task, is what guarantees once."""

from celery import shared_task
from django.conf import settings

from campaigns.notifications import planning
from campaigns.notifications.services import broadcasts
from campaigns.notifications.services import dispatch as dispatcher


@shared_task(name="tasks.notifications.dispatch", acks_late=True, time_limit=120, soft_time_limit=100)
def dispatch():
    planning.plan_all()
    broadcasts.start_due_broadcasts()
    broadcasts.finish_broadcasts()
    due = dispatcher.due_count()
    batches = min(-(-due // settings.NOTIFICATIONS_CHUNK_SIZE), settings.NOTIFICATIONS_PARALLEL_BATCHES)
    for _ in range(batches):
        send_due.delay()
    return {"due": due, "batches": batches}


@shared_task(name="tasks.notifications.send_due", acks_late=True)
def send_due():
    result = dispatcher.run_dispatcher()
    if result.get("more"):
        send_due.delay()
    else:
        broadcasts.finish_broadcasts()
    return result


@shared_task(name="tasks.notifications.expand_broadcast", acks_late=True)
def expand_broadcast(broadcast_id):
    broadcasts.expand_broadcast(broadcast_id=broadcast_id)
