"""The ping task /healthz sends to prove a worker is consuming the queue."""

from celery import shared_task


@shared_task(name="tasks.health.ping", acks_late=True, time_limit=10, soft_time_limit=8)
def ping():
    return "pong"
