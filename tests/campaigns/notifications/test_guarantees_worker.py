"""The ledger's guarantees, each against a real Celery worker and a real SMTP server."""

import signal

import pytest
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryState, MessageKind
from campaigns.notifications.services import dispatch
from campaigns.notifications.services.outbox import queue_message
from tasks import notifications as tasks

from . import procs
from .factories import PersonFactory


def make_deliveries(n, prefix="test"):
    people = PersonFactory.create_batch(n)
    for person in people:
        queue_message(message_key=f"{prefix}:{person.pk}", kind=MessageKind.BROADCAST, person=person,
                      channels=["email"], context={"subject": "Thử nghiệm", "body": "Nội dung"})
    return people


def all_sent(n):
    return lambda: Delivery.objects.filter(state=DeliveryState.SENT).count() >= n


def assert_each_sent_once(sink, n):
    assert sink.duplicates() == {}
    assert len(sink.accepted) == n
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == n
    assert set(sink.accepted) == {f"<delivery-{pk}@phunu-lanhdao.local>" for pk in Delivery.objects.values_list("pk", flat=True)}


def test_dispatcher_run_twice_by_a_worker_sends_each_delivery_once(celery_worker, email_to_sink, settings):
    settings.NOTIFICATIONS_CHUNK_SIZE = 7
    make_deliveries(25)
    for _ in range(2):
        tasks.dispatch.delay()
        tasks.send_due.delay()
    assert procs.wait_for(all_sent(25), timeout=60)
    # And once more, in this process: nothing is left to send.
    assert dispatch.run_dispatcher(budget_seconds=5).get("sent", 0) == 0
    procs.drained()
    assert_each_sent_once(email_to_sink, 25)


def test_two_worker_processes_at_once_send_each_delivery_once(transactional_db, sink):
    make_deliveries(60)
    workers = [procs.start_worker(f"w{i}", smtp_port=sink.port, WLP_TEST_CHUNK=4) for i in range(2)]
    try:
        for _ in range(8):
            tasks.send_due.delay()
        assert procs.wait_for(all_sent(60), timeout=90, procs=workers)
    finally:
        for worker in workers:
            procs.stop(worker)
    assert_each_sent_once(sink, 60)


def test_worker_killed_mid_batch_then_new_worker_sends_each_delivery_once(transactional_db, sink):
    make_deliveries(20)
    sink.hold_after = 5  # the 6th conversation waits: the worker is mid-send
    first = procs.start_worker("doomed", smtp_port=sink.port, WLP_TEST_LEASE=3, WLP_TEST_CHUNK=50)
    try:
        tasks.send_due.delay()
        assert procs.wait_for(sink.held.is_set, timeout=60, procs=[first])
        procs.stop(first, signal.SIGKILL)
    finally:
        procs.stop(first, signal.SIGKILL)
    sink.release.set()
    # The 5th result's UPDATE left the worker before the 6th conversation began; on PostgreSQL
    # it is committed on a connection of its own, which the database finishes without the
    # worker (services/recording.py): allow it that moment.
    assert procs.wait_for(lambda: Delivery.objects.filter(state=DeliveryState.SENT).count() == 5, timeout=10)
    assert Delivery.objects.filter(state=DeliveryState.SENDING).count() == 15  # held by the dead worker's lease

    second = procs.start_worker("heir", smtp_port=sink.port, WLP_TEST_LEASE=3, WLP_TEST_CHUNK=50)
    try:
        def kick_and_check():
            tasks.send_due.delay()
            return all_sent(20)()
        assert procs.wait_for(kick_and_check, timeout=60, interval=1, procs=[second])
    finally:
        procs.stop(second)
    assert_each_sent_once(sink, 20)


