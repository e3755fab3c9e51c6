"""What reach asks of the app that keeps the campaigns (campaigns/outreach fills these in its
own module; reach never imports it):

- `campaign_for_message(message_ref) -> slug`: the campaign a message belongs to
  ("broadcast:12", "digest:2026-12-01"); "" when none. Tracked links in that message carry it.

    from campaigns.reach import hooks

    @hooks.message_campaign_resolver
    def campaign_of(message_ref): ...
"""

import logging

logger = logging.getLogger(__name__)

_resolvers = []


def message_campaign_resolver(fn):
    """Decorator: `fn(message_ref) -> slug or ""` is asked, in registration order, for the
    campaign of a message; the first non-empty answer wins."""
    _resolvers.append(fn)
    return fn


def campaign_for_message(message_ref):
    """The campaign slug of `message_ref`, or "" (also when a resolver fails: a link without
    a campaign is better than an email that cannot be sent)."""
    from .params import clean_campaign

    for fn in _resolvers:
        try:
            slug = clean_campaign(fn(message_ref) or "")
        except Exception:  # noqa: BLE001 - never block a message on its campaign
            logger.exception("reach: the campaign resolver %r failed for %s", fn, message_ref)
            continue
        if slug:
            return slug
    return ""
