"""A campaign's messages: the broadcasts its officer linked to it (explicitly), and the
newsletter editions sent during its period when it counts digests. A message is named by
its ledger key: "broadcast:<id>" or "digest:<yyyy-mm-dd>"."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.notifications.models import Delivery, DeliveryReason, DeliveryState

from .models import Campaign

UNSUBSCRIBED_REASONS = (DeliveryReason.UNSUBSCRIBED, DeliveryReason.OPTED_OUT)


def _digest_refs(start, end):
    # Digest keys are "digest:" + an ISO date, so a range of keys is a range of dates.
    keys = (
        Delivery.objects.filter(message_key__gte=f"digest:{start.isoformat()}", message_key__lte=f"digest:{end.isoformat()}")
        .values_list("message_key", flat=True)
        .distinct()
    )
    return sorted(set(keys))


def campaign_messages(campaign):
    """[(ref, kind, label, sent_on)] of the campaign's messages, oldest first."""
    found = []
    for b in campaign.broadcasts.all():
        moment = b.send_at or b.queued_at or b.created_at
        found.append((f"broadcast:{b.pk}", "broadcast", b.title, timezone.localdate(moment) if moment else None))
    if campaign.include_digests:
        for ref in _digest_refs(campaign.starts_on, campaign.ends_on):
            edition = datetime.date.fromisoformat(ref.split(":", 1)[1])
            label = _("Bản tin ngày %(day)s") % {"day": edition.strftime("%d/%m/%Y")}
            found.append((ref, "digest", label, edition))
    return sorted(found, key=lambda m: (m[3] or datetime.date.min, m[0]))


def ledger_counts(refs):
    """{ref: {recipients, delivered, failed, unsubscribed}} from the delivery ledger."""
    rows = (
        Delivery.objects.filter(message_key__in=list(refs))
        .values("message_key")
        .annotate(
            recipients=Count("recipient_key", distinct=True),
            delivered=Count("pk", filter=Q(state=DeliveryState.SENT)),
            failed=Count("pk", filter=Q(state=DeliveryState.FAILED)),
            unsubscribed=Count("pk", filter=Q(state=DeliveryState.SKIPPED, reason__in=UNSUBSCRIBED_REASONS)),
        )
    )
    return {row.pop("message_key"): row for row in rows}


def campaign_for_message(message_ref):
    """The slug of the campaign a message belongs to, or None: the latest-starting campaign
    that linked the broadcast, or that counts digests and ran on the edition's day."""
    kind, _sep, key = (message_ref or "").partition(":")
    campaigns = Campaign.objects.none()
    if kind == "broadcast" and key.isdigit():
        campaigns = Campaign.objects.filter(broadcasts=int(key))
    elif kind == "digest":
        try:
            edition = datetime.date.fromisoformat(key)
        except ValueError:
            return None
        campaigns = Campaign.objects.filter(include_digests=True, starts_on__lte=edition, ends_on__gte=edition)
    return campaigns.order_by("-starts_on", "-pk").values_list("slug", flat=True).first()


def known_campaigns(slugs):
    """The subset of `slugs` that name campaigns: reach keeps arrivals and registration
    sources only for these (anyone can type a ?cd= parameter)."""
    return set(Campaign.objects.filter(slug__in=slugs).values_list("slug", flat=True))


def register_with_reach():
    """Hand campaign_for_message and known_campaigns to reach's registries
    (campaigns.reach.hooks), which never import this app."""
    from campaigns.reach import hooks

    hooks.message_campaign_resolver(campaign_for_message)
    hooks.campaign_checker(known_campaigns)
