"""Does counting page views slow the cached page? Two gunicorn servers on the same demo site
(PostgreSQL + Redis, production settings, page cache on), one with the reach middlewares
(campaigns/reach/) and one without, measured in alternating turns with bench/loadgen.py
(wrk, keep-alive) on the cached home page and a cached article, with a browser's user
agent (so every request is counted). Target: with counting ≥ 0.9× without, judged on the
median of the turns' paired ratios (each turn measures both servers one right after the
other); the ratio of the totals is printed beside it. Afterwards
the servers stop (their last counts are written at exit) and the views written to
PathViewDay are compared with the requests the counting server answered.

    python -m bench.pages.counting [--seconds 12] [--turn 3] [--connections 8] [--workers 2] [--port 9301]

Needs PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/wlp_reach_bench,
dropped and recreated) and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/3)."""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import loadgen
from bench.pages.run import ARTICLE, environment, get, recreate_database

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
PATHS = ("/", ARTICLE)


def server_env(args, port, counting):
    env = environment(argparse.Namespace(**{**vars(args), "port": port}), 300)
    env.update(DJANGO_SETTINGS_MODULE="bench.pages.counting_settings", BENCH_REACH_OFF="0" if counting else "1",
               CACHE_KEY_PREFIX=f"bench-reach-{'on' if counting else 'off'}-{os.getpid()}")
    return env


def prepare(args):
    recreate_database(args.database_url)
    env = server_env(args, args.port, True)
    for command in (["migrate", "-v", "0"], ["load_demo_data", "-v", "0"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)


def start(args, port, counting):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen([str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
                               str(args.workers), "--log-level", "warning"], cwd=ROOT, env=server_env(args, port, counting))
    for _ in range(300):
        try:
            if get(port, "/") == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def stop(server):
    server.terminate()  # SIGTERM: workers finish, and write what they counted at exit
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()


def counted_views(args):
    import psycopg

    with psycopg.connect(args.database_url) as conn:
        return dict(conn.execute("SELECT path, SUM(views) FROM reach_pathviewday GROUP BY path").fetchall())


def middleware_cost(iterations=50_000):
    """Microseconds the counting middleware adds to one cached page (in this process, with a
    cached response handed back as the page cache would), and the page's own cost without
    it: a figure the machine's load moves much less than throughput does."""
    import timeit

    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings.base", REACH_FLUSH_TIMER="false",
                      REACH_FLUSH_HITS=str(10**9), REACH_FLUSH_SECONDS=str(10**9))
    import django

    django.setup()
    from django.http import HttpResponse
    from django.test import RequestFactory

    from campaigns.reach import counting
    from campaigns.reach.middleware import MARK, CountingMiddleware

    body = b"<html>" + b"x" * 30_000 + b"</html>"

    def cached_page(request):
        response = HttpResponse(body, content_type="text/html; charset=utf-8")
        response[MARK] = "3"
        return response

    request = RequestFactory().get("/tin-tuc/", HTTP_USER_AGENT=BROWSER)
    counted = CountingMiddleware(cached_page)
    plain = timeit.timeit(lambda: cached_page(request), number=iterations) / iterations
    with_counting = timeit.timeit(lambda: counted(request), number=iterations) / iterations
    counting.buffer.take()
    return plain * 1e6, (with_counting - plain) * 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=12, help="measured time per server and path")
    parser.add_argument("--turn", type=int, default=3, help="length of one turn (whole seconds: wrk takes no fraction)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=9301, help="the counting server; the baseline uses the next port")
    parser.add_argument("--database-url", default=os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wlp_reach_bench"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"))
    parser.add_argument("--secret-key", default=secrets.token_urlsafe(48))
    parser.add_argument("--a-a", action="store_true",
                        help="control run: both servers without counting, to see the bench's own noise")
    args = parser.parse_args()

    prepare(args)
    ports = {True: args.port, False: args.port + 1}
    servers = {counting: start(args, port, counting and not args.a_a) for counting, port in ports.items()}
    totals = {(counting, path): [0, 0.0, 0] for counting in ports for path in PATHS}
    paired = {path: [] for path in PATHS}  # with/without, measured one right after the other
    try:
        for port in ports.values():  # warm up every worker (no user agent: robots are not counted)
            for path in PATHS:
                for _ in range(20 * args.workers):
                    get(port, path)
                status, cached = get(port, path, "X-Page-Cache")
                if (status, cached) != (200, "hit"):
                    raise SystemExit(f"{path} on port {port} answered {status}, cache {cached}: not a cached page")
        turns = max(1, round(args.seconds / args.turn))
        for turn in range(turns):
            for path in PATHS:
                order = [True, False] if turn % 2 == 0 else [False, True]
                rates = {}
                for counting in order:
                    result = loadgen.measure(f"http://127.0.0.1:{ports[counting]}{path}", seconds=args.turn,
                                             connections=args.connections, headers={"User-Agent": BROWSER})
                    total = totals[(counting, path)]
                    total[0] += result["requests"]
                    total[1] += args.turn
                    total[2] += result["errors"]
                    rates[counting] = result["rps"]
                paired[path].append(rates[True] / rates[False])
    finally:
        for server in servers.values():
            stop(server)
    load = os.getloadavg()
    written = counted_views(args)
    if args.a_a:
        print("CONTROL RUN (--a-a): neither server counts; the ratios show the bench's own noise")
    print(f"client: {loadgen.client_name()}; gunicorn {args.workers} sync workers per server; {args.connections} "
          f"connections; {turns} turns of {args.turn:g} s per server and path; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'cached page':<44} {'without':>9} {'with':>9} {'ratio':>7} {'median':>7}  {'requests':>9} {'views written':>13}")
    checks = []
    for path in PATHS:
        without = totals[(False, path)][0] / totals[(False, path)][1]
        with_ = totals[(True, path)][0] / totals[(True, path)][1]
        ratio = with_ / without
        median = statistics.median(paired[path])
        sent = totals[(True, path)][0]
        print(f"{path[:44]:<44} {without:>9.1f} {with_:>9.1f} {ratio:>6.3f}× {median:>6.3f}×  {sent:>9} "
              f"{written.get(path, 0):>13}")
        errors = totals[(True, path)][2] + totals[(False, path)][2]
        # Judged on the median of the paired turns: a burst of load from elsewhere on the machine
        # lands on one turn of one server, and moves the totals far more than the median.
        checks.append((f"{path}: with counting ≥ 0.9× without (median of {len(paired[path])} paired turns "
                       f"{median:.3f}×; totals {ratio:.3f}×)", median >= 0.9))
        checks.append((f"{path}: every request answered 200 ({errors} errors)", errors == 0))
        # wrk does not count the responses still in flight when it stops; the server counted them.
        checks.append((f"{path}: views written ({written.get(path, 0)}) = requests answered (≥ {sent}, ≤ {sent + 2 * args.connections * turns})",
                       sent <= written.get(path, 0) <= sent + 2 * args.connections * turns))
    page_us, added_us = middleware_cost()
    home_rate = totals[(False, "/")][0] / totals[(False, "/")][1]
    worker_us = args.workers * 1e6 / home_rate  # a worker's time per cached home page, at best
    print(f"in-process: building the cached response {page_us:.1f} µs; the counting middleware adds {added_us:.1f} µs "
          f"per counted request = {100 * added_us / worker_us:.1f}% of the {worker_us:.0f} µs a worker spends per "
          f"cached home page without it")
    print(f"load average after the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for label, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {label}")
    sys.exit(0 if all(ok for _, ok in checks) else 1)


if __name__ == "__main__":
    main()
