"""The results of a campaign, pre-computed: the beat (tasks/outreach.py) calls
refresh_due_campaigns(); refresh_campaign() recomputes one campaign's rows from the reach
tables, the registrations attributed to it, the delivery ledger and the indicators.

Idempotent by replacement: inside one transaction the campaign's row is locked (so two beats
or two workers take turns), its result rows are deleted and written again from the sources.
Running it twice writes the same rows; the unique constraints on the result tables forbid a
second row for the same day, page, message or indicator even if the lock were bypassed."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from campaigns.programme.indicators import IndicatorError, compute_indicators
from campaigns.reach.models import ClickDay, PathViewDay, ReferralDay, RegistrationSource
from campaigns.training.models import Attendance, Certificate, CourseRun, RegistrationStatus
from campaigns.training.records import ATTENDED

from .messages import campaign_messages, ledger_counts
from .models import Campaign, CampaignDay, CampaignMessage, CampaignOutcome, CampaignPageDay, CampaignRunResult, Moment
from .pages import campaign_page_ids

# Visits and registrations keep arriving from a campaign's links after it ends: they are
# counted for this many days after its last day.
ATTRIBUTION_TAIL_DAYS = 30
# How long after that the funnel's later stages (attended, completed, certified) are still
# refreshed for the registrations already counted.
SETTLING_DAYS = 180
CONFIRMED_OR_LATER = (RegistrationStatus.CONFIRMED, RegistrationStatus.COMPLETED, RegistrationStatus.NO_SHOW)
FUNNEL_FIELDS = ("registrations", "confirmed", "attended", "completed", "certificates")


def counting_window(campaign, today):
    """(first day, last day) of the days counted for `campaign` as of `today`; the last day
    is before the first while the campaign has not begun."""
    return campaign.starts_on, min(today, campaign.ends_on + datetime.timedelta(days=ATTRIBUTION_TAIL_DAYS))


def _per_day(queryset, field):
    return dict(queryset.values("day").annotate(total=Sum(field)).values_list("day", "total"))


def _reach(campaign, page_ids, refs, start, end):
    days = {"day__gte": start, "day__lte": end}
    views = _per_day(PathViewDay.objects.filter(page_id__in=page_ids, **days), "views") if page_ids else {}
    visits = _per_day(ReferralDay.objects.filter(campaign=campaign.slug, **days), "views")
    clicks = _per_day(
        ClickDay.objects.filter(Q(campaign=campaign.slug) | Q(campaign="", message__in=refs), **days), "clicks"
    )
    return views, visits, clicks


def _attributed(campaign, start, end):
    """The registrations attributed to the campaign, made (local day) between start and end,
    with whether each attended a session and holds a valid certificate."""
    tz = timezone.get_current_timezone()
    attended = Attendance.objects.filter(registration=OuterRef("registration_id"), status__in=ATTENDED)
    certified = Certificate.objects.filter(registration=OuterRef("registration_id"), revoked_at__isnull=True)
    return (
        RegistrationSource.objects.filter(campaign=campaign.slug)
        .annotate(day=TruncDate("registration__created_at", tzinfo=tz), went=Exists(attended), cert=Exists(certified))
        .filter(day__gte=start, day__lte=end)
    )


def _stages():
    """The funnel's stages as aggregates over _attributed() rows."""
    return dict(
        registrations=Count("pk"),
        confirmed=Count("pk", filter=Q(registration__status__in=CONFIRMED_OR_LATER)),
        attended=Count("pk", filter=Q(went=True)),
        completed=Count("pk", filter=Q(registration__status=RegistrationStatus.COMPLETED)),
        certificates=Count("pk", filter=Q(cert=True)),
    )


def _funnel(campaign, start, end):
    """{(day, unit id): {registrations, confirmed, attended, completed, certificates}} of the
    registrations attributed to the campaign, each on the (local) day it was made."""
    rows = _attributed(campaign, start, end).values("day", "registration__person__unit_id").annotate(**_stages()).order_by()
    return {(r["day"], r["registration__person__unit_id"]): {f: r[f] for f in FUNNEL_FIELDS} for r in rows}


def _day_rows(campaign, page_ids, refs, start, end):
    views, visits, clicks = _reach(campaign, page_ids, refs, start, end)
    by_key = defaultdict(dict)
    for day in set(views) | set(visits) | set(clicks):
        by_key[(day, None)].update(views=views.get(day, 0), referral_visits=visits.get(day, 0), clicks=clicks.get(day, 0))
    for key, counts in _funnel(campaign, start, end).items():
        by_key[key].update(counts)
    return [CampaignDay(campaign=campaign, day=day, unit_id=unit, **counts) for (day, unit), counts in by_key.items()]


def _page_rows(campaign, page_ids, start, end):
    if not page_ids:
        return []
    rows = (
        PathViewDay.objects.filter(page_id__in=page_ids, day__gte=start, day__lte=end)
        .values("day", "page_id")
        .annotate(total=Sum("views"))
        .order_by()
    )
    paths = dict(
        PathViewDay.objects.filter(page_id__in=page_ids).values("page_id").annotate(p=Max("path")).values_list("page_id", "p")
    )
    return [
        CampaignPageDay(campaign=campaign, day=r["day"], page_id=r["page_id"], path=paths.get(r["page_id"], ""), views=r["total"])
        for r in rows
        if r["total"]
    ]


