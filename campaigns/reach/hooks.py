"""What reach asks of the app that keeps the campaigns (campaigns/outreach fills these in its
own module; reach never imports it):

- `campaign_for_message(message_ref) -> slug`: the campaign a message belongs to
  ("broadcast:12", "digest:2026-12-01"); "" when none. Tracked links in that message carry it.
- `is_known_campaign(slug) -> bool`: whether a `?cd=` value names a campaign. Anyone can type
  a parameter, so arrivals (ReferralDay) and registration sources are kept only for known
  campaigns once a checker is registered (with none, every well-formed slug is kept).

    from campaigns.reach import hooks

    @hooks.message_campaign_resolver
    def campaign_of(message_ref): ...

    @hooks.campaign_checker
    def known(slugs): ...   # the subset of `slugs` (a set) that are campaigns
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


_checkers = []


def campaign_checker(fn):
    """Decorator: `fn(slugs: set) -> set` returns the slugs that name campaigns."""
    _checkers.append(fn)
    return fn


def known_campaigns(slugs):
    """The subset of `slugs` that name campaigns (all of them when no checker is registered;
    none when a checker fails: a count without a campaign is lost, never a wrong one kept)."""
    slugs = {slug for slug in slugs if slug}
    if not _checkers or not slugs:
        return slugs
    known = set()
    for fn in _checkers:
        try:
            known |= set(fn(set(slugs))) & slugs
        except Exception:  # noqa: BLE001 - never fail a flush or a registration on it
            logger.exception("reach: the campaign checker %r failed", fn)
    return known
