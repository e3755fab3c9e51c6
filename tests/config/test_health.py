"""/healthz reports the database, the broker and the workers."""

import pytest

from tasks.celery_app import app as celery_app


@pytest.mark.django_db
def test_all_parts_up_answers_200(client, celery_worker):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert {name: part["status"] for name, part in body["checks"].items()} == {
        "database": "ok", "broker": "ok", "workers": "ok"}


@pytest.mark.django_db
def test_no_worker_answers_503_naming_the_workers(client, settings):
    settings.HEALTHZ_WORKER_TIMEOUT = 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["workers"]


@pytest.mark.django_db
def test_unreachable_broker_answers_503_naming_the_broker(client, settings):
    settings.HEALTHZ_WORKER_TIMEOUT = 1
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = original
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["broker"]
    assert body["checks"]["workers"]["status"] == "skipped"


def _queued_pings():
    """Messages waiting in the real broker's default queue (no worker consumes them here)."""
    with celery_app.connection_for_write() as conn:
        return conn.default_channel.queue_declare(celery_app.conf.task_default_queue, passive=False).message_count


@pytest.mark.django_db
def test_many_calls_queue_one_ping_and_hold_no_request(client, settings):
    """A load balancer (or anyone) calling /healthz twenty times costs one ping per process
    per HEALTHZ_CACHE_SECONDS, not twenty, and only the first call waits for the answer."""
    settings.HEALTHZ_WORKER_TIMEOUT = 1
    celery_app.control.purge()
    codes = [client.get("/healthz", REMOTE_ADDR="203.0.113.7").status_code for _ in range(20)]
    assert codes == [503] * 20  # no worker runs in this test
    assert _queued_pings() == 1
    celery_app.control.purge()


@pytest.mark.django_db
def test_the_public_answer_is_up_or_down_per_part_without_error_text(client, settings):
    settings.HEALTHZ_WORKER_TIMEOUT = 1
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        public = client.get("/healthz", REMOTE_ADDR="203.0.113.7").json()
        forwarded = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1").json()
        local = client.get("/healthz", REMOTE_ADDR="127.0.0.1").json()
    finally:
        celery_app.conf.broker_url = original
    assert public == {"status": "error", "failing": ["broker"],
                      "checks": {"database": "ok", "broker": "error", "workers": "skipped"}}
    assert forwarded == public  # through a proxy on this machine is not "from this machine"
    assert "Error" in local["checks"]["broker"]["error"] and "ms" in local["checks"]["database"]


@pytest.mark.django_db
def test_staff_see_the_details(client, settings):
    from django.contrib.auth import get_user_model

    settings.HEALTHZ_WORKER_TIMEOUT = 1
    staff = get_user_model().objects.create_user(username="quantri-thu", email="qt@example.vn", password="x",
                                                 is_staff=True)
    client.force_login(staff)
    body = client.get("/healthz", REMOTE_ADDR="203.0.113.7").json()
    assert body["checks"]["workers"]["status"] == "error" and "error" in body["checks"]["workers"]
