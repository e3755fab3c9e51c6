"""The registration rush: N trainees press "Đăng ký" at once for a run with fewer seats, on
gunicorn, against a read baseline measured in the same run.

    .venv/bin/python bench/registration/run.py [--runs 20] [--requests 500] [--seats 100]
        [--worker-class gthread|sync] [--workers 4] [--threads 4] [--port 8111]
    .venv/bin/python bench/registration/run.py --default-stack [--runs 3]

Each run opens a new run (class) with `seats` seats, then fires two bursts with the same
`requests` trainees, each signed in (her own session, CSRF cookie and header):
  1. baseline: every trainee GETs the run's API detail once, all at once;
  2. rush: every trainee POSTs her registration once, all at once.
The client is wrk (bench/registration/burst.lua: one connection per trainee, keep-alive, one
request each) or, where wrk is missing (or with BENCH_CLIENT=python), Python threads; the
output says which. Targets, per
run: exactly `seats` confirmed and the rest waitlisted, every answer 201; registration
throughput ≥ 0.8× the baseline's; registration p95 ≤ 1.5× the baseline's. The load average
is printed with each run: the machine's two cores may be shared.

Stacks: by default PostgreSQL + Redis + gunicorn with the production settings and
config/gunicorn.py (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/wlp_bench_registration,
dropped and recreated; BENCH_REDIS_URL, default redis://127.0.0.1:6379/2, purged at the end).
`--default-stack` runs the README's run command's stack — SQLite, the filesystem broker,
gunicorn started as `dev.py run` starts it (Procfile.dev, dev settings) — in a fresh VAR_DIR,
with 300 trainees and 60 seats, then the PostgreSQL stack with the same numbers, and prints
the two side by side. The demo's reminder rules (3 reminders before each session) are loaded,
as in use; a registration writes its status message under the lock and leaves her reminders
and the waiting list's order to the worker after its commit (no worker runs here: the
broker's queue is purged at the end). The server listens on
127.0.0.1 only."""

import argparse
import datetime
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.registration.burst import client_name, fire  # noqa: E402

BIN = Path(sys.executable).parent
LABELS = {"pg": "PostgreSQL + Redis", "default": "SQLite + filesystem broker (dev.py run)"}


