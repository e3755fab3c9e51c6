"""The project's configuration and composition root: settings, URLs, WSGI, formats, links, the
cache, the one enqueue helper. The Celery app lives in tasks/ and is loaded by the tasks app when
Django starts (tasks/apps.py)."""
