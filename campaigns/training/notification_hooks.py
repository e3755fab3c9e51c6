"""What the notifications engine needs from training to word a registration's messages
(confirmation, pending approval, waiting list, offer): placeholders — the sessions, the
check-in code and the trainee's signed links — and, for an emailed confirmation, the run's
.ics and the personal check-in QR code. Computed at send time, in the recipient's language,
so the sessions listed are the run's current ones."""

from django.utils import timezone

from campaigns.notifications.composers import Item, Lines, Parts, composer
from campaigns.notifications.models import Channel, MessageKind
from campaigns.notifications.services.rendering import local
from config.links import absolute_reverse

from . import ical, qr
from .services.links import absolute_link
from .services.notify import STATUS_KINDS


def session_line(session):
    """'08:00 15/01/2027–11:30: title' in the site's time zone."""
    return f"{local(session.starts_at)}–{timezone.localtime(session.ends_at):%H:%M}: {session.title}"


@composer(*STATUS_KINDS.values())
def registration_parts(delivery):
    registration = delivery.registration
    if registration is None:
        return Parts()
    run = registration.run
    sessions = list(run.sessions.filter(is_cancelled=False).order_by("starts_at"))
    context = {
        "course": run.course.title,
        "run": run.title,
        "code": registration.code,
        "sessions": Lines(Item(session_line(s), note=", ".join(filter(None, (s.venue, s.online_url)))) for s in sessions),
        "apology_links": Lines(Item(s.title, url=absolute_link(registration, "apology", s)) for s in sessions),
        "cancel_link": absolute_link(registration, "cancel"),
        "accept_link": absolute_link(registration, "accept"),
        "decline_link": absolute_link(registration, "decline"),
        "respond_by": local(registration.offer_expires_at),
        "link": absolute_reverse("training:run", args=[run.pk]),
    }
    attachments = []
    if delivery.kind == MessageKind.CONFIRMATION and delivery.channel == Channel.EMAIL:
        attachments = [
            ("lich-hoc.ics", ical.run_calendar(run, method=ical.PUBLISH), ical.attachment_type(ical.PUBLISH)),
            (f"ma-diem-danh-{registration.code}.png", qr.png(qr.checkin_payload(registration)), "image/png"),
        ]
    return Parts(context=context, attachments=attachments)
