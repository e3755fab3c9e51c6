"""Tracked links in broadcast and digest emails: each link to one of this site's public pages
(a Wagtail page, a course, a run) becomes a /r/ link that counts a click for the message
("broadcast:<id>", "digest:<edition>") and its campaign (hooks.campaign_for_message). Other
links — unsubscribing, personal signed links, other sites — are left as they are. No
open-tracking pixel is added."""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from campaigns.notifications.models import MessageKind
from campaigns.notifications.services.rendering import link_rewriter

from . import hooks, links, params
from .middleware import counted_views


def message_ref(delivery):
    """The message a delivery belongs to, as reach names it ("" when it has no name)."""
    if delivery.kind == MessageKind.BROADCAST and delivery.broadcast_id:
        return f"broadcast:{delivery.broadcast_id}"
    if delivery.kind == MessageKind.DIGEST and (delivery.context or {}).get("edition"):
        return f"digest:{delivery.context['edition']}"
    return ""


def is_public_page(path):
    """Whether `path` is one of the pages the view counter counts."""
    try:
        name = resolve(urlsplit(path).path).view_name
    except Resolver404:
        return False
    return name == "wagtail_serve" or name in counted_views()


@link_rewriter(MessageKind.BROADCAST, MessageKind.DIGEST)
def tracked_links(delivery):
    message = message_ref(delivery)
    if not message:
        return None
    campaign = hooks.campaign_for_message(message)

    def rewrite(url):
        path = params.site_path(url)
        if path is None or not is_public_page(path):
            return url
        return links.tracked_url(url, campaign=campaign, message=message)

    return rewrite
