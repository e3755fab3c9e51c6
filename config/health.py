"""/healthz: is the database answering, is the broker reachable, is a worker consuming?

200 when every part is up, 503 naming the parts that are down. Each check is bounded by a
short timeout, and calling it costs next to nothing:

- the answer is kept in this process's memory for HEALTHZ_CACHE_SECONDS (5 s), so however
  often a load balancer or a stranger calls, each web process queues at most one Celery ping
  and holds at most one request on it per period; while one request checks, the others get
  the last answer. Not in the shared cache: a stalled cache must not break the health check;
- everybody sees up/down per part; timings and error texts only staff, or a request from this
  machine: one whose client (`client_ip`, which honours TRUSTED_PROXY_COUNT) is a loopback
  address and that came through no proxy (no forwarding header), because behind a proxy on
  the same machine every request arrives from 127.0.0.1."""

import ipaddress
import threading
import time

from celery import current_app as celery_app
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from campaigns.security.ratelimit import client_ip

_FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_broker():
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _check_workers():
    timeout = getattr(settings, "HEALTHZ_WORKER_TIMEOUT", 5)
    result = celery_app.send_task("tasks.health.ping", expires=timeout)
    try:
        if result.get(timeout=timeout) != "pong":
            raise RuntimeError("unexpected answer")
    finally:
        result.forget()


CHECKS = [("database", _check_database), ("broker", _check_broker), ("workers", _check_workers)]


def run_checks():
    """{part: {"status": "ok"|"error"|"skipped", "ms" or "error": …}} for every part, now."""
    parts, healthy = {}, True
    for name, check in CHECKS:
        started = time.monotonic()
        if not healthy and name == "workers":
            parts[name] = {"status": "skipped"}  # no worker can answer without a broker
            continue
        try:
            check()
            parts[name] = {"status": "ok", "ms": round((time.monotonic() - started) * 1000)}
        except Exception as exc:  # noqa: BLE001 - any failure is what we report
            healthy = False
            parts[name] = {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:300]}
    return parts


class _Recent:
    """The last answer of this process and when it was made; one check at a time."""

    def __init__(self):
        self._lock = threading.Lock()
        self._answer, self._at = None, 0.0

    def get(self):
        max_age = getattr(settings, "HEALTHZ_CACHE_SECONDS", 5)
        answer, at = self._answer, self._at
        if answer is not None and time.monotonic() - at < max_age:
            return answer
        # Another request is checking: the last answer will do, if there is one.
        if not self._lock.acquire(blocking=answer is None):
            return answer
        try:
            if self._answer is None or time.monotonic() - self._at >= max_age:
                self._answer, self._at = run_checks(), time.monotonic()
            return self._answer
        finally:
            self._lock.release()

    def forget(self):
        self._answer = None


_recent = _Recent()
forget = _recent.forget


def may_see_details(request):
    """Staff, or a request from this machine that came through no proxy."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    if any(request.META.get(header) for header in _FORWARDING_HEADERS):
        return False
    try:
        return ipaddress.ip_address(client_ip(request)).is_loopback
    except ValueError:
        return False


@never_cache
@require_GET
def healthz(request):
    parts = _recent.get()
    failing = [name for name, part in parts.items() if part["status"] == "error"]
    if may_see_details(request):
        checks = parts
    else:
        checks = {name: part["status"] for name, part in parts.items()}
    body = {"status": "error" if failing else "ok", "failing": failing, "checks": checks}
    return JsonResponse(body, status=503 if failing else 200)
