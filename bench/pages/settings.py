"""Production settings plus one URL: the minimal Django view the pages are compared with."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.pages.urls"
