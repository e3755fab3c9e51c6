"""A real worker consumes the configured broker: the filesystem transport with no server,
or Redis in CI's second configuration."""

from tasks.celery_app import app as celery_app
from tasks.health import ping


def test_real_worker_runs_an_enqueued_task_and_returns_its_result(celery_worker):
    result = ping.delay()
    assert result.get(timeout=20) == "pong"
    assert result.successful()


def test_broker_is_the_one_the_settings_name(settings):
    expected = "redis" if settings.REDIS_URL else "filesystem"
    assert celery_app.connection_for_write().transport_cls == expected or \
        celery_app.conf.broker_url.startswith(expected)
