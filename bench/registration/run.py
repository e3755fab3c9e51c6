"""Registration under load: gunicorn on PostgreSQL, 500 concurrent registration requests for
a run with 100 seats. Expected: exactly 100 confirmed, 400 waitlisted, no 5xx. Prints
throughput and p50/p95 latency, against a baseline measured in the same run: 500 concurrent
reads of the same run's API detail (same server, same database, no lock, no write).

    .venv/bin/python bench/registration/run.py [--requests 500] [--seats 100] [--port 8111]

Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/wlp_bench_registration,
dropped and recreated) and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/2; the
enqueued messages are purged at the end). The server listens on 127.0.0.1 only."""

import argparse
import datetime
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def environment(args):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        SECRET_KEY=args.secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        CONN_MAX_AGE="60",
        LOG_LEVEL="WARNING",
        SITE_URL=f"http://127.0.0.1:{args.port}",
        DEFAULT_FROM_EMAIL="Bench <no-reply@bench.example>",
    )
    return env


def recreate_database(url):
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(args):
    """Migrate, then create a run with `seats` seats and `requests` trainees, each with a
    logged-in session. Returns (run id, [session keys])."""
    os.environ.update(environment(args))
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=os.environ, check=True)
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from campaigns.accounts.models import User
    from campaigns.programme.models import Person
    from campaigns.training.models import Course, CourseRun, Session

    course = Course.objects.create(title="Khóa học đo tải", slug="khoa-hoc-do-tai", hours=8)
    run = CourseRun.objects.create(course=course, title="Lớp đo tải", capacity=args.seats)
    start = timezone.now() + datetime.timedelta(days=10)
    Session.objects.create(run=run, title="Buổi 1", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(username=f"bench{i}", email=f"bench{i}@example.vn", password="!", email_verified_at=now,
                 consent_version="2026-01", consent_given_at=now)
            for i in range(args.requests)
        ]
    )
    Person.objects.bulk_create([Person(full_name=f"Học viên đo tải {i}", gender="female", user=u) for i, u in enumerate(users)])
    keys = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "campaigns.accounts.backends.EmailOrUsernameBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys.append(store.session_key)
    return run.pk, keys


def start_server(args):
    command = [
        str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{args.port}",
        "--workers", str(args.workers), "--worker-class", "gthread", "--threads", str(args.threads),
        "--backlog", "2048", "--log-level", "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=environment(args))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            conn.request("GET", "/api/training/courses/")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def fire(args, requests):
    """Send all `requests` (method, path, body, headers) at once; returns [(status, seconds)]."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def one(index, method, path, body, headers):
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
        barrier.wait()
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            status = conn.getresponse().status
        except OSError:
            status = 0
        results[index] = (status, time.perf_counter() - started)
        conn.close()

    threads = [threading.Thread(target=one, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - began


def report(name, results, elapsed):
    latencies = sorted(seconds for _status, seconds in results)
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    statuses = {}
    for status, _seconds in results:
        statuses[status] = statuses.get(status, 0) + 1
    throughput = len(results) / elapsed
    print(f"{name:<14} {len(results)} requests in {elapsed:.2f} s · {throughput:.0f} req/s · p50 {p50 * 1000:.0f} ms · p95 {p95 * 1000:.0f} ms · statuses {dict(sorted(statuses.items()))}")
    return throughput, p50, p95, statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seats", type=int, default=100)
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_registration"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"))
    args = parser.parse_args()
    args.secret_key = secrets.token_urlsafe(50)

    recreate_database(args.database_url)
    run_id, keys = prepare(args)
    server = start_server(args)
    try:
        token = secrets.token_hex(16)  # the CSRF cookie and header only have to match
        read = [("GET", f"/api/training/runs/{run_id}/", None, {"Cookie": f"sessionid={key}"}) for key in keys]
        body = json.dumps({"run": run_id})
        write = [
            ("POST", "/api/training/registrations/", body,
             {"Cookie": f"sessionid={key}; csrftoken={token}", "X-CSRFToken": token, "Content-Type": "application/json"})
            for key in keys
        ]
        print(f"gunicorn {args.workers} workers × {args.threads} threads on PostgreSQL; {args.requests} trainees, {args.seats} seats")
        base = report("baseline read", *fire(args, read))
        reg = report("registration", *fire(args, write))
    finally:
        server.terminate()
        server.wait(10)
    from campaigns.training.models import Registration

    counts = {status: Registration.objects.filter(run_id=run_id, status=status).count() for status in ("confirmed", "waitlisted")}
    errors = sum(n for status, n in reg[3].items() if status >= 500 or status == 0)
    print(f"ratio to baseline: throughput {reg[0] / base[0]:.2f}× · p50 {reg[1] / base[1]:.2f}× · p95 {reg[2] / base[2]:.2f}×")
    print(f"result: {counts['confirmed']} confirmed, {counts['waitlisted']} waitlisted, {errors} server errors")
    subprocess.run([str(ROOT / ".venv/bin/celery"), "-A", "tasks.celery_app", "purge", "-f"], cwd=ROOT, env=environment(args),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    expected = (args.seats, args.requests - args.seats)
    ok = (counts["confirmed"], counts["waitlisted"]) == expected and errors == 0 and reg[3].get(201, 0) == args.requests
    print("OK" if ok else f"FAILED: expected {expected[0]} confirmed, {expected[1]} waitlisted, no 5xx")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
