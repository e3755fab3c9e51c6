from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from tasks.schedule import PERIODIC_TASKS


def test_seeding_periodic_tasks_twice_creates_each_once(db):
    call_command("seed_periodic_tasks", verbosity=0)
    call_command("seed_periodic_tasks", verbosity=0)
    names = list(PeriodicTask.objects.exclude(name="celery.backend_cleanup").values_list("name", flat=True))
    assert sorted(names) == sorted(name for name, *_ in PERIODIC_TASKS)


def test_scheduled_publishing_runs_every_minute_from_beat(db):
    call_command("seed_periodic_tasks", verbosity=0)
    task = PeriodicTask.objects.get(task="tasks.publishing.publish_scheduled")
    assert task.enabled
    assert task.crontab.minute == "*" and task.crontab.hour == "*"
