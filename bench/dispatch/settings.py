"""Settings for the dispatch benchmark's worker and driver: development settings, a queue of
its own, email to the local sink over SMTP, no kicks (the driver starts the dispatcher)."""

import os

from config.settings.dev import *  # noqa: F403

DEBUG = False
CELERY_TASK_DEFAULT_QUEUE = "bench-dispatch"
NOTIFICATIONS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("BENCH_SMTP_PORT", "2529"))
NOTIFICATIONS_KICK_AFTER_COMMIT = False
NOTIFICATIONS_CHUNK_SIZE = int(os.environ.get("BENCH_CHUNK", "500"))
NOTIFICATIONS_CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "10"))
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