def environment(args, stack):
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    common = dict(SITE_URL=f"http://127.0.0.1:{args.port}", PORT=str(args.port), LOG_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    if stack.name == "default":
        # dev.py's process_environment(): the development settings, everything under VAR_DIR.
        env.update(common, DJANGO_SETTINGS_MODULE="config.settings.dev", VAR_DIR=str(stack.var_dir),
                   PATH=os.pathsep.join([str(BIN), env.get("PATH", os.defpath)]))
        return env
    env.update(
        common,
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=args.database_url,
        REDIS_URL=args.redis_url,
        SECRET_KEY=args.secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        CONN_MAX_AGE="60",
        DEFAULT_FROM_EMAIL="Bench <no-reply@bench.example>",
        VAR_DIR=str(stack.var_dir),
    )
    return env


def recreate_database(url):
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


class Stack:
    """One server stack: its database, its trainees (signed in), its gunicorn."""

    def __init__(self, name, args):
        self.name, self.args = name, args
        self.var_dir = Path(tempfile.mkdtemp(prefix=f"bench-registration-{name}-"))
        (self.var_dir / "static").mkdir()
        self.env = environment(args, self)
        self.keys_file = self.var_dir / "trainees.txt"
        self.server = None

    @property
    def label(self):
        return LABELS[self.name]

    def prepare(self):
        """Migrate, then create `requests` trainees, each with a signed-in session; their
        session keys and CSRF tokens go to keys_file, one trainee a line."""
        if self.name == "pg":
            recreate_database(self.args.database_url)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=self.env, check=True)
        code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.registration.data import trainees; trainees({self.args.requests}, {str(self.keys_file)!r})"
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=self.env, check=True)

    def new_run(self, seats):
        return int(self._data(f"new_run({seats})"))

    def counts(self, run_id):
        confirmed, waitlisted, total = self._data(f"counts({run_id})").split()
        return int(confirmed), int(waitlisted), int(total)

    def _data(self, call):
        code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from bench.registration import data; print(data.{call})"
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True)
        return out.stdout.strip().splitlines()[-1]

    def start(self):
        command = [str(BIN / "gunicorn"), "config.wsgi", "--config", "config/gunicorn.py", "--bind", f"127.0.0.1:{self.args.port}"]
        if self.name == "pg":
            command += ["--worker-class", self.args.worker_class, "--workers", str(self.args.workers),
                        "--threads", str(self.args.threads)]
        self.server = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)
        import http.client

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.args.port, timeout=5)
                conn.request("GET", "/api/training/courses/")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start")

    def stop(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(20)
            self.server = None

    def clean(self):
        if self.name == "pg":
            subprocess.run([str(BIN / "celery"), "-A", "tasks.celery_app", "purge", "-f"], cwd=ROOT, env=self.env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.var_dir, ignore_errors=True)


def describe(name, result):
    statuses = ", ".join(f"{status}: {n}" for status, n in sorted(result["statuses"].items()))
    return (f"  {name:<13} {result['answers']:>4} answers in {result['seconds']:6.2f} s · {result['rps']:6.1f} req/s · "
            f"p50 {result['p50'] * 1000:6.0f} ms · p95 {result['p95'] * 1000:6.0f} ms · {{{statuses}}}"
            f"{' · wrk socket errors ' + str(result['socket_errors']) if result['socket_errors'] else ''}")


def one_run(stack, number):
    args = stack.args
    run_id = stack.new_run(args.seats)
    load = os.getloadavg()
    read = fire(stack, "GET", f"/api/training/runs/{run_id}/", "")
    rush = fire(stack, "POST", "/api/training/registrations/", f'{{"run": {run_id}}}')
    confirmed, waitlisted, total = stack.counts(run_id)
    # Every trainee's answer is counted by status: a request that failed shows as a missing 201.
    # (wrk also counts as a socket error a keep-alive connection the server closes while it sits
    # idle after its one answer; those are printed, not failures.)
    exact = (confirmed, waitlisted, total) == (args.seats, args.requests - args.seats, args.requests) and \
        rush["statuses"] == {201: args.requests}
    throughput, p95 = rush["rps"] / read["rps"], rush["p95"] / read["p95"]
    verdict = {"exact": exact, "throughput": throughput >= 0.8, "p95": p95 <= 1.5}
    print(f"run {number}: load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (before), client {read['client']}")
    print(describe("baseline read", read))
    print(describe("registration", rush))
    print(f"  result: {confirmed} confirmed, {waitlisted} waitlisted, {total} registrations · "
          f"{'PASS' if verdict['exact'] else 'FAIL'} exactly {args.seats}/{args.requests - args.seats}, every answer 201")
    print(f"  throughput {rush['rps']:.1f} vs {read['rps']:.1f} req/s = {throughput:.2f}× · "
          f"{'PASS' if verdict['throughput'] else 'FAIL'} (≥ 0.8×)")
    print(f"  p95 {rush['p95'] * 1000:.0f} vs {read['p95'] * 1000:.0f} ms = {p95:.2f}× · "
          f"{'PASS' if verdict['p95'] else 'FAIL'} (≤ 1.5×)", flush=True)
    return {"read": read, "rush": rush, "ratio_rps": throughput, "ratio_p95": p95, "verdict": verdict, "load": load[0]}


def run_stack(stack):
    args = stack.args
    server = ("gunicorn as dev.py run starts it (config/gunicorn.py)" if stack.name == "default" else
              f"gunicorn {args.workers} {args.worker_class} workers" + (f" × {args.threads} threads" if args.worker_class == "gthread" else ""))
    print(f"\n== {stack.label}: {server}; {args.requests} trainees, {args.seats} seats, {args.runs} runs; client {client_name()}")
    stack.prepare()
    stack.start()
    try:
        fire(stack, "GET", "/api/training/courses/", "")  # warm every worker before the first run
        results = [one_run(stack, n + 1) for n in range(args.runs)]
    finally:
        stack.stop()
        stack.clean()
    return results


def summary(name, results):
    n = len(results)
    count = lambda key: sum(r["verdict"][key] for r in results)  # noqa: E731
    rps = sorted(r["ratio_rps"] for r in results)
    p95 = sorted(r["ratio_p95"] for r in results)
    print(f"{name}: exact {count('exact')}/{n} runs · throughput ratio {rps[0]:.2f}–{rps[-1]:.2f}× (≥ 0.8: {count('throughput')}/{n}) · "
          f"p95 ratio {p95[0]:.2f}–{p95[-1]:.2f}× (≤ 1.5: {count('p95')}/{n}) · "
          f"registrations {min(r['rush']['rps'] for r in results):.0f}–{max(r['rush']['rps'] for r in results):.0f}/s, "
          f"p95 {min(r['rush']['p95'] for r in results) * 1000:.0f}–{max(r['rush']['p95'] for r in results) * 1000:.0f} ms · "
          f"load {min(r['load'] for r in results):.2f}–{max(r['load'] for r in results):.2f}")
    return all(r["verdict"]["exact"] for r in results)


def median(values):
    return sorted(values)[len(values) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int)
    parser.add_argument("--seats", type=int)
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="gthread")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--default-stack", action="store_true", help="SQLite + filesystem broker, 300 trainees, 60 seats, beside PostgreSQL")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_registration"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"))
    args = parser.parse_args()
    args.requests = args.requests or (300 if args.default_stack else 500)
    args.seats = args.seats or (60 if args.default_stack else 100)
    args.secret_key = secrets.token_urlsafe(50)
    print(f"bench/registration at {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, client: {client_name()}")

    names = ["default", "pg"] if args.default_stack else ["pg"]
    outcomes = {name: run_stack(Stack(name, args)) for name in names}
    print("\n== summary")
    ok = True
    for name in names:
        ok = summary(LABELS[name], outcomes[name]) and ok
    if args.default_stack:
        print("side by side (median of runs): stack · registrations/s · p95 · read/s · read p95")
        for name in names:
            rows = outcomes[name]
            rush_rps, rush_p95, read_rps, read_p95 = (median([r[side][key] for r in rows])
                                                      for side, key in (("rush", "rps"), ("rush", "p95"), ("read", "rps"), ("read", "p95")))
            print(f"  {LABELS[name]:<40} {rush_rps:7.1f} · {rush_p95 * 1000:6.0f} ms · {read_rps:7.1f} · {read_p95 * 1000:6.0f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
