"""Broadcasts: an organizer's message to an audience. Sending expands the audience into ledger
rows in one transaction (a crash mid-way leaves the broadcast scheduled, to be expanded again);
the dispatcher then sends them like any other delivery."""

import uuid

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.notifications.models import (
    Audience,
    Broadcast,
    BroadcastState,
    Delivery,
    DeliveryReason,
    DeliveryState,
    MessageKind,
)
from campaigns.programme.lists import untrained_pool_women
from campaigns.programme.models import OrganisationUnit, Person
from campaigns.training.models import RegistrationStatus

from .errors import NotificationError
from .outbox import build_deliveries, queue_message, request_dispatch


def newsletter_available():
    """Whether the newsletter app is installed to draw an audience from."""
    return apps.is_installed("campaigns.newsletter")


def validate(broadcast):
    """Raise NotificationError if the broadcast cannot be sent as written."""
    if not (broadcast.subject or "").strip() or not (broadcast.body or "").strip():
        raise NotificationError(_("Thông báo cần có tiêu đề và nội dung."))
    if not broadcast.channels:
        raise NotificationError(_("Chọn ít nhất một kênh gửi."))
    if broadcast.audience == Audience.RUN and broadcast.run_id is None:
        raise NotificationError(_("Chọn lớp học để gửi cho học viên của lớp."))
    if broadcast.audience == Audience.UNIT and broadcast.unit_id is None:
        raise NotificationError(_("Chọn đơn vị để gửi cho cán bộ của đơn vị."))
    if broadcast.audience == Audience.UNIT and broadcast.unit.valid_to and broadcast.unit.valid_to <= timezone.localdate():
        raise NotificationError(_("Đơn vị %(unit)s không còn tồn tại từ %(day)s; chọn đơn vị hiện hành.") % {
            "unit": broadcast.unit.name, "day": broadcast.unit.valid_to.strftime("%d/%m/%Y")})
    if broadcast.audience == Audience.NEWSLETTER and not newsletter_available():
        raise NotificationError(_("Chức năng bản tin chưa sẵn sàng nên chưa gửi được cho người đăng ký nhận bản tin."))


def audience_people(broadcast):
    """The Person queryset the broadcast reaches (newsletter subscribers are addresses, see
    audience_addresses)."""
    if broadcast.audience == Audience.RUN:
        statuses = broadcast.statuses or [s for s in RegistrationStatus.values if s != RegistrationStatus.CANCELLED]
        return Person.objects.filter(registrations__run_id=broadcast.run_id, registrations__status__in=statuses).distinct()
    if broadcast.audience == Audience.UNIT:
        # Read the path fresh: a sorted tree renumbers paths when a sibling is added.
        path = OrganisationUnit.objects.values_list("path", flat=True).get(pk=broadcast.unit_id)
        return Person.objects.filter(unit__path__startswith=path)
    if broadcast.audience == Audience.POOL_UNTRAINED:
        return untrained_pool_women(as_of=timezone.localdate())  # the programme's one rule
    return Person.objects.none()


def audience_addresses(broadcast):
    """(email, language) of confirmed newsletter subscribers (the newsletter app's; we only read)."""
    if broadcast.audience != Audience.NEWSLETTER or not newsletter_available():
        return []
    from campaigns.newsletter.models import Subscriber, SubscriberStatus

    return list(Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).values_list("email", "language"))


def recipient_count(broadcast):
    if broadcast.audience == Audience.NEWSLETTER:
        return len(audience_addresses(broadcast))
    return audience_people(broadcast).count()


def send_test(*, broadcast, user):
    """Send the broadcast to the organizer themself, by email, now. Returns the ledger rows."""
    validate(broadcast)
    person = getattr(user, "person", None)
    with transaction.atomic():
        return queue_message(
            message_key=f"broadcast-test:{broadcast.pk}:{uuid.uuid4().hex[:12]}", kind=MessageKind.BROADCAST,
            person=person, address="" if person else user.email, channels=["email"], broadcast=broadcast,
        )


