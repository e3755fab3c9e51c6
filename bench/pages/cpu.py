"""CPU per request with every cache off, measured in-process: what bench/pages/run.py's last
phase costs the server, without the load generator, the network and the other processes
on the machine weighing on the figure (wrk's ratios at a load average of 5–10 are mostly
noise). Django's test client requests the article and the home page (this project,
production settings as the bench sets them, on the bench's database) and, with
--bakery-dir/--bakery-python, bakerydemo's blog page in its own virtualenv (the same
script, run there). Prints the CPU time per request (time.process_time: this process only,
so the database's own work is not in it), the minimum and the median of 5 batches.
Target: article and home ≤ 2/3 of bakerydemo's blog page.

    .venv/bin/python bench/pages/cpu.py [--requests 100] [--bakery-dir DIR --bakery-python PYTHON]

Needs the database bench/pages/run.py prepared (BENCH_DATABASE_URL, BENCH_REDIS_URL and
BENCH_BAKERY_DATABASE_URL as there)."""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = {"home": "/", "article": "/tin-tuc/ke-hoach-347-muc-tieu-den-2030/"}
BAKERY = {"bakerydemo blog": "/blog/wild-yeast/"}


def measure(paths, requests):
    """{label: (min, median) ms of CPU per request} over 5 batches, after 10 warm-up views."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    for label, path in paths.items():
        for _ in range(10):
            status = client.get(path).status_code
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
        batches = []
        for _ in range(5):
            started = time.process_time()
            for _ in range(max(1, requests // 5)):
                client.get(path)
            batches.append((time.process_time() - started) * 1000 / max(1, requests // 5))
        found[label] = (min(batches), statistics.median(batches))
    return found


def ours_environment(args):
    from bench.pages.run import environment

    return environment(argparse.Namespace(database_url=args.database_url, redis_url=args.redis_url,
                                          secret_key=secrets.token_urlsafe(48), port=args.port), 0, 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--port", type=int, default=8102, help="only for SITE_URL, as bench/pages/run.py sets it")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_pages"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"))
    parser.add_argument("--bakery-dir", default=os.environ.get("BENCH_BAKERY_DIR"))
    parser.add_argument("--bakery-python", default=os.environ.get("BENCH_BAKERY_PYTHON"))
    parser.add_argument("--bakery-database-url", default=os.environ.get(
        "BENCH_BAKERY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_bakery"))
    parser.add_argument("--as-bakery", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.as_bakery:  # run by the bakery's Python, in its directory
        sys.path.insert(0, os.getcwd())
        for label, (low, middle) in measure(BAKERY, args.requests).items():
            print(f"{label}\t{low}\t{middle}")
        return

    sys.path.insert(0, str(ROOT))
    rows = {}
    if args.bakery_dir and args.bakery_python:
        from bench.pages.run import bakery_env

        args.secret_key = secrets.token_urlsafe(48)
        output = subprocess.run([args.bakery_python, str(Path(__file__).resolve()), "--as-bakery", "--requests",
                                 str(args.requests)], cwd=args.bakery_dir, env=bakery_env(args), check=True,
                                capture_output=True, text=True).stdout
        for line in output.splitlines():
            label, low, middle = line.split("\t")
            rows[label] = (float(low), float(middle))
    os.environ.update(ours_environment(args))
    rows = {**measure(OURS, args.requests), **rows}
    load = os.getloadavg()
    print(f"CPU per request, caches off, {args.requests} requests each; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    blog = rows.get("bakerydemo blog")
    for label, (low, middle) in rows.items():
        ratio = f"  {low / blog[0]:.2f}× bakerydemo" if blog and label != "bakerydemo blog" else ""
        print(f"{label:<18} {low:6.2f} ms (median {middle:6.2f}){ratio}")
    if blog:
        for label in OURS:
            ok = rows[label][0] <= blog[0] * 2 / 3
            print(f"{'PASS' if ok else 'FAIL'}  {label} ≤ 2/3 of bakerydemo's blog page ({rows[label][0] / blog[0]:.2f}×)")


if __name__ == "__main__":
    main()
