"""Public page speed: gunicorn on 127.0.0.1 serving the demo site from PostgreSQL + Redis
(production settings), loaded by wrk (bench/loadgen.py: keep-alive connections, a process of
its own; a Python fallback only where wrk is missing, and the client that ran is printed).
Measures requests per second for the home page and an article page, anonymous, with the
page cache on (cached) and off (uncached), each as a ratio of a minimal Django view served
by the same server in the same phase. Targets: cached ≥ 0.7×, uncached article ≥ 0.25×.
"Uncached" keeps the rest of cms/cache.py on (fragments, remembered routes and pages):
every view still goes through Wagtail's serve, the page's context and its template. A last
phase turns those off too (no caches at all: what a signed-in visitor and the first view
after a publish cost) and compares the article and the home page with bakerydemo's blog
page (wagtail/bakerydemo, same Wagtail, Django and gunicorn, its production settings on
PostgreSQL) served by the same number of workers and measured in the same turns. Target:
both ≥ 1.5× bakerydemo's blog page.

    .venv/bin/python bench/pages/run.py [--seconds 9] [--slice 3] [--connections 4] [--workers 2] [--port 8102]
        [--reuse-database]
        [--bakery-dir DIR --bakery-python PYTHON]

bakerydemo (not part of this repository) is prepared once, in a directory and virtualenv of
its own (Python 3.11 here: its Django 6.0 pin needs 3.12, so Django is pinned to ours):

    git clone https://github.com/wagtail/bakerydemo DIR   # measured at 8e2b625
    python3.11 -m venv VENV && VENV/bin/pip install "wagtail==7.4.4" "Django==5.2.19" "gunicorn==23.0.0" \
        "python-dotenv>=1.2.1,<2" "wagtail-font-awesome-svg>=1,<2" "django-debug-toolbar>=4.2,<5" \
        "django-extensions>=4.1,<5" "django-csp>=3.8,<4" "dj-database-url>=3.1.0,<4" \
        "psycopg[binary]>=3.3.3,<3.4" "whitenoise>=6.11.0,<7"
    createdb wlp_bench_bakery   # then, in DIR, with the environment bakery_env() gives:
    VENV/bin/python manage.py migrate && VENV/bin/python manage.py load_initial_data \
        && VENV/bin/python manage.py collectstatic --noinput

(BENCH_BAKERY_DIR, BENCH_BAKERY_PYTHON and BENCH_BAKERY_DATABASE_URL may stand for the
options.) Without bakerydemo the comparison is skipped and says so.

Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/wlp_bench_pages,
dropped and recreated) and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/1)."""

import argparse
import http.client
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402

ARTICLE = "/tin-tuc/ke-hoach-347-muc-tieu-den-2030/"
MINIMAL = "/__bench__/minimal"
BAKERY_BLOG = "/blog/wild-yeast/"


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


