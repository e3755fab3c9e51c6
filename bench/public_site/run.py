"""Lighthouse (mobile: its default emulation and throttling) on the five pages a trainee meets
first: home, an article, the course list, a course's run and the sign-up form. Prints each
category's score and the page weight Lighthouse counted (total bytes transferred on first
view, images below the fold included only if loaded).

The demo site is served by gunicorn with production settings over plain HTTP (bench/public_site/
settings.py) from a SQLite file made for the run; static files are collected and compressed
as in production.

    .venv/bin/python bench/public_site/run.py [--port 9601] [--keep]

Lighthouse comes from npm into var/tools (not part of the suite; it needs Node 18+):
    (mkdir -p var/tools && cd var/tools && npm install --save-exact lighthouse@12.2.3)
Chromium is Debian's, at /usr/bin/chromium."""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "var" / "tools" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def environment(port, database):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.public_site.settings", DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY=secrets.token_urlsafe(40), ALLOWED_HOSTS="127.0.0.1,localhost", LOG_LEVEL="WARNING",
        SITE_URL=f"http://127.0.0.1:{port}", CELERY_BROKER_URL="memory://",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    return env


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def pages(env):
    """The five pages' paths, read from the demo data."""
    code = (
        "import django; django.setup();"
        "from cms.models import ArticlePage; from campaigns.training.models import CourseRun;"
        "run = CourseRun.objects.get(title='Lớp 01/2027');"
        "article = ArticlePage.objects.live().filter(locale__language_code='vi').order_by('path').first();"
        "print(article.url); print(f'/dao-tao/lop/{run.pk}/')"
    )
    article, run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True,
                                  text=True).stdout.split()
    return {"home": "/", "article": article, "course list": "/dao-tao/", "course (run)": run,
            "sign-up form": "/tai-khoan/dang-ky/"}


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer at {url}")


def lighthouse(url, out):
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    for _attempt in range(3):  # Lighthouse now and then fails to record a trace (NO_NAVSTART): run it again
        done = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                               f"--only-categories={','.join(CATEGORIES)}",
                               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"], env=env)
        if done.returncode == 0:
            break
    else:
        raise SystemExit(f"Lighthouse failed three times on {url}")
    report = json.loads(Path(out).read_text())
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    failing = [audit["id"] for audit in report["audits"].values() if audit.get("score") is not None
               and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"]
    return scores, weight, failing


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=9601)
    parser.add_argument("--keep", action="store_true", help="keep the reports (their folder is printed)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is not installed at {LIGHTHOUSE} (see this file's docstring).")
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    env = environment(args.port, work / "db.sqlite3")
    env.update(MEDIA_ROOT=str(work / "media"), BENCH_CACHE_DIR=str(work / "cache"))
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo_data")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", "2",
         "--threads", "4", "--env", "DJANGO_SETTINGS_MODULE=bench.public_site.settings"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_for(base + "/")
        print(f"{'page':<14} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'weight':>10}")
        for name, path in pages(env).items():
            scores, weight, failing = lighthouse(base + path, work / f"{name.replace(' ', '-')}.json")
            print(f"{name:<14} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES) + f" {weight / 1024:>8.1f} KB"
                  + (f"  failing: {', '.join(failing)}" if failing else ""))
    finally:
        server.terminate()
        server.wait(timeout=20)
    if args.keep:
        print(f"reports: {work}")


if __name__ == "__main__":
    main()
