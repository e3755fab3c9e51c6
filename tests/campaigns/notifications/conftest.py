import pytest

from .sink import start_sink


@pytest.fixture
def sink():
    sink = start_sink()
    yield sink
    sink.release.set()
    sink.controller.stop()


@pytest.fixture
def email_to_sink(settings, sink):
    """In-process sends (tests, the thread worker) go to the sink over real SMTP."""
    settings.NOTIFICATIONS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False
    return sink


@pytest.fixture(autouse=True)
def _no_kick(settings):
    # Tests drive the dispatcher themselves; a kick would race them from a thread.
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False
