"""What the notifications engine needs from training, registered here (the engine imports
nothing of training): the planner of session reminders (run by the dispatcher), what
training's messages are about (sessions, registrations: loaded, named and scoped), the
broadcast audience "a run's registrants", whether a message of training's is still wanted
at send time, and how to word its messages: a reminder's session, a session's change, and a
registration's messages (confirmation, pending approval, waiting list, offer, cancellation,
completion): placeholders — the sessions, the check-in code, the trainee's signed links, the certificate's links — the
email's main button, and, for an emailed confirmation, the run's .ics and the personal
check-in QR code (attached, and shown inside the email). Computed at send time, in the
recipient's language, so the sessions listed are the run's current ones."""

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.notifications.audiences import Audience, register_audience
from campaigns.notifications.composers import Item, Lines, Parts, composer
from campaigns.notifications.models import Channel, DeliveryReason, MessageKind
from campaigns.notifications.planning import planner
from campaigns.notifications.services.errors import NotificationError
from campaigns.notifications.services.rendering import local
from campaigns.notifications.subjects import register_subject
from campaigns.notifications.wanted import later, missed, skip, still_wanted
from campaigns.security.signing import absolute_url
from config.formats.times import time_range
from config.links import absolute_reverse

from . import ical, qr
from .models import CourseRun, Registration, RegistrationStatus, Session
from .permissions import scoped_registrations, scoped_runs, scoped_sessions
from .services import reminders
from .services.links import absolute_link
from .services.notify import STATUS_KINDS

QR_CONTENT_ID = "ma-diem-danh"
R = DeliveryReason

# The dispatcher plans the reminders of sessions coming within the planning horizon.
planner(reminders.plan_reminders)

# What training's messages are about, in the ledger: a session (reminders, change notices)
# or a registration (its status messages).
SESSION, REGISTRATION = Session._meta.label_lower, Registration._meta.label_lower
register_subject(SESSION, load=lambda ids: Session.objects.select_related("run__course").in_bulk(list(ids)),
                 describe=str, scope=scoped_sessions)
register_subject(REGISTRATION, load=lambda ids: Registration.objects.select_related("run__course").in_bulk(list(ids)),
                 describe=lambda registration: str(registration.run), scope=scoped_registrations)


def session_and_registration(delivery):
    """(session, registration) a delivery of training's is about: a status message's subject
    is its registration; a reminder's or a change notice's is the session, and the
    registration is its recipient's for the session's run."""
    subject = delivery.subject
    if delivery.subject_kind == REGISTRATION:
        return None, subject
    if delivery.subject_kind == SESSION and subject is not None:
        registration = Registration.objects.filter(run_id=subject.run_id, person_id=delivery.person_id).first() \
            if delivery.person_id else None
        return subject, registration
    return None, None


@register_audience
class RunRegistrants(Audience):
    """A run's registrants, in the chosen statuses (none chosen: all but the cancelled).
    Parameters: {"run": run id, "statuses": [status, …]}."""

    key = "run"
    position = 10
    label = gettext_lazy("Học viên của một lớp (theo trạng thái)")

    def fields(self):
        return {
            "run": forms.ModelChoiceField(label=gettext_lazy("lớp học"), queryset=CourseRun.objects.all(), required=False),
            "statuses": forms.MultipleChoiceField(
                label=gettext_lazy("trạng thái đăng ký"), choices=RegistrationStatus.choices, required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=gettext_lazy("Chỉ dùng khi gửi cho học viên của một lớp; để trống: mọi trạng thái trừ đã hủy."),
            ),
        }

    def validate(self, broadcast):
        if not (broadcast.parameters or {}).get("run"):
            raise NotificationError(_("Chọn lớp học để gửi cho học viên của lớp."))

    def people(self, broadcast):
        from campaigns.programme.models import Person

        parameters = broadcast.parameters or {}
        statuses = parameters.get("statuses") or [s for s in RegistrationStatus.values if s != RegistrationStatus.CANCELLED]
        return Person.objects.filter(registrations__run_id=parameters.get("run"),
                                     registrations__status__in=statuses).distinct()

    def describe(self, broadcast):
        run = CourseRun.objects.filter(pk=(broadcast.parameters or {}).get("run")).first()
        return str(run) if run else ""

    def scope(self, user):
        from django.db.models import Q

        return Q(audience=self.key, parameters__run__in=list(scoped_runs(user).values_list("pk", flat=True)))


