"""Absolute links to this site, all built from SITE_URL.

Whatever leaves the system — mail, SMS, Zalo and in-site messages, feeds, .ics files, QR
codes — is read away from the request that caused it (often by a worker, which has no
request at all), so its links cannot come from a request's Host. They come from here, from
the one public address every process shares."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse


def absolute(path="/"):
    """`path` ("/dao-tao/…") on the site's public address; an absolute URL is returned as is."""
    if urlsplit(path).scheme:
        return path
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def absolute_reverse(viewname, *, args=None, kwargs=None):
    """reverse() made absolute: a link that works from an email."""
    return absolute(reverse(viewname, args=args, kwargs=kwargs))


def page_url(page):
    """A Wagtail page's public address (its path under its site, on SITE_URL), whatever
    hostname and port the Wagtail Site record happens to hold."""
    parts = page.get_url_parts()
    return absolute(parts[2]) if parts else ""


def site_host():
    """The public host name (for identifiers such as an iCalendar UID's domain part)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
