"""A page opened with a campaign's parameter carries it on its links to this site's public
pages and on its forms (the log-in and sign-up forms post to their own address), so the
campaign follows the visitor's journey through the URL, with no cookie (attribution.py).

Only HTML answers to a request with a valid campaign are rewritten: the pages everyone
else gets are untouched, and so are the cached copies (this runs outside the page cache)."""

import html
import re

from . import params

_ATTRIBUTE = re.compile(rb'(\s(?:href|action)=")([^"]*)(")')
_HAS_CAMPAIGN = re.compile(rf"[?&]{params.CAMPAIGN}=")
_SKIP = ("/static/", "/media/", "/documents/", "/admin/", "/django-admin/", "/api/", "/r/", "/i18n/")


def _carried(url, campaign, via):
    raw = html.unescape(url)
    path = params.site_path(raw)
    if path is None or path.startswith(_SKIP) or _HAS_CAMPAIGN.search(raw):
        return None
    extra = {params.CAMPAIGN: campaign, params.MEDIUM: params.EMAIL if via == "email" else ""}
    return html.escape(params.with_params(raw, extra), quote=True)


def carry(response, campaign, via):
    """Rewrite `response` (HTML, not streamed) so its same-site links carry the campaign."""

    def rewrite(match):
        url = match.group(2).decode("utf-8", "replace")
        if not url or url.startswith("#"):
            return match.group(0)
        carried = _carried(url, campaign, via)
        if carried is None:
            return match.group(0)
        return match.group(1) + carried.encode() + match.group(3)

    content = _ATTRIBUTE.sub(rewrite, response.content)
    response.content = content
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(content))
