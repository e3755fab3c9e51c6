from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "tasks"
    verbose_name = _("Tác vụ nền")

    def ready(self):
        # Every process that starts Django (web, worker, beat, manage.py) loads the Celery app,
        # so that @shared_task binds to it and celery.current_app is this app: the domain sends
        # tasks by name through config.enqueue without importing tasks/.
        from . import celery_app  # noqa: F401