@still_wanted(*STATUS_KINDS.values(), MessageKind.COMPLETION, MessageKind.REMINDER, MessageKind.SESSION_CHANGE)
def training_message_wanted(delivery, now):
    """Whether a message about a session or a registration still holds: not when the session
    or its run was cancelled, the registration cancelled (except its own cancellation
    notice), a completion undone, the registration out of the rule's statuses or the rule
    switched off. A timed reminder follows its session: re-timed if the session moved later
    (never sent early; a bulk update bypasses the re-timing), missed once its session began."""
    session, registration = session_and_registration(delivery)
    rule = delivery.rule
    if delivery.subject_kind and delivery.subject is None:  # deleted since
        return skip(R.SESSION_CANCELLED if delivery.subject_kind == SESSION else R.REGISTRATION_CANCELLED)
    if session is not None and rule is not None and registration is None:
        return skip(R.REGISTRATION_CANCELLED)
    if session is not None and (session.is_cancelled or session.run.is_cancelled):
        return skip(R.SESSION_CANCELLED)
    if registration is not None:
        if registration.status == RegistrationStatus.CANCELLED and delivery.kind != MessageKind.CANCELLATION:
            return skip(R.REGISTRATION_CANCELLED)
        if delivery.kind == MessageKind.COMPLETION and registration.status != RegistrationStatus.COMPLETED:
            return skip(R.NOT_COMPLETED)
        if rule is not None and registration.status not in rule.statuses:
            return skip(R.STATUS_NOT_IN_RULE)
    if rule is not None and not rule.is_active:
        return skip(R.RULE_OFF)
    if rule is not None and session is not None and not rule.on_change:
        due = rule.due_at(session)
        if due > now + datetime.timedelta(seconds=5):
            return later(due)
        delivery.due_at = due
    if delivery.kind == MessageKind.REMINDER and session is not None and rule is not None and rule.offset_minutes < 0 \
            and now >= (session.starts_at if rule.anchor == "start" else session.ends_at):
        return missed(R.SESSION_BEGUN)
    return None


def run_context(run, session=None):
    """The placeholders of a run and of one of its sessions (the next one, when none is
    given): {{ course }} {{ run }} {{ session }} {{ starts_at }} {{ ends_at }} {{ when }}
    {{ venue }}, and {{ link }} the session's online link if it has one."""
    context = {"run": run.title, "course": run.course.title}
    session = session or run.sessions.filter(is_cancelled=False).order_by("starts_at").first()
    if session is not None:
        context.update(session=session.title, starts_at=local(session.starts_at), ends_at=local(session.ends_at),
                       when=time_range(session.starts_at, session.ends_at), venue=session.venue or session.online_url)
        if session.online_url:
            context["link"] = session.online_url
    return context


@composer(MessageKind.REMINDER)
def reminder_parts(delivery):
    """A session's reminder: the session as it is now."""
    session, _registration = session_and_registration(delivery)
    return Parts(context=run_context(session.run, session)) if session is not None else Parts()


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
    session, _registration = session_and_registration(delivery)
    if session is None:
        return Parts()
    link = absolute_reverse("training:run", args=[session.run_id])
    return Parts(context={**run_context(session.run, session), "link": link, "action_url": link,
                          "action_label": _("Xem lịch học mới")})


@composer(*STATUS_KINDS.values(), MessageKind.COMPLETION)
def registration_parts(delivery):
    session, registration = session_and_registration(delivery)
    if registration is None:
        return Parts()
    run = registration.run
    sessions = list(run.sessions.filter(is_cancelled=False).order_by("starts_at"))
    context = {
        **run_context(run, session),
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