def test_five_worker_kills_each_repeat_at_most_one_message_per_open_connection(transactional_db, sink):
    """The worst moment to die: the relay has taken the message and its "250" is on the way.
    Each such message is sent again by the next worker (the ledger never learnt of it), so a
    kill repeats exactly the conversations it cut: at most one per open connection, each with
    its stable Message-ID. Five kills, three connections per dispatcher."""
    connections, kills = 3, 5
    make_deliveries(60)
    cut = []
    for kill in range(kills):
        sink.release.clear()
        sink.held.clear()
        sink.hold_reply_after = len(sink.accepted) + 4
        doomed = procs.start_worker(f"doomed{kill}", smtp_port=sink.port, WLP_TEST_LEASE=3, WLP_TEST_CHUNK=10,
                                    WLP_TEST_CONNECTIONS=connections)
        try:
            tasks.send_due.delay()
            assert procs.wait_for(sink.held.is_set, timeout=60, procs=[doomed])
            procs.wait_for(lambda: sink.holding == connections, timeout=5)  # the other connections too
            cut.append(sink.holding)
            procs.stop(doomed, signal.SIGKILL)
        finally:
            procs.stop(doomed, signal.SIGKILL)
            sink.release.set()
        assert procs.wait_for(lambda: not Delivery.objects.filter(  # the dead worker's lease runs out
            state=DeliveryState.SENDING, claimed_until__gte=timezone.now()).exists(), timeout=10)
    sink.hold_reply_after = None
    heir = procs.start_worker("heir", smtp_port=sink.port, WLP_TEST_LEASE=3, WLP_TEST_CONNECTIONS=connections)
    try:
        def kick_and_check():
            tasks.send_due.delay()
            return all_sent(60)()
        assert procs.wait_for(kick_and_check, timeout=120, interval=1, procs=[heir])
    finally:
        procs.stop(heir)
    assert all(1 <= n <= connections for n in cut), cut
    # Every cut conversation, and nothing else, was sent again, under the same Message-ID (a
    # resend can itself be cut by the next kill: then that message went three times).
    duplicates = sink.duplicates()
    assert sum(n - 1 for n in duplicates.values()) == sum(cut)
    expected = {f"<delivery-{pk}@phunu-lanhdao.local>" for pk in Delivery.objects.values_list("pk", flat=True)}
    assert set(sink.accepted) == expected
    print(f"conversations cut per kill: {cut}; duplicates: {sum(cut)} over {kills} kills")


def test_two_beat_processes_running_by_mistake_send_no_duplicates(transactional_db, sink):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="dispatch (test)", task="tasks.notifications.dispatch", interval=every_second)
    make_deliveries(30)
    running = [procs.start_beat(), procs.start_beat(), procs.start_worker("w", smtp_port=sink.port, WLP_TEST_CHUNK=5)]
    try:
        assert procs.wait_for(all_sent(30), timeout=90, procs=running)
        # Both beats keep firing: later ticks must find nothing to send.
        make_deliveries(10, prefix="late")
        assert procs.wait_for(all_sent(40), timeout=60, procs=running)
        procs.drained()  # every tick queued so far has run and found nothing more to send
    finally:
        for proc in running:
            procs.stop(proc)
    assert_each_sent_once(sink, 40)


def test_smtp_4xx_then_2xx_is_sent_after_a_retry(celery_worker, email_to_sink, settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 1
    email_to_sink.reply = lambda message_id, attempt: "451 4.3.0 Máy chủ bận, thử lại sau" if attempt == 1 else None
    make_deliveries(3)
    tasks.send_due.delay()
    assert procs.wait_for(lambda: Delivery.objects.filter(attempts=1, state=DeliveryState.PENDING).count() == 3, timeout=30)
    row = Delivery.objects.first()
    assert row.last_error.startswith("451")
    assert procs.wait_for(lambda: not Delivery.objects.filter(next_attempt_at__gt=timezone.now()).exists(),
                          timeout=10)  # the retry is due
    tasks.send_due.delay()
    assert procs.wait_for(all_sent(3), timeout=30)
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {2}
    assert_each_sent_once(email_to_sink, 3)


def test_smtp_5xx_is_failed_with_the_error_recorded_and_not_retried(celery_worker, email_to_sink, settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 0
    email_to_sink.reply = lambda message_id, attempt: "550 5.1.1 Hộp thư không tồn tại"
    make_deliveries(2)
    tasks.send_due.delay()
    assert procs.wait_for(lambda: Delivery.objects.filter(state=DeliveryState.FAILED).count() == 2, timeout=30)
    tasks.send_due.delay()
    procs.drained()
    for row in Delivery.objects.all():
        assert row.state == DeliveryState.FAILED and row.attempts == 1
        assert row.last_error.startswith("550") and "5.1.1" in row.last_error
    assert email_to_sink.accepted == []
    assert sum(email_to_sink.attempts.values()) == 2


pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
