"""Links that carry a campaign, and tracked links for emails.

    with_campaign("/dao-tao/khoa-hoc/lanh-dao/", "tet-2027")   # "/dao-tao/khoa-hoc/lanh-dao/?cd=tet-2027"
    tracked_url("https://site/tin-tuc/a/", campaign="tet-2027", message="broadcast:12")
        # "https://site/r/<token>": counts one click, then 302 to /tin-tuc/a/?cd=tet-2027&cdm=email

A tracked link's token is signed (campaigns.security.signing) and holds the target's path
on this site, the campaign and the message. A link to another site is never tracked (it
is returned as it is), so the redirector can only ever send a visitor to this site."""

import json
import zlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

from campaigns.security.signing import make_token
from config.links import absolute

from . import params

PURPOSE = "reach-link"
_SALT = f"wlp:{PURPOSE}"  # as campaigns.security.signing salts a purpose


def max_age():
    """How long a tracked link counts (seconds): emails are read long after they are sent."""
    return getattr(settings, "REACH_LINK_MAX_AGE", 400 * 24 * 3600)


def with_campaign(url, campaign, *, via=""):
    """`url` carrying `campaign` (and via=email's marker). A link to another site, or an
    invalid slug, leaves `url` unchanged."""
    campaign = params.clean_campaign(campaign)
    if not campaign or params.site_path(url) is None:
        return url
    return params.with_params(url, {params.CAMPAIGN: campaign, params.MEDIUM: params.EMAIL if via == "email" else ""})


def tracked_url(url, *, campaign="", message=""):
    """An absolute /r/<token> link to `url` on this site, counted as a click of `message`
    (and `campaign`); `url` itself, unchanged, when it points to another site."""
    path = params.site_path(url)
    if path is None:
        return url
    value = {"u": path, "c": params.clean_campaign(campaign), "m": str(message)[:80]}
    return absolute(reverse("reach:redirect", args=[make_token(PURPOSE, value)]))


class Link:
    """What a /r/ token says: `target` (a path on this site, or None), `campaign`,
    `message`, and whether it may be counted (`valid`: signed by us and not expired)."""

    def __init__(self, target, campaign="", message="", valid=False):
        self.target, self.campaign, self.message, self.valid = target, campaign, message, valid


def read(token):
    """The Link in `token`. A forged or altered token still yields its target when that is
    a path on this site (so the visitor lands where she meant to), but is never valid; an
    expired one yields its (signed) target, not valid either."""
    try:
        value = signing.loads(token, salt=_SALT, max_age=max_age())
        valid = True
    except signing.SignatureExpired:
        value, valid = _unsigned(token), False
    except signing.BadSignature:
        value, valid = _unsigned(token), False
    if not isinstance(value, dict):
        return Link(None)
    target = params.site_path(value.get("u") if isinstance(value.get("u"), str) else "")
    if target is None:
        return Link(None)
    campaign = params.clean_campaign(value.get("c") if isinstance(value.get("c"), str) else "")
    message = value.get("m") if isinstance(value.get("m"), str) else ""
    return Link(target, campaign, message[:80], valid=valid)


def _unsigned(token, limit=4096):
    """The payload of a token whose signature is not trusted, read only to find where the
    visitor meant to go (a bounded decompression: a crafted token cannot exhaust memory)."""
    try:
        payload = token.split(":", 1)[0]
        compressed = payload.startswith(".")
        data = signing.b64_decode(payload.lstrip(".").encode())
        if compressed:
            inflater = zlib.decompressobj()
            data = inflater.decompress(data, limit)
            if inflater.unconsumed_tail:
                return None
        if len(data) > limit:
            return None
        return json.loads(data.decode())
    except (ValueError, zlib.error, UnicodeDecodeError):
        return None
