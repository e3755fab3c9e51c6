"""One burst: every trainee of the keys file sends one request, all at once. wrk where it is
installed (burst.lua: a keep-alive connection per trainee, one request each); Python threads
otherwise. Returns answers by status, the span from the first request out to the last answer
in, its rate, and p50/p95 latency; says which client ran."""

import http.client
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

LUA = Path(__file__).with_name("burst.lua")
WRK_THREADS = 2


def have_wrk():
    """wrk is installed (BENCH_CLIENT=python runs the fallback anyway, to check it)."""
    return bool(shutil.which("wrk")) and os.environ.get("BENCH_CLIENT") != "python"


def client_name():
    if have_wrk():
        return "wrk"
    return "python-threads (" + ("BENCH_CLIENT=python" if shutil.which("wrk") else "wrk not installed") + ")"


def fire(stack, method, path, body, *, timeout=600):
    keys = stack.keys_file.read_text().split("\n")
    keys = [line for line in keys if line]
    if have_wrk():
        result = _wrk(stack, method, path, body, len(keys), timeout)
    else:
        result = _python(stack, method, path, body, keys)
    result["rps"] = result["answers"] / result["seconds"] if result["seconds"] else 0.0
    result["statuses"] = {int(status): n for status, n in result["statuses"].items()}
    return result


def _wrk(stack, method, path, body, count, timeout):
    with tempfile.TemporaryDirectory() as tmp:
        done = Path(tmp) / "done"
        done.touch()
        command = [
            "wrk", "-t", str(WRK_THREADS), "-c", str(count), "-d", f"{timeout}s", "--timeout", f"{timeout}s",
            "-s", str(LUA), f"http://127.0.0.1:{stack.args.port}",
            "--", str(stack.keys_file), method, path, body, str(done), str(WRK_THREADS),
        ]
        wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + timeout
        # Each wrk thread writes a line once all its answers are in; wrk would wait out -d.
        while time.monotonic() < deadline and wrk.poll() is None:
            if len(done.read_text().split()) >= WRK_THREADS:
                break
            time.sleep(0.05)
        if wrk.poll() is None:
            wrk.send_signal(signal.SIGINT)
        out, err = wrk.communicate(timeout=60)
    line = next((text for text in out.splitlines() if text.startswith("BURST ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result:\n{out}\n{err}")
    result = json.loads(line[len("BURST "):])
    result["client"] = "wrk"
    return result


def _python(stack, method, path, body, keys):
    """The fallback: a thread and a connection per trainee, released together."""
    barrier = threading.Barrier(len(keys))
    results = [None] * len(keys)
    marks = [None] * len(keys)

    def one(index, line):
        session, csrf = line.split()
        headers = {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf, "Content-Type": "application/json"}
        conn = http.client.HTTPConnection("127.0.0.1", stack.args.port, timeout=600)
        conn.connect()
        barrier.wait()
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except OSError:
            status = 0
        ended = time.perf_counter()
        results[index], marks[index] = (status, ended - started), (started, ended)
        conn.close()

    threads = [threading.Thread(target=one, args=(i, line)) for i, line in enumerate(keys)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies = sorted(seconds for _status, seconds in results)
    statuses = {}
    for status, _seconds in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
    return {"answers": sum(n for s, n in statuses.items() if s != "0"), "statuses": statuses,
            "seconds": max(m[1] for m in marks) - min(m[0] for m in marks), "p50": pick(0.5), "p95": pick(0.95),
            "p99": pick(0.99), "max": latencies[-1], "socket_errors": statuses.pop("0", 0),
            "client": client_name()}
