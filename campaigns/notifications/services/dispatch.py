"""The dispatcher: claim due ledger rows, re-check them, send, record.

Guarantees (each has a test against a real worker):
- A row is claimed by one dispatcher at a time: on PostgreSQL with
  SELECT … FOR UPDATE SKIP LOCKED, on SQLite under the write lock an IMMEDIATE transaction
  takes at BEGIN. The claim stamps a token and a lease; a crashed worker's rows return to the
  pool when the lease ends, and a live worker stops sending before its lease runs out.
- Each send's result is committed before the next message is sent, so at any moment each
  open connection has at most one message sent but unrecorded: a crash repeats at most one
  message per connection it cuts (a dispatcher opens NOTIFICATIONS_CONNECTIONS, 10 by default;
  NOTIFICATIONS_PARALLEL_BATCHES dispatchers run at once, 1 by default), and every message carries a stable Message-ID
  (<delivery-PK@NOTIFICATIONS_MESSAGE_ID_DOMAIN>) so that receivers can fold a repeat. If the
  commit fails, the dispatcher stops before the next send.
- Transient errors back off exponentially up to NOTIFICATIONS_MAX_ATTEMPTS; permanent errors
  are recorded and never retried.
"""

import contextlib
import datetime
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from django import db
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from campaigns.notifications import wanted
from campaigns.notifications.channels import PermanentError, TransientError, get_channel
from campaigns.notifications.models import Delivery, DeliveryReason, DeliveryState

from .rendering import TemplateCache, render_delivery

S = DeliveryState
R = DeliveryReason


def due_filter(now):
    return Q(state=S.PENDING, next_attempt_at__lte=now) | Q(state=S.SENDING, claimed_until__lt=now)


def due_count(*, now=None):
    return Delivery.objects.filter(due_filter(now or timezone.now())).count()


def claim_due(*, limit, now=None):
    """Claim up to `limit` due rows (pending and due, or held by an expired lease). Returns
    (token, lease_deadline_monotonic, count)."""
    now = now or timezone.now()
    lease = settings.NOTIFICATIONS_LEASE_SECONDS
    token = uuid.uuid4()
    with transaction.atomic():
        # Two index-friendly queries rather than one OR: rows of a crashed worker (lease
        # expired) first, then pending rows in due order. Pending rows are ordered by
        # next_attempt_at alone, the order of delivery_due_idx: a tie-break on id would make
        # PostgreSQL sort every due row before locking (a broadcast's rows share one time),
        # ~200 ms per claim with 100,000 due, instead of reading the first `limit` in order.
        expired = Delivery.objects.filter(state=S.SENDING, claimed_until__lt=now).order_by("claimed_until", "id")
        pending = Delivery.objects.filter(state=S.PENDING, next_attempt_at__lte=now).order_by("next_attempt_at")
        ids = []
        for qs in (expired, pending):
            if connection.features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True)
            if len(ids) < limit:
                ids += list(qs.values_list("id", flat=True)[: limit - len(ids)])
        if ids:
            Delivery.objects.filter(id__in=ids).update(
                state=S.SENDING, claim_token=token, claimed_until=now + datetime.timedelta(seconds=lease)
            )
    # Stop sending well before the lease ends, so no other dispatcher can take a row we
    # might still send.
    deadline = time.monotonic() + lease * 0.8
    return token, deadline, len(ids)


def run_dispatcher(*, budget_seconds=None, chunk=None, connections=None):
    """Claim and send chunks until nothing is due or the time budget is spent, over
    `connections` (NOTIFICATIONS_CONNECTIONS) connections at once: one thread per connection,
    each claiming its own chunks. Returns counts per outcome and whether rows remain ('more').
    Inside a transaction (which other threads could not see) it sends from this thread alone."""
    budget = settings.NOTIFICATIONS_BATCH_SECONDS if budget_seconds is None else budget_seconds
    chunk = chunk or settings.NOTIFICATIONS_CHUNK_SIZE
    connections = connections or settings.NOTIFICATIONS_CONNECTIONS
    stop_at = time.monotonic() + budget
    if connections <= 1 or connection.in_atomic_block:
        return _dispatch_loop(chunk=chunk, connections=1, stop_at=stop_at)
    with ThreadPoolExecutor(max_workers=connections, thread_name_prefix="dispatcher") as pool:
        results = list(pool.map(lambda _: _in_own_thread(chunk=chunk, connections=connections, stop_at=stop_at),
                                range(connections)))
    totals = defaultdict(int)
    for result in results:
        for key, value in result.items():
            totals[key] = max(totals[key], value) if key == "more" else totals[key] + value
    return dict(totals)


