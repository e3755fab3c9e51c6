"""The calendar a trainee gets, read by two independent iCalendar parsers (icalendar and
vobject, which share no code): the .ics attached to the confirmation, as a mail reader takes
it out of the message, and the run's subscribable feed.

RFC 6047 §2.4 / RFC 5545 §3.7.2: an attached calendar's Content-Type "method" parameter and
its METHOD property must both be there and agree; the charset parameter appears once. The
feed is a plain snapshot: no METHOD."""

import datetime
from email import policy
from email.parser import BytesParser

import icalendar
import pytest
import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.training.services import registration as service
from tests.campaigns.training.factories import PersonFactory, run_with_sessions

START = timezone.now().replace(microsecond=0) + datetime.timedelta(days=5)


@pytest.fixture
def run():
    run = run_with_sessions(sessions=3, start=START)
    cancelled = run.sessions.order_by("starts_at").last()
    cancelled.is_cancelled = True
    cancelled.save()
    return run


def both_parsers(data, run):
    """Parse with icalendar and vobject; check each reads the run's sessions the same way;
    return the METHOD each read (None when absent)."""
    by_icalendar = icalendar.Calendar.from_ical(data)
    by_vobject = vobject.readOne(data.decode("utf-8"))
    sessions = list(run.sessions.order_by("starts_at"))
    expected = [(s.starts_at, s.ends_at, f"{run.course.title}: {s.title}", "CANCELLED" if s.is_cancelled else "CONFIRMED")
                for s in sessions]
    read_icalendar = [(e.decoded("dtstart"), e.decoded("dtend"), str(e["summary"]), str(e["status"]))
                      for e in by_icalendar.walk("VEVENT")]
    read_vobject = [(e.dtstart.value, e.dtend.value, e.summary.value, e.status.value) for e in by_vobject.vevent_list]
    assert read_icalendar == read_vobject == expected
    uids = [str(e["uid"]) for e in by_icalendar.walk("VEVENT")]
    assert uids == [e.uid.value for e in by_vobject.vevent_list] and len(set(uids)) == len(sessions)
    method_vobject = by_vobject.method.value if hasattr(by_vobject, "method") else None
    assert by_icalendar.get("method") == method_vobject
    return method_vobject, by_icalendar, by_vobject


@pytest.mark.django_db
def test_calendar_attached_to_the_confirmation_follows_rfc_6047(run, settings):
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False
    service.register(run=run, person=PersonFactory())
    run_dispatcher(budget_seconds=10)
    (sent,) = mail.outbox
    parsed = BytesParser(policy=policy.default).parsebytes(sent.message().as_bytes())
    (part,) = [p for p in parsed.iter_attachments() if p.get_content_type() == "text/calendar"]

    header = part["Content-Type"]
    assert str(header).lower().count("charset") == 1, str(header)
    assert header.params == {"charset": "utf-8", "method": "PUBLISH"}
    assert part.get_filename().endswith(".ics")
    method, by_icalendar, by_vobject = both_parsers(part.get_payload(decode=True), run)
    assert method == header.params["method"] == "PUBLISH"
    # RFC 5546 §3.2.1: each published event names its organizer.
    assert all(str(e["organizer"]).startswith("mailto:") for e in by_icalendar.walk("VEVENT"))
    assert all(e.organizer.value.startswith("mailto:") for e in by_vobject.vevent_list)


@pytest.mark.django_db
def test_run_calendar_feed_reads_the_same_in_two_parsers(run, client):
    response = client.get(reverse("training:run_calendar", args=[run.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    method, _, _ = both_parsers(response.content, run)
    assert method is None  # a snapshot to subscribe to, not a scheduling message
