"""The benchmarks' load generator: wrk (Debian's package), keep-alive connections, run as a
process of its own; a Python fallback (threads with keep-alive connections) only where wrk is
missing. Every result says which client produced it."""

import http.client
import re
import shutil
import subprocess
import threading
import time

_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


def client_name():
    return "wrk" if shutil.which("wrk") else "python-threads (wrk not installed)"


def _seconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def measure(url, *, seconds, connections, threads=2, headers=None, timeout=None):
    """{"rps", "p50", "p99", "requests", "errors", "client"} for GETs of `url` over `seconds`
    (`timeout`: seconds before wrk counts a request as failed; wrk's default is 2)."""
    if shutil.which("wrk"):
        command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency"]
        if timeout:
            command += ["--timeout", f"{timeout}s"]
        for name, value in (headers or {}).items():
            command += ["-H", f"{name}: {value}"]
        out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)$", out, flags=re.MULTILINE))
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        failed = (int(errors.group(1)) if errors else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
        if not requests:
            raise RuntimeError(f"wrk completed no request of {url}:\n{out}")
        p50, p99 = (_seconds(latency[q]) if q in latency else float("nan") for q in ("50", "99"))
        return {"rps": rps, "p50": p50, "p99": p99, "requests": requests,
                "errors": failed, "client": "wrk"}
    return _python(url, seconds=seconds, connections=connections, headers=headers or {})


def _python(url, *, seconds, connections, headers):
    match = re.fullmatch(r"http://([^/:]+):(\d+)(/.*)", url)
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    latencies, errors = [], [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection(host, port, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status >= 400:
                errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=client) for _ in range(connections)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else 0.0  # noqa: E731
    return {"rps": len(latencies) / elapsed, "p50": pick(0.5), "p99": pick(0.99), "requests": len(latencies),
            "errors": errors[0], "client": "python-threads (wrk not installed)"}
