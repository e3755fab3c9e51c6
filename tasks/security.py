"""Personal-data retention, run by beat once a day (thin: the rules are in
campaigns/security/retention.py)."""

from celery import shared_task


@shared_task(
    name="tasks.security.anonymise_expired_personal_data", acks_late=True, time_limit=1800, soft_time_limit=1700
)
def anonymise_expired_personal_data():
    from campaigns.security.retention import anonymise_expired

    return anonymise_expired()
