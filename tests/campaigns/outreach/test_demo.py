"""The demo shows campaign results: a finished campaign whose outcome moved and a running one
with views, messages and registrations; loading twice duplicates nothing."""

from django.core.management import call_command

from campaigns.notifications.models import Delivery
from campaigns.outreach.models import Campaign, CampaignDay
from campaigns.outreach.results import campaign_results
from campaigns.reach.models import ClickDay, PathViewDay, RegistrationSource


def _counts():
    return [m.objects.count() for m in (Campaign, CampaignDay, Delivery, ClickDay, PathViewDay, RegistrationSource)]


def test_demo_has_a_finished_and_a_running_campaign_with_true_figures(db):
    call_command("load_demo_data", verbosity=0)
    first = _counts()
    call_command("load_demo_data", verbosity=0)
    assert _counts() == first

    finished = campaign_results(Campaign.objects.get(slug="phu-nu-dam-nghi-dam-lam-2026"))
    totals = finished.totals
    assert totals["views"] > 1000 and totals["registrations"] == 18 and totals["completed"] == 11
    assert totals["certificates"] == 11 and totals["attended"] == 13 and totals["confirmed"] == 16
    trained = next(r for r in finished.outcome if r.indicator == "pool_trained")
    assert trained.change > 0 and trained.goal_reached  # two pool women trained in March and May 2026
    assert finished.messages and finished.messages[0].delivered > 0 and finished.messages[0].clicks > 0

    running = campaign_results(Campaign.objects.get(slug="thang-hanh-dong-binh-dang-gioi-2026"))
    assert running.totals["views"] > 0 and running.totals["registrations"] == 9 and running.top_pages
    assert running.start <= running.end and not running.reasons.get("pending")
