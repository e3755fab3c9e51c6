"""Committing "sent" results while the next message is being prepared.

The dispatcher commits each send's result before the next message is handed over. Waiting
for that commit in line costs a database round trip per message; ResultRecorder overlaps it
with useful work: sent() writes the row's UPDATE to a database connection of its own and
returns without reading the reply; the dispatcher renders, builds and addresses the next
message meanwhile (the database executes and commits the UPDATE on its own); wait() — called
just before the next message is handed over (over SMTP: after RCPT, before DATA) — reads the
reply, so it returns only once the commit is done, and raises ResultNotRecorded if it failed
(the next message is then abandoned undelivered). So at any moment at most one message is sent
but not yet recorded, as when every UPDATE was waited for in line. The UPDATE is one
autocommit statement, written in full before the next message's first SMTP command: once its
bytes have left the worker the database commits it, even if the worker is killed.

Used on PostgreSQL outside a transaction (NOTIFICATIONS_OVERLAP_RESULT_COMMITS), through
libpq's asynchronous calls (psycopg.pq) on a second connection that nothing else uses. In any
other case (SQLite, whose writes serialise anyway; a caller's open transaction, which a second
connection could not see) sent() runs the same UPDATE through the ORM, in line."""

import functools

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import F

from campaigns.notifications.models import Delivery, DeliveryState

APPLICATION_NAME = "notifications-results"  # the second connection, as pg_stat_activity shows it


class ResultNotRecorded(Exception):
    """The previous send's result could not be committed: stop before sending anything else."""


def record_sent(pk, token, provider_id, sent_at):
    """The "sent" UPDATE through the ORM (what _sent_sql() below does with libpq)."""
    Delivery.objects.filter(pk=pk, claim_token=token).update(
        state=DeliveryState.SENT, sent_at=sent_at, provider_message_id=provider_id[:255], attempts=F("attempts") + 1,
        last_error="", claim_token=None, claimed_until=None,
    )


@functools.cache
def _sent_sql():
    quote = connection.ops.quote_name
    column = {name: quote(Delivery._meta.get_field(name).column) for name in (
        "id", "state", "sent_at", "provider_message_id", "attempts", "last_error", "claim_token", "claimed_until")}
    return (
        f"UPDATE {quote(Delivery._meta.db_table)} SET {column['state']} = $1, {column['sent_at']} = $2, "
        f"{column['provider_message_id']} = $3, {column['attempts']} = {column['attempts']} + 1, "
        f"{column['last_error']} = '', {column['claim_token']} = NULL, {column['claimed_until']} = NULL "
        f"WHERE {column['id']} = $4 AND {column['claim_token']} = $5"
    ).encode()


class ResultRecorder:
    def __init__(self, *, session_sql=()):
        """`session_sql`: statements run once on the recorder's own connection (session options)."""
        self._session_sql = session_sql
        self._db = None  # the second connection, opened on first use
        self._pending = False
        self.overlapping = (settings.NOTIFICATIONS_OVERLAP_RESULT_COMMITS and connection.vendor == "postgresql"
                            and not connection.in_atomic_block)

    def sent(self, pk, token, provider_id, sent_at):
        """Record that the delivery `pk` was sent. Waits for the previous result first."""
        self.wait()
        if not self.overlapping:
            record_sent(pk, token, provider_id, sent_at)
            return
        params = [DeliveryState.SENT.value, sent_at.isoformat(), provider_id[:255], str(pk), str(token)]
        pgconn = self._pgconn()
        try:
            pgconn.send_query_params(_sent_sql(), [p.encode() for p in params])  # blocking mode: sent on return
        except Exception as exc:
            raise ResultNotRecorded(f"{type(exc).__name__}: {exc}") from exc
        self._pending = True

    def wait(self):
        """Return once the last recorded result is committed; raise ResultNotRecorded if it failed."""
        if not self._pending:
            if self.overlapping:
                self._pgconn()  # connect before the first send, so a failure sends nothing
            return
        self._pending = False
        from psycopg import pq

        pgconn = self._db.connection.pgconn
        results = []
        while (result := pgconn.get_result()) is not None:
            results.append(result)
        errors = [r.error_message.decode(errors="replace").strip() for r in results
                  if r.status != pq.ExecStatus.COMMAND_OK]
        if errors or not results:
            raise ResultNotRecorded("; ".join(errors) or pgconn.error_message.decode(errors="replace").strip())

    def _pgconn(self):
        if self._db is None:
            self._db = connections.create_connection(DEFAULT_DB_ALIAS)
            with self._db.cursor() as cursor:
                for sql in [f"SET application_name = '{APPLICATION_NAME}'", *self._session_sql]:
                    cursor.execute(sql)
            self._db.connection.pgconn.nonblocking = 0
        return self._db.connection.pgconn

    def close(self):
        try:
            self.wait()
        finally:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
