"""The first-party campaign parameter a link carries: `?cd=<campaign slug>` ("chiến dịch"),
and `&cdm=email` when the visitor came from a link in an email (set by the redirector,
links.py). Not a tracker: the same two values for everyone who follows the same link."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings

CAMPAIGN = "cd"
MEDIUM = "cdm"
EMAIL = "email"
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def clean_campaign(value):
    """The campaign slug in `value`, or "" when it is not one."""
    value = (value or "").strip()
    return value if _SLUG.fullmatch(value) else ""


def from_query(query):
    """(campaign, via) read from a QueryDict, or ("", "") when it carries no valid campaign."""
    campaign = clean_campaign(query.get(CAMPAIGN))
    if not campaign:
        return "", ""
    return campaign, "email" if query.get(MEDIUM) == EMAIL else "page"


def site_path(url):
    """`url` as a path on this site ("/tin-tuc/a/?b=1#c"), or None when it points to another
    site, has a scheme other than http(s), or is not a path at all (a bare "x", "//host")."""
    url = (url or "").strip()
    if not url or "\\" in url or any(ord(ch) < 32 for ch in url):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        own = urlsplit(settings.SITE_URL)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != own.netloc.lower():
            return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//"):
        return None
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def with_params(url, params):
    """`url` with `params` set in its query string (replacing any same-named ones), its
    fragment kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, v) for k, v in params.items() if v]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
