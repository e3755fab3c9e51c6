"""The rollup's figures against hand-counted data (world.py), and its idempotence: twice in
this process, and on a real worker (the beat's task and the one-campaign task, twice each)."""

from campaigns.outreach.messages import campaign_for_message
from campaigns.outreach.models import CampaignDay, CampaignMessage, CampaignOutcome, CampaignPageDay
from campaigns.outreach.results import campaign_results
from campaigns.outreach.rollup import refresh_campaign, refresh_due_campaigns
from campaigns.reach import hooks

from . import world as world_module
from .world import EXPECTED, EXPECTED_UNIT_A, EXPECTED_UNIT_B, SLUG


def _rows():
    return sorted(
        CampaignDay.objects.values_list("day", "unit_id", "views", "referral_visits", "clicks", "registrations", "confirmed",
                                        "attended", "completed", "certificates")
    ), sorted(CampaignPageDay.objects.values_list("day", "page_id", "views")), sorted(
        CampaignMessage.objects.values_list("ref", "recipients", "delivered", "failed", "unsubscribed", "clicks")
    ), sorted(CampaignOutcome.objects.values_list("unit_id", "indicator", "moment", "numerator", "denominator", "value"))


def test_funnel_matches_the_hand_counted_figures(world):
    refresh_campaign(campaign_id=world["campaign"].pk)
    results = campaign_results(world["campaign"])
    assert results.totals == EXPECTED
    assert [step["value"] for step in results.funnel] == [180, 20, 5, 4, 3, 2, 1]
    assert results.funnel[2]["rate"] == 25.0  # 5 registrations from 20 visits


def test_unit_filter_counts_only_that_units_registrations(world):
    refresh_campaign(campaign_id=world["campaign"].pk)
    for unit, expected in ((world["a"], EXPECTED_UNIT_A), (world["b"], EXPECTED_UNIT_B)):
        totals = campaign_results(world["campaign"], unit=unit).totals
        assert {k: totals[k] for k in expected} == expected
        assert totals["views"] == EXPECTED["views"]  # reach is never by unit


def test_daily_rows_and_top_pages(world):
    refresh_campaign(campaign_id=world["campaign"].pk)
    results = campaign_results(world["campaign"])
    by_day = {day: (views, visits, regs) for day, views, visits, regs in results.daily}
    assert by_day[world["d0"]] == (130, 12, 0)
    assert by_day[world["today"]] == (0, 0, 5)
    assert results.daily[0][0] == world["campaign"].starts_on and results.daily[-1][0] == world["today"]
    assert [(p["title"], p["views"]) for p in results.top_pages] == [
        (world["page"].title, 150), (world["article"].title, 30),
    ]


def test_messages_table_from_the_ledger_and_the_clicks(world):
    refresh_campaign(campaign_id=world["campaign"].pk)
    rows = {m.ref: m for m in campaign_results(world["campaign"]).messages}
    broadcast = rows[f"broadcast:{world['broadcast'].pk}"]
    assert (broadcast.recipients, broadcast.delivered, broadcast.failed, broadcast.unsubscribed, broadcast.clicks) == (4, 3, 1, 1, 9)
    assert broadcast.links == [{"url": "https://example.vn/dao-tao/", "clicks": 6}, {"url": "https://example.vn/tin-tuc/", "clicks": 3}]
    digest = rows[world["digest"]]
    assert (digest.recipients, digest.delivered, digest.unsubscribed, digest.clicks) == (2, 1, 1, 0)
    assert len(rows) == 2  # the digest before the campaign is not one of its messages


def test_per_run_visits_and_registrations(world):
    refresh_campaign(campaign_id=world["campaign"].pk)
    (row,) = campaign_results(world["campaign"]).runs
    # 12 visits reached the course's page; the 8 to the home page are not the run's.
    assert (row.visits, row.registrations, row.confirmed, row.attended, row.completed, row.certificates) == (12, 5, 4, 3, 2, 1)


def test_outcome_at_start_and_end_next_to_the_goal(world):
    refresh_campaign(campaign_id=world["campaign"].pk)
    outcome = {r.indicator: r for r in campaign_results(world["campaign"]).outcome}
    trained = outcome["pool_trained"]
    assert (trained.start.numerator, trained.start.denominator, trained.start.value) == (0, 2, 0)
    assert (trained.end.numerator, trained.end.denominator, trained.end.value) == (1, 2, 50)
    assert trained.change == 50 and trained.goal.target == 40 and trained.goal_reached is True
    assert outcome["pool_women"].change == 0


def test_refreshing_twice_writes_the_same_rows(world):
    refresh_campaign(campaign_id=world["campaign"].pk)
    first = _rows()
    refresh_campaign(campaign_id=world["campaign"].pk)
    assert refresh_due_campaigns() == 1
    assert _rows() == first
    assert campaign_results(world["campaign"]).totals == EXPECTED


def test_messages_resolve_to_their_campaign_for_reach(world):
    assert campaign_for_message(f"broadcast:{world['broadcast'].pk}") == SLUG
    assert campaign_for_message(world["digest"]) == SLUG
    assert campaign_for_message("broadcast:999999") is None
    assert campaign_for_message("digest:khong-phai-ngay") is None
    assert hooks.campaign_for_message(world["digest"]) == SLUG  # registered with reach's registry


def test_beat_and_worker_runs_never_double(celery_worker):
    from tasks import outreach as tasks

    data = world_module.build()
    results = [tasks.refresh_campaign_results.delay(), tasks.refresh_campaign.delay(data["campaign"].pk),
               tasks.refresh_campaign_results.delay(), tasks.refresh_campaign.delay(data["campaign"].pk)]
    for result in results:
        result.get(timeout=60)
    first = _rows()
    assert campaign_results(data["campaign"]).totals == EXPECTED
    tasks.refresh_campaign_results.delay().get(timeout=60)
    assert _rows() == first
