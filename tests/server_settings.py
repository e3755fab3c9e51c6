"""Settings for the gunicorn that fault tests start (tests/servers.py): the test settings on
the test run's database; with REDIS_URL in the environment, Redis is the cache and broker
exactly as config.settings.base configures it in production (the test settings would
otherwise swap in a local-memory cache)."""

import os

from config.settings.base import CACHES as CONFIGURED_CACHES
from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["WLP_TEST_DB_NAME"]
if os.environ.get("REDIS_URL"):
    CACHES = CONFIGURED_CACHES
