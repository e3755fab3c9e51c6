"""Dispatch benchmark: N email deliveries sent by a real Celery worker (Redis broker,
PostgreSQL) to an aiosmtpd sink that answers each command after a delay, as a relay across a
network does (--delay-ms, 20 by default), against a naive smtplib loop sending the same
messages over the same number of connections (--connections, 10 by default, the worker's
NOTIFICATIONS_CONNECTIONS) to the same kind of sink in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wlp_notif_bench REDIS_URL=redis://127.0.0.1:6379/3 \\
        .venv/bin/python bench/dispatch/run.py --count 2000
    # the local-sink figure, for information: --delay-ms 0

Prints deliveries per second, the ratio to the smtplib loop (target >= 0.9), the worker's peak
memory (target < 300 MB), and the sink's count of duplicates and missing messages (target 0).

The comparison: the baseline is one process whose threads, one per connection, render (the
same rendering code), build (Django's EmailMultiAlternatives) and send over smtplib; the
worker is a Celery worker whose one prefork child runs the dispatcher (its threads, one per
connection). Half the baseline
runs before the worker and half after, so a drift in the machine's load weighs on both. Both
sides' CPU time per message is printed too (steadier than wall time on a shared machine), and
the message each sink received for the same delivery is compared part by part.

The database named by DATABASE_URL is created and migrated if needed, and its ledger emptied
(and vacuumed after the setup, before each side runs): give it a database of its own."""

import argparse
import json
import os
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.dispatch.settings"


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def free_port(exclude=()):
    import socket

    # BENCH_SINK_PORTS (comma-separated) when the machine gives this run its own ports.
    ports = [int(p) for p in os.environ.get("BENCH_SINK_PORTS", "").split(",") if p.strip()] or \
        [2529, 2528, 2527, 8129, 8128, 8127]
    for port in (p for p in ports if p not in exclude):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit("no free port for the sink")


class SinkProcess:
    def __init__(self, port, state, sample_pk, delay):
        self.port, self.state = port, state
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("sink.py")), str(port), state,
                                      str(sample_pk), str(delay)])
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                smtplib.SMTP("127.0.0.1", port, timeout=1).quit()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("sink did not start")

    def count(self):
        try:
            return int(Path(f"{self.state}.count").read_text() or 0)
        except (FileNotFoundError, ValueError):
            return 0

    def finish(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)
        return json.loads(Path(f"{self.state}.json").read_text())


def tree_pids(pid):
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except FileNotFoundError:
            pass
    return pids


