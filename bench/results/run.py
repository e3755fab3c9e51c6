"""Benchmark: open a campaign's results screen with a year of data (over a million page
views, 100 campaigns), against the Wagtail admin dashboard in the same run, through Django's
test client (the whole middleware stack and template rendering), on PostgreSQL and SQLite.

    .venv/bin/python bench/results/run.py                 # PostgreSQL if reachable, then SQLite
    .venv/bin/python bench/results/run.py --only postgres

Also reported: the rollup of all 100 campaigns (what the beat does), and the comparison of
two campaigns. Target: the results screen's median under 300 ms and its slowest under a
second ("well under a second"); the dashboard is the baseline measured alongside."""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/wlp_outreach")
REPEAT = 20
TARGET_MEDIAN, TARGET_MAX = 0.300, 1.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return measure()
    for backend in ["postgres", "sqlite"] if not args.only else [args.only]:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-results-')}/bench.sqlite3"
        else:
            env["DATABASE_URL"] = PG_URL
            if not _prepare_postgres():
                print("postgres: not reachable, skipped")
                continue
        env.pop("REDIS_URL", None)
        print(f"--- {backend} ---", flush=True)
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


def _timed(client, url):
    times = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - began)
        assert response.status_code == 200, (url, response.status_code)
    return times


def _line(name, times):
    return f"{name:<38} median {statistics.median(times) * 1000:7.1f} ms   max {max(times) * 1000:7.1f} ms"


def measure():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from bench.results.data import generate
    from campaigns.accounts import roles
    from campaigns.outreach.models import Campaign, CampaignDay
    from campaigns.outreach.rollup import refresh_campaign
    from campaigns.reach.models import PathViewDay

    began = time.perf_counter()
    campaigns, total_views = generate()
    print(f"data: {total_views:,} views in {PathViewDay.objects.count():,} page-day rows, {len(campaigns)} campaigns "
          f"({time.perf_counter() - began:.0f} s to write)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    today = __import__("datetime").date(2026, 12, 31)
    began = time.perf_counter()
    for campaign in campaigns:
        refresh_campaign(campaign_id=campaign.pk, today=today)
    rollup = time.perf_counter() - began
    print(f"rollup of {len(campaigns)} campaigns: {rollup:.1f} s ({rollup / len(campaigns) * 1000:.0f} ms each), "
          f"{CampaignDay.objects.count():,} day rows", flush=True)

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    roles.sync_role_groups()
    user = get_user_model().objects.create_user(username="giamsat", password="x-Bench-2026", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.MONITOR))
    client = Client()
    client.force_login(user)
    busiest = max(Campaign.objects.all(), key=lambda c: (c.ends_on - c.starts_on).days)
    urls = {
        "baseline: admin dashboard /admin/": "/admin/",
        "results screen (busiest campaign)": f"/admin/chien-dich/{busiest.pk}/ket-qua/",
        "results, whole year": f"/admin/chien-dich/{busiest.pk}/ket-qua/?start=01/01/2026&end=31/12/2026",
        "comparison of two campaigns": f"/admin/chien-dich/so-sanh/?c={campaigns[0].pk}&c={campaigns[1].pk}",
    }
    for url in urls.values():  # warm the template and query caches once
        client.get(url)
    figures = {name: _timed(client, url) for name, url in urls.items()}
    for name, times in figures.items():
        print(_line(name, times))
    screen = figures["results screen (busiest campaign)"] + figures["results, whole year"]
    base = statistics.median(figures["baseline: admin dashboard /admin/"])
    median = statistics.median(screen)
    print(f"results screen / dashboard: {median / base:.2f}x")
    ok = median <= TARGET_MEDIAN and max(screen) <= TARGET_MAX
    print(f"{'PASS' if ok else 'FAIL'}: results screen median {median * 1000:.1f} ms (target <= {TARGET_MEDIAN * 1000:.0f} ms), "
          f"max {max(screen) * 1000:.1f} ms (target <= {TARGET_MAX * 1000:.0f} ms)")
    print("load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