def bakery_env(args):
    """bakerydemo's production settings over plain HTTP, on its own database."""
    return dict(os.environ, DJANGO_SETTINGS_MODULE="bakerydemo.settings.production",
                DATABASE_URL=args.bakery_database_url, DJANGO_SECRET_KEY=args.secret_key,
                SECURE_SSL_REDIRECT="false", DJANGO_LOG_LEVEL="WARNING", DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost")


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


def start(command, cwd, env, port, probe):
    server = subprocess.Popen([*command, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"], cwd=cwd, env=env)
    for _ in range(150):
        try:
            if get(port, probe) == 200:
                return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    raise SystemExit(f"gunicorn on {port} did not start")


def stop(server):
    server.terminate()
    try:
        server.wait(20)
    except subprocess.TimeoutExpired:
        server.kill()


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


def measure(args, targets):
    """Requests per second for each (port, path) of `targets`, over `seconds` each. They take
    turns in slices of `slice` seconds (in alternating order), so a change in the machine's
    load during the phase weighs on all of them alike instead of on whichever ran then."""
    for port, path in targets:
        for _ in range(20):  # warm up: templates, renditions, the cache
            status = get(port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
    totals = {target: [0, 0.0] for target in targets}
    for turn in range(max(1, round(args.seconds / args.slice))):
        for port, path in targets if turn % 2 == 0 else targets[::-1]:
            try:
                result = loadgen.measure(f"http://127.0.0.1:{port}{path}", seconds=args.slice,
                                         connections=args.connections, threads=min(2, args.connections), timeout=10)
            except RuntimeError:  # no request finished within the slice: it counts, as 0 requests
                totals[(port, path)][1] += args.slice
                continue
            if result["errors"]:
                raise SystemExit(f"{path}: {result['errors']} errors or non-2xx/3xx responses")
            totals[(port, path)][0] += result["requests"]
            totals[(port, path)][1] += result["requests"] / result["rps"]
    return {target: requests / elapsed for target, (requests, elapsed) in totals.items()}


def phase(args, name, cache_seconds, fragment_seconds=600, bakery=None):
    command = [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi", "--workers", str(args.workers)]
    server = start(command, ROOT, environment(args, cache_seconds, fragment_seconds), args.port, MINIMAL)
    try:
        for path in (MINIMAL, "/", ARTICLE):  # every worker imports and warms up
            for _ in range(10 * args.workers):
                get(args.port, path)
        for path in ("/", ARTICLE):  # the phase measures what it says
            served = get(args.port, path, "X-Page-Cache")
            if served != (200, "hit" if cache_seconds else None):
                raise SystemExit(f"{path} in the {name} phase answered {served}")
        targets = [(args.port, MINIMAL), (args.port, "/"), (args.port, ARTICLE)]
        if bakery:
            targets.append((args.bakery_port, BAKERY_BLOG))
        rates = measure(args, targets)
        print(f"{name}: " + ", ".join(f"{path} {rate:.1f} req/s" for (_port, path), rate in rates.items()), flush=True)
        baseline = rates[(args.port, MINIMAL)]
        rows = [(f"minimal Django view ({name})", baseline, 1.0)]
        rows += [(f"{label} ({name})", rates[(args.port, path)], rates[(args.port, path)] / baseline)
                 for label, path in (("home", "/"), ("article", ARTICLE))]
        if bakery:
            rows.append(("bakerydemo blog page", rates[(args.bakery_port, BAKERY_BLOG)],
                         rates[(args.bakery_port, BAKERY_BLOG)] / baseline))
        return rows
    finally:
        stop(server)


def start_bakery(args):
    """bakerydemo under gunicorn (same worker count), or None when it is not prepared."""
    if not (args.bakery_dir and args.bakery_python and Path(args.bakery_dir, "manage.py").exists()):
        return None
    gunicorn = Path(args.bakery_python).with_name("gunicorn")
    server = start([str(gunicorn), "bakerydemo.wsgi", "--workers", str(args.workers)], args.bakery_dir,
                   bakery_env(args), args.bakery_port, BAKERY_BLOG)
    for _ in range(10 * args.workers):
        get(args.bakery_port, BAKERY_BLOG)
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=9, help="measured time per path and phase")
    parser.add_argument("--slice", type=float, default=3, help="length of one turn of a path")
    parser.add_argument("--connections", type=int, default=4, help="wrk's keep-alive connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers, for each site")
    parser.add_argument("--port", type=int, default=8102, help="the project's port; bakerydemo takes the next")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_pages"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1"))
    parser.add_argument("--bakery-dir", default=os.environ.get("BENCH_BAKERY_DIR"))
    parser.add_argument("--bakery-python", default=os.environ.get("BENCH_BAKERY_PYTHON"))
    parser.add_argument("--bakery-database-url", default=os.environ.get(
        "BENCH_BAKERY_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_bench_bakery"))
    parser.add_argument("--secret-key", default=secrets.token_urlsafe(48))
    parser.add_argument("--reuse-database", action="store_true", help="keep the demo database of the previous run")
    args = parser.parse_args()
    args.bakery_port = args.port + 1

    if not args.reuse_database:
        prepare(args)
    bakery = start_bakery(args)
    try:
        rows = phase(args, "cached", 300) + phase(args, "uncached", 0) + phase(args, "no caches", 0, 0, bakery=bakery)
    finally:
        if bakery:
            stop(bakery)
    load = os.getloadavg()
    print(f"client: {loadgen.client_name()}, {args.connections} keep-alive connections; gunicorn {args.workers} sync "
          f"workers per site, PostgreSQL + Redis; {args.seconds:g} s per measurement in turns of {args.slice:g} s; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'measurement':<34} {'req/s':>9} {'× minimal':>10}")
    for name, rate, ratio in rows:
        print(f"{name:<34} {rate:>9.1f} {ratio:>9.2f}×")
    ratios = {name: ratio for name, _, ratio in rows}
    rates = {name: rate for name, rate, _ in rows}
    checks = [
        ("cached home ≥ 0.7× minimal", ratios["home (cached)"] >= 0.7),
        ("cached article ≥ 0.7× minimal", ratios["article (cached)"] >= 0.7),
        ("uncached article ≥ 0.25× minimal", ratios["article (uncached)"] >= 0.25),
    ]
    if bakery:
        blog = rates["bakerydemo blog page"]
        for label in ("article", "home"):
            mine = rates[f"{label} (no caches)"]
            checks.append((f"{label} with no caches ≥ 1.5× bakerydemo's blog page ({mine / blog:.2f}×)", mine >= 1.5 * blog))
    else:
        print("bakerydemo not prepared (--bakery-dir, --bakery-python): its comparison was skipped")
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")


if __name__ == "__main__":
    main()
