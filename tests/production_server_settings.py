"""The shipped production settings, for the gunicorn that tests/security/test_proxies.py
starts. Only two things differ, neither about proxies or headers: the test run's database,
and static files served without the manifest that `collectstatic` would have written."""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import DATABASES, STORAGES

DATABASES["default"]["NAME"] = os.environ["WLP_TEST_DB_NAME"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
