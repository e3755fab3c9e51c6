"""Send what a registration's status owes the trainee, once.

A registration owes a message while `notified_status` differs from `status` (for the
statuses in NOTIFIED). The task enqueued on commit and the periodic sweep both call
`notify`; the row lock and the re-check after locking make the second call a no-op."""

import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..models import NOTIFIED, Registration

logger = logging.getLogger(__name__)


def owed():
    """Registrations whose current status has not been told yet."""
    return Registration.objects.filter(status__in=NOTIFIED).exclude(notified_status=F("status"))


def notify(*, registration_id, now=None):
    """Send the message owed for the registration's current status; returns True if one
    was sent (False if nothing was owed, or the person has no address)."""
    from ..messages import compose

    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("run__course", "person__user")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.status not in NOTIFIED or registration.notified_status == registration.status:
            return False
        message = compose(registration)
        if message is not None:
            message.send()
        else:
            logger.warning("Registration %s has no email address; its %s message is skipped", registration.pk, registration.status)
        registration.notified_status, registration.notified_at = registration.status, now
        registration.save(update_fields=["notified_status", "notified_at"])
        return message is not None
