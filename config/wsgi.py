"""WSGI entry point (gunicorn config.wsgi).

Once the application is loaded, everything it loaded (Django, Wagtail, the project's modules:
about 200,000 objects the collector tracks) lives as long as the process. `gc.freeze()` moves
them out of the collector's reach: a full collection, which comes every 20,000 requests or so,
otherwise walks them all (about 80 ms of a worker's time, 4 µs a request on average;
bench/middleware). Objects made later, requests' included, are collected as before."""
import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
gc.freeze()
