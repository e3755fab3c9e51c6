"""What staff may do to a newsletter subscription by hand: unsubscribe someone who asks (by
phone, by letter, at an event). Nothing else: a subscriber is created only by the public
form and confirmed only by the link sent to the address (double opt-in), so staff cannot
invent a confirmed subscriber or change someone's address."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.log_actions import log

from .models import Subscriber, SubscriberStatus

# The name the log entries already written carry (the app lived in cms until issue 15).
UNSUBSCRIBE_ACTION = "cms.newsletter.unsubscribe_on_request"


def log_label(subscriber):
    """The label of the subscriber's log entries: its number, not its address, so that the
    address leaves with the row when it is erased."""
    return gettext("Người đăng ký bản tin #%(id)s") % {"id": subscriber.pk}


def unsubscribe_on_request(*, subscriber_id, user):
    """Unsubscribe a pending or confirmed address at its owner's request, recording who did
    it. Returns (subscriber, changed); an address already unsubscribed is left as it is."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber_id)
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            return subscriber, False
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        log(subscriber, UNSUBSCRIBE_ACTION, user=user, title=log_label(subscriber))
    return subscriber, True
