"""What the notifications engine needs from training to word a registration's messages
(confirmation, pending approval, waiting list, offer, cancellation, completion): placeholders —
the sessions, the check-in code, the trainee's signed links, the certificate's links — the
email's main button, and, for an emailed confirmation, the run's .ics and the personal
check-in QR code (attached, and shown inside the email). Computed at send time, in the
recipient's language, so the sessions listed are the run's current ones."""

from django.utils.translation import gettext as _

from campaigns.notifications.composers import Item, Lines, Parts, composer
from campaigns.notifications.models import Channel, MessageKind
from campaigns.notifications.services.rendering import local
from campaigns.security.signing import absolute_url
from config.formats.times import time_range
from config.links import absolute_reverse

from . import ical, qr
from .services.links import absolute_link
from .services.notify import STATUS_KINDS

QR_CONTENT_ID = "ma-diem-danh"


def session_line(session):
    """'08:00–11:30, thứ Bảy 27/12/2026: title' in the site's time zone."""
    return f"{time_range(session.starts_at, session.ends_at)}: {session.title}"


def _main_action(kind, context):
    """The email's button: what the message asks her to do next."""
    return {
        MessageKind.CONFIRMATION: (context["mine_link"], _("Xem khóa học của tôi")),
        MessageKind.PENDING: (context["link"], _("Xem lớp học")),
        MessageKind.WAITLIST: (context["link"], _("Xem lớp học")),
        MessageKind.OFFER: (context["accept_link"], _("Nhận chỗ")),
        MessageKind.CANCELLATION: (context["link"], _("Xem lớp học")),
        MessageKind.COMPLETION: (context.get("certificate_link", ""), _("Tải giấy chứng nhận")),
    }.get(kind, ("", ""))


@composer(MessageKind.SESSION_CHANGE)
def session_change_parts(delivery):
    """A session's change: the button leads to the run's page, where the new times are."""
    session = delivery.session
    if session is None:
        return Parts()
    link = absolute_reverse("training:run", args=[session.run_id])
    return Parts(context={"link": link, "action_url": link, "action_label": _("Xem lịch học mới")})


@composer(*STATUS_KINDS.values(), MessageKind.COMPLETION)
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
        "mine_link": absolute_url("training:mine"),
    }
    certificate = getattr(registration, "certificate", None)
    if delivery.kind == MessageKind.COMPLETION and certificate is not None:
        context.update(
            certificate_code=certificate.code,
            certificate_link=absolute_url("training:certificate", code=certificate.code),
            verify_link=absolute_url("training:verify", code=certificate.code),
            feedback_link=absolute_url("training:feedback", pk=registration.pk),
        )
    context["action_url"], context["action_label"] = _main_action(delivery.kind, context)
    attachments, inline = [], []
    if delivery.kind == MessageKind.CONFIRMATION and delivery.channel == Channel.EMAIL:
        code_png = qr.png(qr.checkin_payload(registration))
        attachments = [
            ("lich-hoc.ics", ical.run_calendar(run, method=ical.PUBLISH), ical.attachment_type(ical.PUBLISH)),
            (f"ma-diem-danh-{registration.code}.png", code_png, "image/png"),
        ]
        inline = [(QR_CONTENT_ID, code_png, "image/png",
                   _("Mã QR điểm danh %(code)s: đưa cho người tổ chức quét khi đến lớp") % {"code": registration.code})]
    return Parts(context=context, attachments=attachments, inline=inline)
