"""Recording "sent" results on a second PostgreSQL connection while the next message is built
(services/recording.py): the row ends as the ORM would leave it, and a lost recording stops the
dispatcher before the next message goes out. SQLite records in line (covered everywhere else)."""

import time

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryState, MessageKind
from campaigns.notifications.services.dispatch import claim_due, run_dispatcher
from campaigns.notifications.services.outbox import queue_message
from campaigns.notifications.services.recording import APPLICATION_NAME, ResultNotRecorded, ResultRecorder, record_sent

from .factories import PersonFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the overlapped path is PostgreSQL only")

FIELDS = ("state", "attempts", "provider_message_id", "last_error", "claim_token", "claimed_until", "sent_at")


def make_deliveries(n):
    for person in PersonFactory.create_batch(n):
        queue_message(message_key=f"rec:{person.pk}", kind=MessageKind.BROADCAST, person=person,
                      channels=["email"], context={"subject": "Thử nghiệm", "body": "Nội dung"})


def test_a_result_recorded_on_the_second_connection_equals_the_orm_update(transactional_db):
    make_deliveries(2)
    token, _deadline, count = claim_due(limit=10)
    assert count == 2
    ours, reference = Delivery.objects.order_by("pk")
    sent_at = timezone.now()
    with ResultRecorder() as recorder:
        assert recorder.overlapping
        recorder.sent(ours.pk, token, "<id-1@x>", sent_at)
    record_sent(reference.pk, token, "<id-1@x>", sent_at)
    ours.refresh_from_db()
    reference.refresh_from_db()
    assert {f: getattr(ours, f) for f in FIELDS} == {f: getattr(reference, f) for f in FIELDS}
    assert ours.state == DeliveryState.SENT and ours.attempts == 1 and ours.claim_token is None


def test_a_result_lost_with_its_connection_stops_the_dispatcher_before_the_next_send(transactional_db, email_to_sink):
    make_deliveries(6)
    params = connection.get_connection_params()
    seen = []

    def kill_recorder_on_third_message(message_id, attempt):
        seen.append(message_id)
        if len(seen) == 3:  # the recorder's connection dies while the 3rd message is being accepted
            with psycopg.connect(dbname=params["dbname"], user=params.get("user"), password=params.get("password"),
                                 host=params.get("host"), port=params.get("port"), autocommit=True) as admin:
                query = "FROM pg_stat_activity WHERE application_name = %s AND datname = current_database()"
                admin.execute(f"SELECT pg_terminate_backend(pid) {query}", [APPLICATION_NAME])
                while admin.execute(f"SELECT count(*) {query}", [APPLICATION_NAME]).fetchone()[0]:
                    time.sleep(0.02)
        return None  # accept it

    email_to_sink.reply = kill_recorder_on_third_message
    with pytest.raises(ResultNotRecorded):
        run_dispatcher(budget_seconds=5)
    assert len(email_to_sink.accepted) == 3 and len(email_to_sink.attempts) == 3  # the 4th never started
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 2
    # The 3rd went out unrecorded: still claimed, like the message in flight when a worker dies.
    assert Delivery.objects.filter(state=DeliveryState.SENDING).count() == 4
