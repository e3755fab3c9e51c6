"""Campaign results: thin tasks that call the rollup service (campaigns/outreach/rollup.py)."""

from celery import shared_task


@shared_task(name="tasks.outreach.refresh_campaign_results")
def refresh_campaign_results():
    """Beat, every 15 minutes: recompute the results of every campaign still counting."""
    from campaigns.outreach.rollup import refresh_due_campaigns

    return refresh_due_campaigns()


@shared_task(name="tasks.outreach.refresh_campaign")
def refresh_campaign(campaign_id):
    from campaigns.outreach.rollup import refresh_campaign as refresh

    return refresh(campaign_id=campaign_id)
