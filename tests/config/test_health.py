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
