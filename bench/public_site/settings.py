"""Production settings served over plain HTTP on 127.0.0.1, as Lighthouse reaches them: no
HTTPS redirect, HSTS, secure-only cookies or upgrade-insecure-requests (there is no TLS here)."""

import os

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
CONTENT_SECURITY_POLICY["DIRECTIVES"].pop("upgrade-insecure-requests", None)  # noqa: F405
TRUSTED_PROXY_COUNT = 0
ROOT_URLCONF = "bench.public_site.urls"
# A cache of its own: the development server's file cache holds fragments naming other files.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": os.environ["BENCH_CACHE_DIR"]}}