def _message_rows(campaign, messages):
    refs = [m[0] for m in messages]
    counts = ledger_counts(refs)
    links = defaultdict(lambda: defaultdict(int))
    for ref, url, n in ClickDay.objects.filter(message__in=refs).values_list("message", "url").annotate(n=Sum("clicks")):
        links[ref][url] += n
    rows = []
    for ref, kind, label, sent_on in messages:
        ranked = sorted(links[ref].items(), key=lambda item: (-item[1], item[0]))
        rows.append(
            CampaignMessage(
                campaign=campaign, ref=ref, kind=kind, label=label[:255], sent_on=sent_on,
                clicks=sum(n for _url, n in ranked), links=[{"url": url, "clicks": n} for url, n in ranked],
                **counts.get(ref, {"recipients": 0, "delivered": 0, "failed": 0, "unsubscribed": 0}),
            )
        )
    return rows


def _run_paths(run):
    """The public paths of a run's page and its course's page (and their English versions)."""
    paths = [reverse("training:run", args=[run.pk]), reverse("training:course", args=[run.course.slug])]
    return [p for path in paths for p in (path, "/en" + path)]


def _run_rows(campaign, start, end):
    funnel = {
        row.pop("registration__run_id"): row
        for row in _attributed(campaign, start, end).values("registration__run_id").annotate(**_stages()).order_by()
    }
    runs = CourseRun.objects.filter(
        Q(pk__in=campaign.runs.values("pk")) | Q(course__in=campaign.courses.values("pk")) | Q(pk__in=list(funnel))
    ).select_related("course")
    visits = ReferralDay.objects.filter(campaign=campaign.slug, day__gte=start, day__lte=end)
    rows = []
    for run in runs:
        path_q = Q()
        for path in _run_paths(run):
            path_q |= Q(path__startswith=path)
        counts = funnel.get(run.pk, dict.fromkeys(FUNNEL_FIELDS, 0))
        rows.append(CampaignRunResult(campaign=campaign, run=run,
                                      visits=visits.filter(path_q).aggregate(n=Sum("views"))["n"] or 0, **counts))
    return rows


def _outcome_rows(campaign, today):
    end = min(today, campaign.ends_on)
    if end < campaign.starts_on:
        return []
    rows = []
    for unit in campaign.units.all():
        for moment, as_of in ((Moment.START, campaign.starts_on), (Moment.END, end)):
            try:
                values = compute_indicators(unit=unit, as_of=as_of)
            except IndicatorError:  # the unit did not exist that day: no figure, not a zero
                continue
            rows.extend(
                CampaignOutcome(
                    campaign=campaign, unit=unit, indicator=v.code, moment=moment, as_of=as_of,
                    numerator=v.numerator, denominator=v.denominator, value=v.value,
                )
                for v in values
            )
    return rows


def refresh_campaign(*, campaign_id, today=None):
    """Recompute every result row of one campaign as of `today` (default: the local date).
    Returns the number of day rows written."""
    today = today or timezone.localdate()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        start, end = counting_window(campaign, today)
        page_ids = campaign_page_ids(campaign)
        messages = campaign_messages(campaign)
        refs = [m[0] for m in messages]
        days = _day_rows(campaign, page_ids, refs, start, end) if end >= start else []
        pages = _page_rows(campaign, page_ids, start, end) if end >= start else []
        runs = _run_rows(campaign, start, end)
        for model in (CampaignDay, CampaignPageDay, CampaignMessage, CampaignOutcome, CampaignRunResult):
            model.objects.filter(campaign=campaign).delete()
        CampaignDay.objects.bulk_create(days, batch_size=1000)
        CampaignPageDay.objects.bulk_create(pages, batch_size=1000)
        CampaignMessage.objects.bulk_create(_message_rows(campaign, messages))
        CampaignOutcome.objects.bulk_create(_outcome_rows(campaign, today))
        CampaignRunResult.objects.bulk_create(runs)
        campaign.page_count = len(page_ids)
        campaign.results_updated_at = timezone.now()
        campaign.save(update_fields=["page_count", "results_updated_at"])
    return len(days)


def due_campaigns(today):
    """Campaigns whose results may still change: begun, and either never computed or ended
    less than ATTRIBUTION_TAIL_DAYS + SETTLING_DAYS ago. After the counting window closes no
    new registration is counted, but those already counted still move through the funnel
    (their run starts weeks later, then completes and certifies), and the outcome's end is
    recomputed as late records arrive; after that the rows stand as they are."""
    settled = today - datetime.timedelta(days=ATTRIBUTION_TAIL_DAYS + SETTLING_DAYS)
    return Campaign.objects.filter(starts_on__lte=today).filter(Q(results_updated_at__isnull=True) | Q(ends_on__gte=settled))


def refresh_due_campaigns(*, today=None):
    """Refresh every due campaign, each in its own transaction; returns how many."""
    today = today or timezone.localdate()
    ids = list(due_campaigns(today).values_list("pk", flat=True))
    for pk in ids:
        refresh_campaign(campaign_id=pk, today=today)
    return len(ids)
