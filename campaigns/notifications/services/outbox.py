"""Writing deliveries: the ledger is the outbox. A service that must notify calls
`queue_message()` inside its own transaction; the row commits with the change or not at all,
and the dispatcher (beat, every minute, or a best-effort kick after commit) sends it."""


from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.notifications import subjects
from campaigns.notifications.channels import get_channel
from campaigns.notifications.models import Delivery, DeliveryState
from campaigns.notifications.models.preferences import DEFAULT_FALLBACK_ORDER, Channel
from config import enqueue

from .rendering import language_of

DISPATCH_TASK = "tasks.notifications.dispatch"



def resolve_channels(*, person, requested):
    """The channels that will carry a message asked for on `requested` channels: opted-out
    channels are dropped; a channel that cannot reach the person (no address) is replaced by
    the next one in their fallback order that can. Order and duplicates handled."""
    pref = getattr(person, "channel_preference", None) if person is not None else None
    opted_out = set(pref.opted_out if pref else [])
    order = [c for c in (pref.order if pref and pref.order else DEFAULT_FALLBACK_ORDER) if c in Channel.values]
    chosen = []
    for name in requested:
        if name in opted_out or name not in Channel.values:
            continue
        if name == Channel.CONSOLE or get_channel(name).address(person=person):
            candidate = name
        else:
            candidate = next(
                (c for c in order if c not in opted_out and c not in chosen and c != name
                 and get_channel(c).address(person=person)),
                None,
            )
        if candidate and candidate not in chosen:
            chosen.append(candidate)
    return chosen


def preferred_channel(person):
    """The first channel of the person's order that they have not opted out of (the default
    channel for an address or a person without preferences)."""
    pref = getattr(person, "channel_preference", None) if person is not None else None
    if pref is None:
        return settings.NOTIFICATIONS_DEFAULT_CHANNEL
    order = [c for c in (pref.order or DEFAULT_FALLBACK_ORDER) if c in Channel.values]
    return next((c for c in order if c not in (pref.opted_out or [])), settings.NOTIFICATIONS_DEFAULT_CHANNEL)


def recipient_key(person=None, address=""):
    return f"person:{person.pk}" if person is not None else f"addr:{address.strip().lower()}"


def build_deliveries(*, message_key, kind, person=None, address="", channels, due_at=None, language=None, subject=None,
                     **links):
    """Unsaved Delivery rows for one message to one recipient (one per resolved channel).
    `subject`: the model instance the message is about (any app's; kept as kind and id)."""
    now = timezone.now()
    if language not in dict(settings.LANGUAGES):
        language = language_of(person) if person is not None else settings.LANGUAGE_CODE
    due_at = due_at or now
    names = resolve_channels(person=person, requested=channels) if person is not None else list(channels)
    subject_kind, subject_id = subjects.reference(subject)
    return [
        Delivery(
            message_key=message_key, recipient_key=recipient_key(person, address), channel=name, kind=kind,
            person=person, address=address, language=language,
            due_at=due_at, next_attempt_at=max(due_at, now), subject_kind=subject_kind, subject_id=subject_id, **links,
        )
        for name in names
    ]


def queue_message(*, message_key, kind, person=None, address="", channels=None, due_at=None, kick=True, **links):
    """Record a message for sending (idempotent: the same key, recipient and channel is stored
    once). Call it inside the transaction of the change that causes the message. Without
    `channels`, the message goes by the channel the person prefers. `kick=False` leaves the
    dispatcher request to the caller (one request after a loop of many messages). Returns the
    rows now in the ledger for it."""
    channels = channels or [preferred_channel(person)]
    with transaction.atomic():
        rows = build_deliveries(message_key=message_key, kind=kind, person=person, address=address,
                                channels=channels, due_at=due_at, **links)
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        if kick:
            request_dispatch()
    return list(Delivery.objects.filter(message_key=message_key, recipient_key=recipient_key(person, address)))


def plan(messages, *, now=None):
    """Write many messages, each due at its own time (`due_at`), at once: `messages` is an
    iterable of dicts of queue_message()'s arguments (message_key, kind, person, channels,
    due_at and what the message is about). Idempotent: a message already in the ledger for
    its recipient is left as it is (whatever its state). Asks for a dispatch when any row is
    due now. Call it in the transaction of the change that causes the messages. Returns the
    number of rows written."""
    now = now or timezone.now()
    messages = list(messages)
    if not messages:
        return 0
    keys = {m["message_key"] for m in messages}
    existing = set(Delivery.objects.filter(message_key__in=keys).values_list("message_key", "recipient_key"))
    rows = []
    for message in messages:
        if (message["message_key"], recipient_key(message.get("person"), message.get("address", ""))) in existing:
            continue
        rows += build_deliveries(**message)
    with transaction.atomic():
        Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
        if any(row.next_attempt_at <= now for row in rows):
            request_dispatch()
    return len(rows)


def is_queued(*, message_key, person=None, address=""):
    """Whether the ledger already holds this message for this recipient (in any state)."""
    return Delivery.objects.filter(message_key=message_key, recipient_key=recipient_key(person, address)).exists()


def withdraw(*, kinds, person=None, address="", reason):
    """Skip the recipient's messages of `kinds` that are still waiting to be sent (an
    unsubscribe, a cancellation), with `reason` (a DeliveryReason). Call it in the transaction
    of that change. Returns how many."""
    return Delivery.objects.filter(
        recipient_key=recipient_key(person, address), kind__in=list(kinds), state=DeliveryState.PENDING,
    ).update(state=DeliveryState.SKIPPED, reason=reason)


def request_dispatch():
    """After the current transaction commits, ask a worker to run the dispatcher now rather
    than at beat's next minute. Best effort and off the request thread: a stalled or absent
    broker costs the request nothing, and beat sends the row anyway."""
    if settings.NOTIFICATIONS_KICK_AFTER_COMMIT:
        enqueue.on_commit(DISPATCH_TASK)
