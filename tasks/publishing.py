"""Wagtail's scheduled publishing, run by beat every minute instead of cron."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="tasks.publishing.publish_scheduled", acks_late=True, time_limit=120, soft_time_limit=100)
def publish_scheduled():
    # Wagtail's command is idempotent: it publishes revisions whose go-live time has passed
    # and unpublishes pages whose expiry has passed, then clears them from the schedule.
    call_command("publish_scheduled")