def _in_own_thread(**kwargs):
    try:
        return _dispatch_loop(**kwargs)
    finally:
        db.connections.close_all()  # this thread's own database connection


def _dispatch_loop(*, chunk, connections, stop_at):
    totals = defaultdict(int)
    templates = TemplateCache()
    with _fast_result_commits():
        while True:
            # Share what is due among the connections, so 300 messages go out over all ten.
            limit = chunk if connections == 1 else max(1, min(chunk, -(-due_count() // connections)))
            token, deadline, count = claim_due(limit=limit)
            if not count:
                totals["more"] = 0
                break
            result = send_claimed(token=token, deadline=deadline, templates=templates)
            for key, value in result.items():
                totals[key] += value
            if time.monotonic() >= stop_at:
                totals["more"] = 1
                break
    return dict(totals)


def send_claimed(*, token, deadline, templates=None):
    """Send the rows claimed under `token`, one channel batch at a time."""
    templates = templates or TemplateCache()
    # Related rows are fetched once per chunk and shared (a broadcast's 200 rows have one
    # broadcast; a session's reminders one session), and not at all when no row has them;
    # the subjects by the apps that own them, one query per kind.
    rows = list(
        Delivery.objects.filter(claim_token=token, state=S.SENDING)
        .prefetch_related("person__user", "person__channel_preference", "rule", "broadcast")
        .order_by("channel", "id")
        .with_subjects()
    )
    by_channel = defaultdict(list)
    for row in rows:
        by_channel[row.channel].append(row)
    outcome = defaultdict(int)
    for name, batch in by_channel.items():
        channel = get_channel(name)
        with channel.batch() as conn:
            for index, delivery in enumerate(batch):
                if time.monotonic() >= deadline:
                    _release([d.pk for d in batch[index:]], token)
                    outcome["released"] += len(batch) - index
                    break
                result = _deliver_one(delivery, channel, conn, token, templates)
                outcome[result] += 1
                if result == "rate_limited":
                    rest = [d.pk for d in batch[index + 1:]]
                    _release(rest, token, at=_next_minute())
                    outcome["rate_limited"] += len(rest)
                    break
    return dict(outcome)


def _deliver_one(delivery, channel, conn, token, templates):
    now = timezone.now()
    verdict = precheck(delivery, now=now)
    if verdict is not None:
        state, reason, when = verdict
        if state == S.PENDING:
            _release([delivery.pk], token, at=when)
        else:
            _finish(delivery, token, state=state, reason=reason)
        return state
    address = channel.address(person=delivery.person, delivery=delivery)
    if not address:
        _finish(delivery, token, state=S.SKIPPED, reason=R.NO_ADDRESS)
        return S.SKIPPED
    if not _rate_ok(channel.name):
        _release([delivery.pk], token, at=_next_minute())
        return "rate_limited"
    try:
        message = render_delivery(delivery, templates)
        provider_id = channel.send(delivery=delivery, message=message, address=address, connection=conn)
    except TransientError as exc:
        attempts = delivery.attempts + 1
        if attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            _finish(delivery, token, state=S.FAILED, reason=R.SEND_FAILED, last_error=str(exc), attempted=True)
            return S.FAILED
        delay = min(settings.NOTIFICATIONS_RETRY_BASE_SECONDS * 2 ** (attempts - 1), settings.NOTIFICATIONS_RETRY_MAX_SECONDS)
        Delivery.objects.filter(pk=delivery.pk, claim_token=token).update(
            state=S.PENDING, attempts=F("attempts") + 1, last_error=str(exc), claim_token=None, claimed_until=None,
            next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
        )
        return "retry"
    except PermanentError as exc:
        _finish(delivery, token, state=S.FAILED, reason=R.SEND_FAILED, last_error=str(exc), attempted=True)
        return S.FAILED
    except Exception as exc:  # noqa: BLE001 - a rendering bug must not stop the batch
        _finish(delivery, token, state=S.FAILED, reason=R.SEND_FAILED, last_error=f"{type(exc).__name__}: {exc}",
                attempted=True)
        return S.FAILED
    # Committed before the next send; if it fails, the error stops this dispatcher.
    record_sent(delivery.pk, token, provider_id, timezone.now())
    return S.SENT


def record_sent(pk, token, provider_id, sent_at):
    Delivery.objects.filter(pk=pk, claim_token=token).update(
        state=S.SENT, sent_at=sent_at, provider_message_id=provider_id[:255], attempts=F("attempts") + 1,
        last_error="", claim_token=None, claimed_until=None,
    )


@contextlib.contextmanager
def _fast_result_commits():
    """While the dispatcher runs, commits on its PostgreSQL connection do not wait for the WAL
    flush (NOTIFICATIONS_ASYNC_RESULT_COMMIT). A commit is still atomic and visible at once and
    survives any worker crash; only a crash of the database server itself could lose the last
    fraction of a second of results (and so resend those few messages). Recording a result
    then costs one round trip instead of a disk flush per message. Reset afterwards, so other
    work in the same worker process commits as usual."""
    fast = ["SET synchronous_commit = off"] if (
        settings.NOTIFICATIONS_ASYNC_RESULT_COMMIT and connection.vendor == "postgresql") else []
    for sql in fast:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    try:
        yield
    finally:
        if fast:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO DEFAULT")


def precheck(delivery, *, now):
    """Re-check a claimed row against today's facts. Returns None to send, or
    (state, reason code, next_attempt_at) to skip, mark missed or defer (state PENDING).
    What only the owning app knows (a session cancelled, a registration's status, a reminder's
    session moved) it answers through its still-wanted check (wanted.py); the engine checks
    the rest, in this order: the app's skip, a cancelled broadcast, the recipient's opt-out,
    the app's deferral, the kind's lateness limit, the app's "missed", SMS quiet hours."""
    app = wanted.verdict(delivery, now=now)
    if app is not None and app.outcome == "skip":
        return S.SKIPPED, app.reason, None
    if delivery.broadcast_id and delivery.broadcast.state == "cancelled":
        return S.SKIPPED, R.BROADCAST_CANCELLED, None
    pref = getattr(delivery.person, "channel_preference", None) if delivery.person_id else None
    if pref is not None and delivery.channel in (pref.opted_out or []):
        return S.SKIPPED, R.OPTED_OUT, None
    if app is not None and app.outcome == "later":
        Delivery.objects.filter(pk=delivery.pk).update(due_at=app.when)
        return S.PENDING, "", app.when
    lateness = settings.NOTIFICATIONS_MAX_LATENESS_MINUTES.get(delivery.kind)
    if lateness is not None and now > delivery.due_at + datetime.timedelta(minutes=lateness):
        return S.MISSED, R.TOO_LATE, None
    if app is not None and app.outcome == "missed":
        return S.MISSED, app.reason, None
    if delivery.channel == "sms":
        quiet_end = quiet_hours_end(now)
        if quiet_end is not None:
            return S.PENDING, "", quiet_end
    return None


def quiet_hours_end(now):
    """When SMS quiet hours (local time) end, if `now` is inside them; otherwise None."""
    start_h, end_h = settings.NOTIFICATIONS_SMS_QUIET_HOURS
    local = timezone.localtime(now)
    in_quiet = (local.hour >= start_h or local.hour < end_h) if start_h > end_h else start_h <= local.hour < end_h
    if not in_quiet:
        return None
    end = local.replace(hour=end_h, minute=0, second=0, microsecond=0)
    if end <= local:
        end += datetime.timedelta(days=1)
    return end


def _rate_ok(channel_name):
    limit = settings.NOTIFICATIONS_RATE_LIMITS.get(channel_name)
    if not limit:
        return True
    key = f"notifications:rate:{channel_name}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        return True


def _next_minute():
    now = timezone.now()
    return now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


def _release(ids, token, at=None):
    if ids:
        fields = dict(state=S.PENDING, claim_token=None, claimed_until=None)
        if at is not None:
            fields["next_attempt_at"] = at
        Delivery.objects.filter(pk__in=ids, claim_token=token).update(**fields)


def _finish(delivery, token, *, state, reason, last_error="", attempted=False):
    fields = dict(state=state, reason=reason, last_error=last_error[:2000], claim_token=None, claimed_until=None)
    if attempted:
        fields["attempts"] = F("attempts") + 1
    Delivery.objects.filter(pk=delivery.pk, claim_token=token).update(**fields)


def retry_failed(*, ids):
    """Put failed (or missed) deliveries back in the queue, due now, with a fresh attempt count.
    Returns how many were requeued."""
    from .outbox import request_dispatch

    with transaction.atomic():
        count = Delivery.objects.filter(pk__in=ids, state__in=[S.FAILED, S.MISSED]).update(
            state=S.PENDING, reason="", attempts=0, next_attempt_at=timezone.now(), claim_token=None, claimed_until=None
        )
        request_dispatch()
    return count