def schedule(*, broadcast, send_at=None):
    """Send now (send_at None) or at `send_at`. The audience is expanded by the dispatcher."""
    validate(broadcast)
    now = timezone.now()
    if send_at is not None and send_at < now - timezone.timedelta(minutes=1):
        raise NotificationError(_("Thời điểm gửi đã qua; chọn một thời điểm trong tương lai."))
    with transaction.atomic():
        locked = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
        if locked.state not in (BroadcastState.DRAFT, BroadcastState.SCHEDULED):
            raise NotificationError(_("Đợt gửi này đã được gửi."))
        locked.send_at = send_at or now
        locked.state = BroadcastState.SCHEDULED
        locked.recipient_count = recipient_count(locked)
        locked.save(update_fields=["send_at", "state", "recipient_count"])
        if locked.send_at <= now:
            request_dispatch()
    broadcast.refresh_from_db()
    return broadcast


def cancel(*, broadcast):
    """Stop a broadcast: what is not yet sent is skipped."""
    with transaction.atomic():
        Broadcast.objects.filter(pk=broadcast.pk).update(state=BroadcastState.CANCELLED)
        Delivery.objects.filter(broadcast=broadcast, state=DeliveryState.PENDING).update(
            state=DeliveryState.SKIPPED, reason=DeliveryReason.BROADCAST_CANCELLED
        )


def expand_broadcast(*, broadcast_id):
    """Write the ledger rows of a due scheduled broadcast, once. Returns rows written."""
    with transaction.atomic():
        qs = Broadcast.objects.filter(pk=broadcast_id, state=BroadcastState.SCHEDULED, send_at__lte=timezone.now())
        from django.db import connection

        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True)
        broadcast = qs.first()
        if broadcast is None:
            return 0
        key = f"broadcast:{broadcast.pk}"
        written = 0
        batch = []
        people = audience_people(broadcast).select_related("user", "channel_preference").order_by("pk")
        for person in people.iterator(chunk_size=2000):
            batch += build_deliveries(message_key=key, kind=MessageKind.BROADCAST, person=person,
                                      channels=broadcast.channels, due_at=broadcast.send_at, broadcast=broadcast)
            if len(batch) >= 2000:
                written += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
                batch = []
        for address, language in audience_addresses(broadcast):
            batch += build_deliveries(message_key=key, kind=MessageKind.BROADCAST, address=address, channels=["email"],
                                      due_at=broadcast.send_at, broadcast=broadcast, language=language)
        written += len(Delivery.objects.bulk_create(batch, ignore_conflicts=True))
        broadcast.state = BroadcastState.SENDING
        broadcast.queued_at = timezone.now()
        broadcast.recipient_count = Delivery.objects.filter(broadcast=broadcast, message_key=key).values(
            "recipient_key").distinct().count()
        broadcast.save(update_fields=["state", "queued_at", "recipient_count"])
    return written


def start_due_broadcasts():
    """Expand every scheduled broadcast whose time has come."""
    due = Broadcast.objects.filter(state=BroadcastState.SCHEDULED, send_at__lte=timezone.now()).values_list("pk", flat=True)
    return sum(expand_broadcast(broadcast_id=pk) for pk in list(due))


def finish_broadcasts():
    """Mark sending broadcasts with nothing left to send as done."""
    open_states = [DeliveryState.PENDING, DeliveryState.SENDING]
    busy = Delivery.objects.filter(broadcast=OuterRef("pk"), state__in=open_states, message_key__startswith="broadcast:")
    return Broadcast.objects.filter(state=BroadcastState.SENDING).exclude(Exists(busy)).update(state=BroadcastState.DONE)


def progress(broadcast):
    """{state: count} of the broadcast's deliveries (test sends excluded), with every state."""
    counts = dict(
        Delivery.objects.filter(broadcast=broadcast, message_key=f"broadcast:{broadcast.pk}")
        .values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return {state: counts.get(state, 0) for state in DeliveryState.values}
