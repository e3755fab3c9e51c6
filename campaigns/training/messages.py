"""The emails a registration's status owes the trainee, composed (not sent) here:
confirmation (with the run's .ics and a personal QR code), waiting list, offer, pending
approval. Sending and bookkeeping are in services/notify.py, so a delivery ledger can later
take over sending without touching the wording."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import ical, qr
from .models import RegistrationStatus
from .services.links import absolute_link

TEMPLATES = {
    RegistrationStatus.CONFIRMED: "confirmation",
    RegistrationStatus.WAITLISTED: "waitlist",
    RegistrationStatus.OFFERED: "offer",
    RegistrationStatus.PENDING_APPROVAL: "pending",
}


def recipient(person):
    if person.user_id and person.user.email:
        return person.user.email
    return person.email


def language(person):
    return person.user.preferred_language if person.user_id else settings.LANGUAGE_CODE


def compose(registration):
    """The email for the registration's current status, or None if none is owed or the
    person has no address. Written in the trainee's preferred language."""
    name = TEMPLATES.get(registration.status)
    to = recipient(registration.person)
    if name is None or not to:
        return None
    run = registration.run
    sessions = list(run.sessions.filter(is_cancelled=False).order_by("starts_at"))
    with translation.override(language(registration.person)):
        context = {
            "registration": registration,
            "person": registration.person,
            "run": run,
            "course": run.course,
            "sessions": sessions,
            "cancel_url": absolute_link(registration, "cancel"),
            "accept_url": absolute_link(registration, "accept"),
            "decline_url": absolute_link(registration, "decline"),
            "apology_urls": [(s, absolute_link(registration, "apology", s)) for s in sessions],
            "run_url": settings.SITE_URL.rstrip("/") + reverse("training:run", args=[run.pk]),
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = " ".join(render_to_string(f"email/training_{name}_subject.txt", context).split())
        body = render_to_string(f"email/training_{name}.txt", context)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    if registration.status == RegistrationStatus.CONFIRMED:
        message.attach("lich-hoc.ics", ical.run_calendar(run), "text/calendar; charset=utf-8; method=PUBLISH")
        message.attach(f"ma-diem-danh-{registration.code}.png", qr.png(qr.checkin_payload(registration)), "image/png")
    return message
