"""iCalendar (RFC 5545) for a run's sessions: the confirmation's attachment and the feed."""

from email.utils import parseaddr

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress

from config.links import site_host

from .models import Session

# What the confirmation email attaches: an iTIP PUBLISH (RFC 5546), so mail programs offer
# to add the sessions to the calendar. Its METHOD line and the MIME part's method parameter
# must agree (RFC 6047 §2.4).
PUBLISH = "PUBLISH"


def attachment_type(method=PUBLISH):
    """The Content-Type of the calendar attached to a message, charset given once."""
    return f"text/calendar; charset=utf-8; method={method}"


def run_calendar(run, *, method=None):
    """The run's sessions (cancelled ones marked CANCELLED, so calendars drop them) as bytes.

    With `method` (the attachment) the calendar is an iTIP message: METHOD, and the ORGANIZER
    each published event needs; without (the subscribable feed) it is a plain snapshot."""
    calendar = Calendar()
    calendar.add("prodid", "-//wlp//training//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", str(run))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = site_host()
    for session in Session.objects.filter(run=run).order_by("starts_at"):
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("summary", f"{run.course.title}: {session.title}")
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", session.run.created_at)
        if method:
            event.add("organizer", _organizer())
        if session.venue:
            event.add("location", session.venue)
        details = [line for line in (session.trainer, session.online_url) if line]
        if details:
            event.add("description", "\n".join(details))
        if session.online_url:
            event.add("url", session.online_url)
        event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def _organizer():
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = name or settings.WAGTAIL_SITE_NAME
    return organizer