def tree_peak_rss_mb(pid):
    """(largest single-process peak RSS, sum of peaks) in MB over `pid` and its children."""
    peaks = []
    for p in tree_pids(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except FileNotFoundError:
            pass
    return (max(peaks) if peaks else 0), sum(peaks)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2_000)
    parser.add_argument("--connections", type=int, default=10, help="SMTP connections, both sides")
    parser.add_argument("--delay-ms", type=float, default=20.0, help="the sink's delay before each answer")
    parser.add_argument("--concurrency", type=int, default=1, help="worker processes (prefork)")
    parser.add_argument("--chunk", type=int, default=500)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or not os.environ.get("REDIS_URL"):
        raise SystemExit("set DATABASE_URL (PostgreSQL, a database of its own) and REDIS_URL")
    ensure_database(url)
    os.environ["BENCH_CHUNK"] = str(args.chunk)
    os.environ["BENCH_CONNECTIONS"] = str(args.connections)
    delay = args.delay_ms / 1000
    port = free_port()  # the baseline's sink
    worker_port = free_port(exclude=(port,))  # the worker's sink
    os.environ["BENCH_SMTP_PORT"] = str(worker_port)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    from campaigns.notifications.models import Broadcast, BroadcastState, Delivery, DeliveryState
    from tasks.celery_app import app as celery_app

    n = args.count
    Delivery.objects.all().delete()
    celery_app.control.purge()
    broadcast = Broadcast.objects.create(
        title="Benchmark", subject="Thông báo lịch học tháng 12", audience="run", channels=["email"],
        body="Chào {{ name }},\nLịch học tháng 12 đã được cập nhật trên trang của chương trình.\n" * 3,
        state=BroadcastState.SENDING,
    )
    print(f"creating {n:,} deliveries…", flush=True)
    from django.utils import timezone

    now = timezone.now()
    rows = (Delivery(message_key=f"broadcast:{broadcast.pk}", recipient_key=f"addr:r{i}@bench.local", channel="email",
                     kind="broadcast", address=f"r{i}@bench.local", broadcast=broadcast, due_at=now,
                     next_attempt_at=now + timezone.timedelta(days=365), state=DeliveryState.PENDING)
            for i in range(n))
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == 5000:
            Delivery.objects.bulk_create(batch)
            batch = []
    Delivery.objects.bulk_create(batch)
    vacuum(Delivery)

    state = tempfile.mkdtemp(prefix="bench-dispatch-")
    # Baseline: a plain loop over one SMTP connection that renders, builds (Django's
    # EmailMultiAlternatives, as a script would) and sends the same messages: what a script
    # without ledger or Celery would do. Half the messages go before the worker runs and half
    # after, so a change in the machine's load during the run weighs on both sides alike.
    pks = list(Delivery.objects.order_by("pk").values_list("pk", flat=True))
    sink = SinkProcess(port, f"{state}/baseline", sample_pk=pks[0], delay=delay)
    halves = [baseline_loop(port, pks[: n // 2], args.connections)]
    print(f"baseline smtplib loop, first half: {halves[0].rate:,.0f}/s", flush=True)

    # The worker: make every row due, start the worker, start the dispatcher, wait.
    Delivery.objects.update(next_attempt_at=now)
    vacuum(Delivery)
    worker_sink = SinkProcess(worker_port, f"{state}/worker", sample_pk=pks[0], delay=delay)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("celery")), "-A", "tasks.celery_app", "worker", "-P", "prefork",
         "-c", str(args.concurrency), "-Q", "bench-dispatch", "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-l", "WARNING"], cwd=ROOT, env=env)
    # Time the dispatch, not the worker's start: wait until it answers a ping.
    deadline = time.time() + 120
    while not celery_app.control.ping(timeout=1):
        if time.time() > deadline or worker.poll() is not None:
            raise SystemExit("the worker did not start")
    time.sleep(1)
    cpu_before = tree_cpu_seconds(worker.pid)
    started = time.perf_counter()
    celery_app.send_task("tasks.notifications.dispatch", queue="bench-dispatch")
    last, last_change = -1, time.time()
    while True:
        count = worker_sink.count()
        if count >= n:
            break
        if count != last:
            last, last_change = count, time.time()
        elif time.time() - last_change > 90:
            print("stalled: no progress for 90 s", flush=True)
            break
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    worker_cpu = tree_cpu_seconds(worker.pid) - cpu_before
    time.sleep(1)
    peak_one, peak_sum = tree_peak_rss_mb(worker.pid)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=60)
    received = worker_sink.finish()
    connection.close()

    halves.append(baseline_loop(port, pks[n // 2:], args.connections))
    baseline = sink.finish()
    base_time = sum(h.seconds for h in halves)
    baseline_rate = n / base_time
    send_only_rate = n / sum(h.sending for h in halves)
    base_cpu = sum(h.cpu for h in halves)

    expected = {f"<delivery-{pk}@{os.environ.get('NOTIFICATIONS_MESSAGE_ID_DOMAIN', 'phunu-lanhdao.local')}>"
                for pk in pks}
    duplicates = sum(c - 1 for c in received.values() if c > 1)
    missing = len(expected - set(received))
    unexpected = len(set(received) - expected)
    sent_rows = Delivery.objects.filter(state=DeliveryState.SENT).count()
    rate = n / elapsed
    same = same_message(Path(f"{state}/baseline.sample").read_bytes(), Path(f"{state}/worker.sample").read_bytes())
    sizes = [int(Path(f"{state}/{side}.bytes").read_text()) / max(len(seen), 1)
             for side, seen in (("baseline", baseline), ("worker", received))]
    print()
    print(f"deliveries:            {n:,}  (ledger rows sent: {sent_rows:,})")
    print(f"sink:                  answers MAIL, RCPT and DATA after {args.delay_ms:g} ms; {args.connections} connections each side")
    print(f"worker:                {elapsed:.1f}s = {rate:,.0f} deliveries/s  (prefork x{args.concurrency}, "
          f"{args.connections} connections per dispatcher, chunk {args.chunk}; CPU {worker_cpu / n * 1000:.2f} ms/message in the worker's processes)")
    print(f"baseline smtplib loop: {baseline_rate:,.0f} messages/s render+build+send, {args.connections} threads  ({len(baseline):,} received; "
          f"{halves[0].rate:,.0f}/s before the worker, {halves[1].rate:,.0f}/s after; CPU {base_cpu / n * 1000:.2f} ms/message)")
    print(f"ratio worker/baseline: {rate / baseline_rate:.2f}  (target >= 0.9)")
    print(f"ratio worker/sendmail-only: {rate / send_only_rate:.2f}  (sendmail alone: {send_only_rate:,.0f}/s)")
    print(f"same messages:         {same}; mean size {sizes[0]:,.0f} bytes (baseline) vs {sizes[1]:,.0f} bytes (worker)")
    print(f"worker peak memory:    {peak_one:.0f} MB largest process, {peak_sum:.0f} MB all processes  (target < 300 MB)")
    print(f"duplicates: {duplicates}   missing: {missing}   unexpected: {unexpected}")


def vacuum(model):
    """VACUUM ANALYZE the table: the setup's DELETE and UPDATE leave a dead row per row, which
    autovacuum (off on some development servers) would clear in a real ledger."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    connection.close()


class Timed:
    def __init__(self, count, seconds, sending, cpu):
        self.count, self.seconds, self.sending, self.cpu = count, seconds, sending, cpu
        self.rate = count / seconds if seconds else 0.0


def baseline_loop(port, pks, connections):
    """Render, build and send the deliveries `pks` over `connections` smtplib connections, one
    thread each (a naive script). Returns the wall time, the summed time inside sendmail and
    this process's CPU time."""
    from concurrent.futures import ThreadPoolExecutor

    from django.core.mail import EmailMultiAlternatives
    from django.db import connections as databases

    from campaigns.notifications.models import Delivery
    from campaigns.notifications.services.rendering import TemplateCache, render_delivery

    def one_connection(share):
        templates = TemplateCache()
        smtp = smtplib.SMTP("127.0.0.1", port)
        sending = 0.0
        try:
            rows = Delivery.objects.select_related("broadcast").filter(pk__in=share).order_by("pk")
            for delivery in rows.iterator(chunk_size=2000):
                message = render_delivery(delivery, templates)
                email = EmailMultiAlternatives(subject=message.subject, body=message.text, to=[delivery.address],
                                               headers={"Message-ID": f"<baseline-{delivery.pk}@bench>"})
                email.attach_alternative(message.html, "text/html")
                data = email.message().as_bytes(linesep="\r\n")
                sent = time.perf_counter()
                smtp.sendmail(email.from_email, [delivery.address], data)
                sending += time.perf_counter() - sent
            smtp.quit()
        finally:
            databases.close_all()
        return sending

    shares = [pks[i::connections] for i in range(connections)]
    cpu_started = time.process_time()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        sending = sum(pool.map(one_connection, shares)) / connections
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return Timed(len(pks), seconds, sending, cpu)


def same_message(baseline, worker):
    """Whether the message each sink received for the same delivery has the same headers,
    subject, addresses and text and HTML parts; Message-ID, Date and MIME boundary may differ."""
    import email
    from email import policy

    def summary(raw):
        msg = email.message_from_bytes(raw, policy=policy.default)
        parts = {part.get_content_type(): part.get_content() for part in msg.walk() if not part.is_multipart()}
        headers = sorted(k for k in msg.keys() if k.lower() not in ("message-id", "date"))
        return headers, str(msg["Subject"]), msg["From"], msg["To"], msg.get_content_type(), parts

    a, b = summary(baseline), summary(worker)
    if a == b:
        return "yes (same headers, subject, addresses, text and HTML parts)"
    return "NO: " + "; ".join(name for name, x, y in zip(("headers", "subject", "from", "to", "type", "parts"), a, b, strict=True)
                              if x != y) + " differ"


def tree_cpu_seconds(pid):
    """User + system CPU seconds of `pid` and its children so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in tree_pids(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks

if __name__ == "__main__":
    main()
