"""Training's Celery tasks: thin, idempotent, each loads by primary key and calls a service.
(Registration messages are not tasks: they are rows of the delivery ledger, written with the
status change and sent by tasks.notifications.)"""

from celery import shared_task

from campaigns.training.models import CourseRun
from campaigns.training.services import attendance as attendance_service
from campaigns.training.services import registration as registration_service


@shared_task(name="tasks.training.promote_run", acks_late=True, time_limit=60, soft_time_limit=50)
def promote_run(run_id):
    """Expire lapsed offers and offer free seats of the run to its waiting list."""
    run = CourseRun.objects.filter(pk=run_id).first()
    if run is None:
        return []
    return [registration.pk for registration in registration_service.promote(run=run)]


@shared_task(name="tasks.training.sweep", acks_late=True, time_limit=240, soft_time_limit=200)
def sweep():
    """What an enqueue lost is found here: promotions due; and runs that have ended turn
    their absent confirmed trainees into no-shows."""
    promoted = 0
    for run in CourseRun.objects.filter(pk__in=registration_service.runs_needing_promotion()):
        promoted += len(registration_service.promote(run=run))
    return {"promoted": promoted, "no_shows": attendance_service.mark_no_shows()}
