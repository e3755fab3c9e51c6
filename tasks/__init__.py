"""Celery: the app (celery_app.py) and thin task modules that load rows and call services."""
