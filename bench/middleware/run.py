"""What every request pays for the middleware: the same minimal view (bench/middleware/urls.py)
served by the project's production stack (PostgreSQL + Redis settings, every middleware) and
by a bare Django 5.2 stack with only the security middleware Django ships (Security, Session,
CSRF, Auth, clickjacking: bench/middleware/bare_settings.py), all by gunicorn on 127.0.0.1,
loaded in turns by the same client (wrk, keep-alive connections) so that a change in the
machine's load weighs on each alike. Target: project ≥ 0.9× bare. For information, a third
stack: bare plus Django's CommonMiddleware (the Host header checked on every request, which
the project does too). Then, for a figure a busy machine disturbs less, the CPU time per
request of each stack's handler in a process of its own (bench/middleware/cpu.py).

    .venv/bin/python bench/middleware/run.py [--seconds 30] [--slice 2] [--connections 16] [--workers 2] [--port 8131]

Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/wlp_bench_pages;
migrated if needed; the minimal view itself reads nothing) and Redis at BENCH_REDIS_URL."""

import argparse
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402

PATH = "/__bench__/minimal"


def project_env(args, port):
    return dict(os.environ, DJANGO_SETTINGS_MODULE="bench.pages.settings", DATABASE_URL=args.database_url,
                REDIS_URL=args.redis_url, SECRET_KEY=args.secret_key, ALLOWED_HOSTS="127.0.0.1,localhost",
                SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0", LOG_LEVEL="WARNING",
                SITE_URL=f"http://127.0.0.1:{port}", DEFAULT_FROM_EMAIL="Bench <no-reply@bench.example>",
                PYTHONPATH=str(ROOT))


def bare_env(common=False):
    return dict(os.environ, DJANGO_SETTINGS_MODULE="bench.middleware.bare_settings", PYTHONPATH=str(ROOT),
                BENCH_BARE_COMMON="1" if common else "0")


STACKS = ("project", "bare", "bare+common")


def start(env, port, workers):
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "--bind",
                               f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning"],
                              cwd=ROOT, env=env)
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{PATH}", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(f"gunicorn on {port} did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # 30 s: on a 10 s run the machine's noise (bare against bare+common came out −5 % to +6 %
    # apart on a slower machine) was as large as the margin the target leaves (docs/performance.md).
    parser.add_argument("--seconds", type=float, default=30, help="measured time per stack")
    parser.add_argument("--slice", type=int, default=2, help="seconds per turn")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8131, help="the project's port; the bare stacks take the next two")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_pages"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"))
    args = parser.parse_args()
    args.secret_key = secrets.token_urlsafe(48)
    ports = {stack: args.port + index for index, stack in enumerate(STACKS)}
    env = project_env(args, ports["project"])
    envs = {"project": env, "bare": bare_env(), "bare+common": bare_env(common=True)}
    import psycopg

    name = args.database_url.rsplit("/", 1)[1]
    with psycopg.connect(args.database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    servers = {stack: start(envs[stack], ports[stack], args.workers) for stack in STACKS}
    urls = {stack: f"http://127.0.0.1:{ports[stack]}{PATH}" for stack in STACKS}
    totals = {stack: [0, 0.0, []] for stack in STACKS}
    try:
        for url in urls.values():  # warm up every worker
            loadgen.measure(url, seconds=1, connections=args.connections)
        turns = max(1, round(args.seconds / args.slice))
        for turn in range(turns):
            order = STACKS[turn % 3:] + STACKS[:turn % 3]  # each stack goes first in turn
            for stack in order:
                result = loadgen.measure(urls[stack], seconds=args.slice, connections=args.connections)
                if result["errors"]:
                    raise SystemExit(f"{stack}: {result['errors']} errors")
                totals[stack][0] += result["requests"]
                totals[stack][1] += result["requests"] / result["rps"]
                totals[stack][2].append(result["p50"])
    finally:
        for server in servers.values():
            server.terminate()
            server.wait(20)
    cpu = {stack: [] for stack in STACKS}
    for _ in range(2):  # in turns, like the throughput
        for stack in STACKS:
            out = subprocess.run([sys.executable, str(Path(__file__).with_name("cpu.py"))], cwd=ROOT, env=envs[stack],
                                 capture_output=True, text=True, check=True).stdout
            cpu[stack].append(float(out.split()[-1]))
    load = os.getloadavg()
    rates = {stack: requests / seconds for stack, (requests, seconds, _p50) in totals.items()}
    print(f"client: {loadgen.client_name()}, {args.connections} keep-alive connections; gunicorn {args.workers} sync "
          f"workers per stack; {turns} turns of {args.slice} s each; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for stack in ("bare", "bare+common", "project"):
        p50 = sorted(totals[stack][2])[len(totals[stack][2]) // 2] * 1000
        print(f"{stack:<12} {rates[stack]:>9.0f} req/s   p50 {p50:.1f} ms")
    ratio = rates["project"] / rates["bare"]
    print(f"ratio project/bare: {ratio:.2f}×  — {'PASS' if ratio >= 0.9 else 'FAIL'} (target ≥ 0.9×)")
    print(f"information: project/(bare+common) {rates['project'] / rates['bare+common']:.2f}×")
    best = {stack: min(times) for stack, times in cpu.items()}
    print(f"CPU per request in process (bench/middleware/cpu.py, best of 2×30 rounds): bare {best['bare']:.1f} µs, "
          f"bare+common {best['bare+common']:.1f} µs, project {best['project']:.1f} µs; bare/project "
          f"{best['bare'] / best['project']:.2f}× (information: Django's share alone, without gunicorn's and the "
          f"client's, which every stack pays)")


if __name__ == "__main__":
    main()
