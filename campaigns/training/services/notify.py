"""What a registration's change owes the trainee, written to the notifications ledger in the
transaction of the change (the ledger is the outbox): a message of the matching kind, and
her reminders following her new status (reminders.py). Training's services call it
explicitly — this is training's one route to the ledger; no model signal writes there.

The message key names the registration and its status change, so a retried request (which
changes nothing) writes nothing new, while each real change — confirmed again after a
cancellation, say — is its own message. The notifications dispatcher sends it, in the
trainee's language and by the channel they prefer; the wording is the organizer-editable
template of the kind, filled by this app's composer (campaigns/training/notification_hooks.py),
which also attaches the .ics and the check-in QR code to an emailed confirmation.

A new registration prepares its message's ledger rows before it locks the run (prepare(): the
trainee's channel and language); under the lock they are written in one INSERT, with the
registration. Its reminders are not written there: the commit kicks the dispatcher, whose
planning step (reminders.plan_reminders, registered in notification_hooks.py) writes the
reminders every registration is missing, as it does every minute from beat."""

from campaigns.notifications.models import Delivery, MessageKind
from campaigns.notifications.services.outbox import build_deliveries, preferred_channel, queue_message, request_dispatch
from campaigns.notifications.subjects import kind_of

from ..models import RegistrationStatus
from . import reminders

# The statuses that owe a message (the others are told on screen or by the organizer).
STATUS_KINDS = {
    RegistrationStatus.CONFIRMED: MessageKind.CONFIRMATION,
    RegistrationStatus.WAITLISTED: MessageKind.WAITLIST,
    RegistrationStatus.OFFERED: MessageKind.OFFER,
    RegistrationStatus.PENDING_APPROVAL: MessageKind.PENDING,
    RegistrationStatus.CANCELLED: MessageKind.CANCELLATION,
}
# A cancellation is confirmed when the trainee made it: on her page, by the link in her
# email, or by declining an offer (an organizer's rejection or a lapsed offer is not hers).
HER_CANCELLATIONS = ("trainee", "cancel", "decline")


def message_key(registration):
    return f"registration:{registration.pk}:{registration.status_changes}:{registration.status}"


def status_changed(registration, prepared=None):
    """All the registration's status change owes, in its transaction: its reminders follow
    (when cancelled, what is still waiting is skipped; otherwise they are planned, or brought
    back), then the message of its new status (after, so a cancellation's own notice is not
    skipped with the rest). Returns the status message's ledger rows. With `prepared` (a new
    registration: prepare(), read before the run was locked), its status message is written in
    one INSERT and nothing is returned; the dispatcher it kicks plans her reminders."""
    if prepared is not None:
        Delivery.objects.bulk_create(prepared.rows(registration), ignore_conflicts=True)
        request_dispatch()
        return []
    reminders.registration_changed(registration=registration)
    return tell_status(registration)


def completion_changed(registration, *, completed):
    """A registration completed (`completed`), or its completion undone by a correction: the
    congratulations once, and its reminders follow the status."""
    reminders.registration_changed(registration=registration)
    return tell_completion(registration) if completed else []


class Prepared:
    """A new registration's status message, its ledger rows built before the lock (the trainee's
    channel and language); rows(registration) completes them for the status it got."""

    def __init__(self, *, person):
        self.status_rows = build_deliveries(message_key="", kind="", person=person, channels=[preferred_channel(person)])

    def rows(self, registration):
        kind = STATUS_KINDS.get(registration.status)
        if kind is None:
            return []
        for row in self.status_rows:
            row.message_key, row.kind = message_key(registration), kind
            row.subject_kind, row.subject_id = kind_of(registration), registration.pk
        return self.status_rows


def prepare(*, person):
    """The message rows a new registration of `person` will owe (see Prepared); may read the
    database (her channel preference, if not loaded with her), so call it before locking."""
    return Prepared(person=person)


def tell_status(registration):
    """Queue the message the registration's new status owes (nothing for other statuses).
    Call inside the transaction that changed the status. Returns the ledger rows."""
    kind = STATUS_KINDS.get(registration.status)
    if kind is None or (kind == MessageKind.CANCELLATION and registration.cancel_reason not in HER_CANCELLATIONS):
        return []
    return queue_message(message_key=message_key(registration), kind=kind, person=registration.person,
                         subject=registration)


def tell_completion(registration):
    """Queue the congratulations with the certificate link, once per registration (a
    completion undone by a correction and reached again is not told twice)."""
    return queue_message(message_key=f"registration:{registration.pk}:completed", kind=MessageKind.COMPLETION,
                         person=registration.person, subject=registration)
