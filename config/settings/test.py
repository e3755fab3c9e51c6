"""Tests: fast hashing, in-memory mail, a private broker folder; the database and broker
still come from DATABASE_URL / REDIS_URL, so one suite runs on SQLite or PostgreSQL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, env

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # under config.mail.EmailBackend
EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND  # what Django's test runner sets anyway
DEMO_USERS_ENABLED = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
ALLOWED_HOSTS = ["*"]

# Each test run (and each xdist worker) gets its own media, broker and result folders so
# runs never see each other's files or messages.
_RUN_DIR = Path(env.str("TEST_RUN_DIR", default=tempfile.mkdtemp(prefix="wlp-test-")))
MEDIA_ROOT = _RUN_DIR / "media"
STATIC_ROOT = _RUN_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_DIR = _RUN_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{_RUN_DIR / 'celery-results'}"
else:
    # A queue name of our own keeps the test run's messages away from a dev worker.
    CELERY_TASK_DEFAULT_QUEUE = f"test-{os.getpid()}"
# Tests write the reach counters themselves (campaigns.reach.counting.flush), in their thread.
REACH_FLUSH_TIMER = False
# At exit the test database is gone (the counts would go to the developer's own database).
REACH_FLUSH_AT_EXIT = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared memory: tests that start worker or beat processes need to see it.
    DATABASES["default"]["TEST"] = {"NAME": str(_RUN_DIR / "test.sqlite3")}  # noqa: F405

# Every compiled public-page query is also built and compared with the one kept
# (cms/compiled.py), so a key that misses a value fails the tests.
CMS_VERIFY_COMPILED_QUERIES = True
