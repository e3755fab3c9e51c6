"""The comparison stack: Django 5.2 with only the security middleware Django ships, as issue
17 lists it (Security, Session, CSRF, Auth, clickjacking), and the same minimal view. No
database is touched. With BENCH_BARE_COMMON=1, Django's CommonMiddleware too, where
startproject puts it: the layer that checks the Host header against ALLOWED_HOSTS on every
request (request.get_host()), which the project runs as well; bench/middleware/run.py prints
that stack for information beside the target's."""

import os

SECRET_KEY = "bench-bare-stack-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.middleware.urls"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    *(["django.middleware.common.CommonMiddleware"] if os.environ.get("BENCH_BARE_COMMON") == "1" else []),
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
