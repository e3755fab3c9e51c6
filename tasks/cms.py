"""The newsletter digest, run by beat on the configured weekday and hour."""

from celery import shared_task


@shared_task(name="tasks.cms.send_newsletter_digest", acks_late=True, time_limit=600, soft_time_limit=540)
def send_newsletter_digest():
    # Idempotent: each subscriber gets each edition at most once (see the service).
    from campaigns.newsletter.services import send_digests

    return send_digests()
