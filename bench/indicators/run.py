"""Benchmark: the four indicators for a province as of a date, against a single
SELECT COUNT(*) join over the same rows, in the same run, on SQLite and on PostgreSQL.

    .venv/bin/python bench/indicators/run.py            # both (PostgreSQL if reachable)
    .venv/bin/python bench/indicators/run.py --only sqlite

Data: 5,000 units (a new province of 4,000 units that absorbed an old one of 1,000 on
01/07/2025), 100,000 persons, 20,000 planning-pool entries, 50,000 course completions and
two key-leader posts per state agency. Target: ratio <= 5."""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/wlp_prog_bench")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return measure()
    for backend in ["sqlite", "postgres"] if not args.only else [args.only]:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-ind-')}/bench.sqlite3"
        else:
            env["DATABASE_URL"] = PG_URL
            if not _prepare_postgres():
                print("postgres: not reachable, skipped")
                continue
        env.pop("REDIS_URL", None)
        subprocess.run([sys.executable, __file__, "--worker"], env=env, cwd=ROOT, check=True)


def _prepare_postgres():
    try:
        import psycopg
    except ImportError:
        return False
    base, name = PG_URL.rsplit("/", 1)
    try:
        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return False
    return True


def measure():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from bench.indicators.data import generate

    province, day = generate()
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would have by now
        cursor.execute("ANALYZE")
    from campaigns.programme.indicators import compute_indicators

    sql = """
        SELECT COUNT(*) FROM programme_planningpoolentry e
        JOIN programme_person p ON p.id = e.person_id
        JOIN programme_organisationunit u ON u.id = e.unit_id
        LEFT JOIN programme_trainingrecord t ON t.person_id = p.id
    """

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()[0]

    def indicators():
        return compute_indicators(unit=province, as_of=day)

    import time

    def best_of(fn, n=7):
        fn()  # warm the caches
        times = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times), sorted(times)[n // 2]

    base_best, base_median = best_of(baseline)
    ind_best, ind_median = best_of(indicators)
    values = indicators()
    print(f"{connection.vendor}: rows joined by the baseline = {baseline():,}")
    for v in values:
        print(f"  {v.code:<17} {v.numerator:>6} / {v.denominator:<6} = {v.value}%  ({v.status})")
    print(
        f"{connection.vendor}: baseline SELECT COUNT(*) join  best {base_best * 1000:8.1f} ms  median {base_median * 1000:8.1f} ms"
    )
    print(
        f"{connection.vendor}: four indicators                best {ind_best * 1000:8.1f} ms  median {ind_median * 1000:8.1f} ms"
    )
    print(f"{connection.vendor}: ratio (median) = {ind_median / base_median:.2f}  (target <= 5)")


if __name__ == "__main__":
    main()
