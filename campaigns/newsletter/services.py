"""Newsletter rules: subscribe with double opt-in, confirm, unsubscribe, and queue for each
confirmed subscriber the digest of articles published since their previous one, once.

The digest goes through the notifications delivery ledger: one row per (subscriber's address,
edition) under the ledger's unique constraint, written in the transaction that advances the
subscriber's watermark; the dispatcher sends it, composed by notification_hooks.py. The
articles come from the source cms registers (articles.py)."""

import logging

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.notifications.models import DeliveryReason, MessageKind
from campaigns.notifications.services.outbox import is_queued, queue_message, recipient_key, request_dispatch, withdraw
from campaigns.text import nfc

from . import articles as article_source
from . import emails, tokens
from .models import Subscriber, SubscriberStatus

logger = logging.getLogger(__name__)
DIGEST_MAX_ARTICLES = 30


class NewsletterError(Exception):
    """A subscription request that cannot be honoured; `message` is for the visitor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _normalise_email(email):
    email = (nfc(email) or "").lower()
    try:
        validate_email(email)
    except ValidationError:
        raise NewsletterError(_("Địa chỉ email không hợp lệ. Vui lòng kiểm tra lại."))
    return email


def subscribe(*, email, topics=(), language="vi"):
    """Register `email` as pending and send the confirmation message after commit. An
    address already subscribed (confirmed or waiting for confirmation) is refused and left
    unchanged; an address that unsubscribed before may subscribe again."""
    email = _normalise_email(email)
    try:
        with transaction.atomic():
            subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
            if subscriber is not None and subscriber.status == SubscriberStatus.CONFIRMED:
                raise NewsletterError(_("Địa chỉ email này đã đăng ký nhận bản tin."))
            if subscriber is not None and subscriber.status == SubscriberStatus.PENDING:
                raise NewsletterError(_("Địa chỉ email này đã đăng ký và đang chờ xác nhận. Vui lòng mở thư xác nhận trong hộp thư của bạn."))
            if subscriber is None:
                subscriber = Subscriber(email=email)
            subscriber.status = SubscriberStatus.PENDING
            subscriber.language = language
            subscriber.unsubscribed_at = None
            subscriber.save()
            subscriber.topics.set(topics)
            transaction.on_commit(lambda: emails.send_confirmation(subscriber))
    except IntegrityError:
        # Two requests for the same new address at once: the other one won.
        raise NewsletterError(_("Địa chỉ email này đã đăng ký nhận bản tin."))
    return subscriber


def _subscriber_from(token, salt, max_age, message):
    try:
        pk, email = tokens.read(token, salt, max_age)
    except signing.BadSignature:
        raise NewsletterError(message)
    subscriber = Subscriber.objects.select_for_update().filter(pk=pk, email=email).first()
    if subscriber is None:
        raise NewsletterError(message)
    return subscriber


def confirm(*, token):
    """Confirm the address a confirmation token names. Confirming twice is harmless.
    Articles published from now on will be in the subscriber's digests."""
    with transaction.atomic():
        subscriber = _subscriber_from(token, tokens.CONFIRM_SALT, tokens.confirm_max_age(),
                                      _("Liên kết xác nhận không hợp lệ hoặc đã hết hạn. Vui lòng đăng ký lại."))
        if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
            raise NewsletterError(_("Địa chỉ này đã hủy đăng ký. Vui lòng đăng ký lại."))
        if subscriber.status == SubscriberStatus.PENDING:
            now = timezone.now()
            subscriber.status = SubscriberStatus.CONFIRMED
            subscriber.confirmed_at = now
            subscriber.digest_watermark = now
            subscriber.save(update_fields=["status", "confirmed_at", "digest_watermark"])
    return subscriber


def unsubscribe(*, token):
    """Unsubscribe the address an unsubscribe token names. Unsubscribing twice is harmless."""
    with transaction.atomic():
        subscriber = _subscriber_from(token, tokens.UNSUBSCRIBE_SALT, tokens.unsubscribe_max_age(),
                                      _("Liên kết hủy đăng ký không hợp lệ hoặc đã hết hạn."))
        if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
            subscriber.status = SubscriberStatus.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at"])
            # What was queued for the address and not yet sent stays unsent.
            withdraw(kinds=[MessageKind.DIGEST, MessageKind.BROADCAST], address=subscriber.email,
                     reason=DeliveryReason.UNSUBSCRIBED)
    return subscriber


def digest_articles(subscriber, *, until):
    """(pk, first published at) of the live articles in the subscriber's language first
    published after their watermark and up to `until`, restricted to their topics when they
    chose some, oldest first."""
    return article_source.source().published(
        language=subscriber.language, after=subscriber.digest_watermark, until=until,
        topic_ids=list(subscriber.topics.values_list("pk", flat=True)), limit=DIGEST_MAX_ARTICLES,
    )


def digests_received(subscriber):
    """(how many digests the ledger has sent to the subscriber, when the last one went)."""
    from django.db.models import Count, Max

    from campaigns.notifications.models import Delivery, DeliveryState

    sent = Delivery.objects.filter(
        kind=MessageKind.DIGEST, recipient_key=recipient_key(None, subscriber.email), state=DeliveryState.SENT,
    ).aggregate(count=Count("pk"), last=Max("sent_at"))
    return sent["count"], sent["last"]


def digest_key(edition):
    return f"digest:{edition.isoformat()}"


def queue_digest_for(*, subscriber_id, edition, now):
    """Queue one subscriber this edition's digest unless they already have it. The row is
    locked (skipped if another worker holds it) and the ledger re-checked after locking, so
    concurrent or repeated runs queue it at most once — and the ledger's unique constraint
    would refuse a second row anyway. Returns True when queued."""
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update(skip_locked=True)
            .filter(pk=subscriber_id, status=SubscriberStatus.CONFIRMED).first()
        )
        if subscriber is None or is_queued(message_key=digest_key(edition), address=subscriber.email):
            return False
        articles = digest_articles(subscriber, until=now)
        if not articles:
            return False
        queue_message(
            message_key=digest_key(edition), kind=MessageKind.DIGEST, address=subscriber.email, channels=["email"],
            language=subscriber.language, kick=False,
            context={"subscriber_id": subscriber.pk, "article_ids": [pk for pk, _published in articles],
                     "edition": edition.isoformat()},
        )
        subscriber.digest_watermark = max(published for _pk, published in articles)
        subscriber.save(update_fields=["digest_watermark"])
    return True


def send_digests(*, now=None):
    """Queue this edition's digest for every confirmed subscriber, then ask the dispatcher
    to send them. Returns the number queued."""
    now = now or timezone.now()
    edition = timezone.localdate(now)
    queued = 0
    ids = list(Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED).values_list("pk", flat=True))
    for subscriber_id in ids:
        try:
            queued += queue_digest_for(subscriber_id=subscriber_id, edition=edition, now=now)
        except Exception:
            logger.exception("Newsletter digest for subscriber %s failed; it will be retried next run.", subscriber_id)
    if queued:
        request_dispatch()
    return queued
