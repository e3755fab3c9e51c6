"""/healthz: is the database answering, is the broker reachable, is a worker consuming?

200 with every part "ok", or 503 naming the part that failed. Each check is bounded by a
short timeout so a stalled dependency makes the answer slow by seconds, never hang."""

import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tasks.celery_app import app as celery_app


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_broker():
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _check_workers():
    from tasks.health import ping

    timeout = getattr(settings, "HEALTHZ_WORKER_TIMEOUT", 5)
    result = ping.apply_async(expires=timeout)
    try:
        if result.get(timeout=timeout) != "pong":
            raise RuntimeError("unexpected answer")
    finally:
        result.forget()


CHECKS = [("database", _check_database), ("broker", _check_broker), ("workers", _check_workers)]


@never_cache
@require_GET
def healthz(request):
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
    failing = [name for name, part in parts.items() if part["status"] == "error"]
    body = {"status": "ok" if healthy else "error", "failing": failing, "checks": parts}
    return JsonResponse(body, status=200 if healthy else 503)
