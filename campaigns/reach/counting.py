"""Counting in memory, written in bulk.

A request adds one to a counter in this process's memory (a dict under a lock: no database,
no cache server on the page's path). The counters are written to the database as increments
(`INSERT … ON CONFLICT … DO UPDATE SET n = n + excluded.n`) when REACH_FLUSH_HITS hits have
gathered, when REACH_FLUSH_SECONDS have passed (checked after each request, and by a timer
thread so an idle process writes too), and when the process exits. A flush takes the
counters out of memory before it writes them, so a second flush has nothing left to add:
counts never double. A flush that fails puts its counts back for the next one."""

import atexit
import datetime
import logging
import os
import threading
import time
from collections import Counter

from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from config.hot import hot_settings

logger = logging.getLogger(__name__)

VIEW, REFERRAL, CLICK = "view", "referral", "click"
# (table, key columns, counted column); the key of each counter is the key columns' values.
_TABLES = {
    VIEW: ("reach_pathviewday", ("day", "path", "page_id"), "views"),
    REFERRAL: ("reach_referralday", ("day", "campaign", "path"), "views"),
    CLICK: ("reach_clickday", ("day", "campaign", "message", "url"), "clicks"),
}
_CONFLICT = {VIEW: ("day", "path"), REFERRAL: ("day", "campaign", "path"), CLICK: ("day", "campaign", "message", "url")}
_CHUNK = 300


def flush_hits():
    return getattr(hot_settings, "REACH_FLUSH_HITS", 1000)  # asked after every request


def flush_seconds():
    return getattr(settings, "REACH_FLUSH_SECONDS", 5.0)


class Buffer:
    """This process's counters since the last flush."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counters = {kind: Counter() for kind in _TABLES}
        self.hits = 0
        self.since = time.monotonic()
        self.flushing = threading.Lock()
        self.pid = None

    def add(self, kind, key, n=1):
        with self.lock:
            self.counters[kind][key] += n
            self.hits += 1
        _start_timer()

    def due(self):
        return self.hits >= flush_hits() or (self.hits and time.monotonic() - self.since >= flush_seconds())

    def take(self):
        """The counters gathered so far, leaving empty ones in their place."""
        with self.lock:
            taken, self.counters = self.counters, {kind: Counter() for kind in _TABLES}
            self.hits, self.since = 0, time.monotonic()
        return taken

    def put_back(self, taken):
        with self.lock:
            for kind, counter in taken.items():
                self.counters[kind].update(counter)
                self.hits += len(counter)


buffer = Buffer()


_day = (None, 0.0)  # (the local day, the time.time() at which it ends), replaced as one


def today():
    """The day a count belongs to, in the site's time zone (Asia/Ho_Chi_Minh); worked out
    once per day (timezone.localdate() costs more than counting itself)."""
    global _day
    day, ends = _day
    now = time.time()
    if day is None or now >= ends or now < ends - 86400:
        local = timezone.localtime()
        day = local.date()
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
        _day = (day, midnight.timestamp())
    return day


def count_view(path, page_id=None, *, day=None):
    buffer.add(VIEW, (day or today(), path[:255], page_id))


def count_referral(campaign, path, *, day=None):
    buffer.add(REFERRAL, (day or today(), campaign[:80], path[:255]))


def count_click(campaign, message, url, *, day=None):
    buffer.add(CLICK, (day or today(), campaign[:80], message[:80], url[:500]))


def flush():
    """Write what this process has counted; returns the number of rows touched. Safe to
    call at any time and any number of times (one flush at a time per process)."""
    with buffer.flushing:
        taken = buffer.take()
        if not any(taken.values()):
            return 0
        try:
            return _write(taken)
        except Exception:
            buffer.put_back(taken)
            raise


def _write(taken):
    from . import hooks

    referrals = taken[REFERRAL]
    if referrals:  # anyone can type ?cd=: keep the arrivals of known campaigns only
        known = hooks.known_campaigns({key[1] for key in referrals})
        taken = {**taken, REFERRAL: Counter({key: n for key, n in referrals.items() if key[1] in known})}
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for kind, counter in taken.items():
            if not counter:
                continue
            table, columns, counted = _TABLES[kind]
            update = f"{counted} = {table}.{counted} + excluded.{counted}"
            if kind == VIEW:  # a cached page's view may not know its page: keep the one known
                update += f", page_id = COALESCE(excluded.page_id, {table}.page_id)"
            extra = ", visitors" if kind == VIEW else ""
            rows = sorted(counter.items(), key=lambda item: tuple("" if v is None else str(v) for v in item[0]))
            for start in range(0, len(rows), _CHUNK):
                chunk = rows[start:start + _CHUNK]
                width = len(columns) + 1 + (1 if kind == VIEW else 0)
                values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(chunk))
                args = []
                for key, n in chunk:
                    args += [*key, n] + ([0] if kind == VIEW else [])
                cursor.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}, {counted}{extra}) VALUES {values} "
                    f"ON CONFLICT ({', '.join(_CONFLICT[kind])}) DO UPDATE SET {update}",
                    args,
                )
                written += len(chunk)
    return written


def flush_if_due(**_kwargs):
    """After a request: flush when enough hits or time have gathered (never raises)."""
    if buffer.due():
        _safe_flush()


def _safe_flush():
    try:
        flush()
    except Exception:  # the counts stay in memory for the next flush
        logger.exception("reach: writing the counters failed; they will be written with the next flush")


def _timer():
    while True:
        time.sleep(flush_seconds())
        if buffer.hits:
            close_old_connections()
            _safe_flush()
            close_old_connections()


_timer_lock = threading.Lock()


def _start_timer():
    """One timer thread per process, started by its first count (after a fork: gunicorn's
    workers each start their own)."""
    if buffer.pid == os.getpid():
        return
    with _timer_lock:
        if buffer.pid == os.getpid():
            return
        buffer.pid = os.getpid()
        if getattr(settings, "REACH_FLUSH_TIMER", True):
            threading.Thread(target=_timer, name="reach-flush", daemon=True).start()


def _flush_at_exit():
    if getattr(settings, "REACH_FLUSH_AT_EXIT", True):
        _safe_flush()


def connect():
    request_finished.connect(flush_if_due, dispatch_uid="reach-flush-if-due")
    atexit.register(_flush_at_exit)
