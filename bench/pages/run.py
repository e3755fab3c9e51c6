"""Public page speed: gunicorn on 127.0.0.1 serving the demo site from PostgreSQL + Redis
(production settings). Measures requests per second for the home page and an article page,
anonymous, with the page cache on (cached) and off (uncached), each as a ratio of a minimal
Django view served by the same server in the same phase. Targets: cached ≥ 0.7×, uncached
article ≥ 0.25×. "Uncached" keeps the rest of cms/cache.py on (fragments, remembered
routes and pages): every view still goes through Wagtail's serve, the page's context and
its template. A last phase, for information, turns those off too (no caches at all).

    .venv/bin/python bench/pages/run.py [--seconds 5] [--slice 0.5] [--concurrency 8] [--workers 4] [--port 8102]

Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/wlp_bench_pages,
dropped and recreated) and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/1)."""

import argparse
import http.client
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "/tin-tuc/ke-hoach-347-muc-tieu-den-2030/"


def environment(args, cache_seconds, fragment_seconds=600):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.pages.settings", DATABASE_URL=args.database_url, REDIS_URL=args.redis_url,
        SECRET_KEY=args.secret_key, ALLOWED_HOSTS="127.0.0.1,localhost", SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0", LOG_LEVEL="WARNING", CMS_PAGE_CACHE_SECONDS=str(cache_seconds),
        CMS_FRAGMENT_CACHE_SECONDS=str(fragment_seconds), SITE_URL=f"http://127.0.0.1:{args.port}",
        DEFAULT_FROM_EMAIL="Bench <no-reply@bench.example>",
        CACHE_KEY_PREFIX=f"bench-pages-{cache_seconds}-{fragment_seconds}",
    )
    return env


def recreate_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(args):
    recreate_database(args.database_url)
    env = environment(args, 0)
    for command in (["migrate", "-v", "0"], ["load_demo_data", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def start_server(args, cache_seconds, fragment_seconds):
    command = [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{args.port}",
               "--workers", str(args.workers), "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=environment(args, cache_seconds, fragment_seconds))
    for _ in range(100):
        try:
            if get(args.port, "/__bench__/minimal") == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def get(port, path, header=None):
    """The response's status (and the value of `header`, when asked)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        return response.status if header is None else (response.status, response.getheader(header))
    finally:
        conn.close()


def measure_slice(args, path, seconds):
    """(requests, elapsed seconds) for `path` from `concurrency` clients over `seconds`."""
    counts, errors = [0] * args.concurrency, [0] * args.concurrency
    deadline = time.perf_counter() + seconds

    def client(slot):
        while time.perf_counter() < deadline:
            if get(args.port, path) == 200:
                counts[slot] += 1
            else:
                errors[slot] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if sum(errors):
        raise SystemExit(f"{path}: {sum(errors)} non-200 responses")
    return sum(counts), time.perf_counter() - started


def measure(args, paths):
    """Requests per second for each path, over `seconds` each. The paths take turns in
    slices of `slice` seconds (in alternating order), so a change in the machine's load
    during the phase weighs on all of them alike instead of on whichever ran then."""
    for path in paths:
        for _ in range(20):  # warm up: templates, renditions, the cache
            status = get(args.port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
    totals = {path: [0, 0.0] for path in paths}
    for turn in range(max(1, round(args.seconds / args.slice))):
        for path in paths if turn % 2 == 0 else paths[::-1]:
            requests, elapsed = measure_slice(args, path, args.slice)
            totals[path][0] += requests
            totals[path][1] += elapsed
    return {path: requests / elapsed for path, (requests, elapsed) in totals.items()}


def phase(args, name, cache_seconds, fragment_seconds=600):
    server = start_server(args, cache_seconds, fragment_seconds)
    try:
        for path in ("/__bench__/minimal", "/", ARTICLE):  # every worker imports and warms up
            for _ in range(10 * args.workers):
                get(args.port, path)
        for path in ("/", ARTICLE):  # the phase measures what it says
            served = get(args.port, path, "X-Page-Cache")
            if served != (200, "hit" if cache_seconds else None):
                raise SystemExit(f"{path} in the {name} phase answered {served}")
        rates = measure(args, ["/__bench__/minimal", "/", ARTICLE])
        baseline = rates["/__bench__/minimal"]
        rows = [(f"minimal Django view ({name})", baseline, 1.0)]
        rows += [(f"{label} ({name})", rates[path], rates[path] / baseline) for label, path in (("home", "/"), ("article", ARTICLE))]
        return rows
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5, help="measured time per path and phase")
    parser.add_argument("--slice", type=float, default=0.5, help="length of one turn of a path")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8102)
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_pages"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"))
    parser.add_argument("--secret-key", default=secrets.token_urlsafe(48))
    args = parser.parse_args()

    prepare(args)
    print(f"gunicorn {args.workers} sync workers on 127.0.0.1:{args.port}, PostgreSQL + Redis, "
          f"{args.concurrency} clients × {args.seconds:g} s per measurement, in turns of {args.slice:g} s")
    rows = phase(args, "cached", 300) + phase(args, "uncached", 0) + phase(args, "no caches", 0, 0)
    print(f"{'measurement':<34} {'req/s':>9} {'× minimal':>10}")
    for name, rate, ratio in rows:
        print(f"{name:<34} {rate:>9.1f} {ratio:>9.2f}×")
    ratios = {name: ratio for name, _, ratio in rows}
    checks = [
        ("cached home ≥ 0.7×", ratios["home (cached)"] >= 0.7),
        ("cached article ≥ 0.7×", ratios["article (cached)"] >= 0.7),
        ("uncached article ≥ 0.25×", ratios["article (uncached)"] >= 0.25),
    ]
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")


if __name__ == "__main__":
    main()
