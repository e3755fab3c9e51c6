"""iCalendar (RFC 5545) for a run's sessions: the confirmation's attachment and the feed."""

from django.conf import settings
from icalendar import Calendar, Event

from .models import Session


def run_calendar(run):
    """The run's sessions (cancelled ones marked CANCELLED, so calendars drop them) as bytes."""
    calendar = Calendar()
    calendar.add("prodid", "-//wlp//training//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", str(run))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in Session.objects.filter(run=run).order_by("starts_at"):
        event = Event()
        event.add("uid", f"session-{session.pk}@{settings.SITE_URL.split('//')[-1].split(':')[0]}")
        event.add("summary", f"{run.course.title}: {session.title}")
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", session.run.created_at)
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
