"""Training's Celery tasks: thin, idempotent, each loads by primary key and calls a service."""

from celery import shared_task

from campaigns.training.models import CourseRun
from campaigns.training.services import attendance as attendance_service
from campaigns.training.services import notify as notify_service
from campaigns.training.services import registration as registration_service


@shared_task(name="tasks.training.notify_registration", acks_late=True, time_limit=60, soft_time_limit=50)
def notify_registration(registration_id):
    """Send the message the registration's status owes (nothing if already sent)."""
    return notify_service.notify(registration_id=registration_id)


@shared_task(name="tasks.training.promote_run", acks_late=True, time_limit=60, soft_time_limit=50)
def promote_run(run_id):
    """Expire lapsed offers and offer free seats of the run to its waiting list."""
    run = CourseRun.objects.filter(pk=run_id).first()
    if run is None:
        return []
    return [registration.pk for registration in registration_service.promote(run=run)]


@shared_task(name="tasks.training.sweep", acks_late=True, time_limit=240, soft_time_limit=200)
def sweep():
    """What an enqueue lost is found here: promotions due, then messages owed; and runs
    that have ended turn their absent confirmed trainees into no-shows."""
    promoted = 0
    for run in CourseRun.objects.filter(pk__in=registration_service.runs_needing_promotion()):
        promoted += len(registration_service.promote(run=run))
    sent = 0
    for registration_id in notify_service.owed().values_list("pk", flat=True)[:500]:
        sent += bool(notify_service.notify(registration_id=registration_id))
    return {"promoted": promoted, "sent": sent, "no_shows": attendance_service.mark_no_shows()}
