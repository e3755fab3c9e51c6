"""The Celery app, configured from Django settings (CELERY_* names).

Task modules are the modules of this package; each is imported when the worker starts, and
tasks defined in an installed app's `tasks.py` are found by autodiscovery too."""

import os
import pkgutil
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

_HERE = Path(__file__).resolve().parent
TASK_MODULES = [
    f"tasks.{m.name}"
    for m in pkgutil.iter_modules([str(_HERE)])
    if not m.ispkg and m.name not in {"celery_app", "apps", "schedule"}
]

app = Celery("campaigns", include=TASK_MODULES)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _prepare_filesystem_broker(sender, **kwargs):
    """The filesystem transport does not create its folders: make them before first use."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "control_folder"):
        if options.get(key):
            Path(options[key]).mkdir(parents=True, exist_ok=True)
    backend = sender.conf.result_backend or ""
    if backend.startswith("file://"):
        Path(backend[len("file://") :]).mkdir(parents=True, exist_ok=True)
