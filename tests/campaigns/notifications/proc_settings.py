"""Settings for worker and beat processes that tests start: the test run's database, broker
folder / queue and SMTP sink, passed in the environment by tests/campaigns/notifications/procs.py."""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["WLP_TEST_DB_NAME"]
if os.environ.get("WLP_TEST_QUEUE"):
    CELERY_TASK_DEFAULT_QUEUE = os.environ["WLP_TEST_QUEUE"]
NOTIFICATIONS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("WLP_TEST_SMTP_PORT", "25"))
EMAIL_TIMEOUT = 30
NOTIFICATIONS_KICK_AFTER_COMMIT = False
NOTIFICATIONS_LEASE_SECONDS = int(os.environ.get("WLP_TEST_LEASE", "300"))
NOTIFICATIONS_CHUNK_SIZE = int(os.environ.get("WLP_TEST_CHUNK", "200"))
NOTIFICATIONS_CONNECTIONS = int(os.environ.get("WLP_TEST_CONNECTIONS", "1"))
