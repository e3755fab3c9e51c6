"""Write tasks.schedule.PERIODIC_TASKS into django-celery-beat's tables. Rerunnable: an
entry is matched by its name and updated, never duplicated."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from tasks.schedule import PERIODIC_TASKS


class Command(BaseCommand):
    help = "Tạo hoặc cập nhật các tác vụ định kỳ của Celery beat."

    @transaction.atomic
    def handle(self, *args, **options):
        for name, task, cron in PERIODIC_TASKS:
            fields = {"minute": "*", "hour": "*", "day_of_week": "*", "day_of_month": "*",
                      "month_of_year": "*", **cron}
            schedule, _ = CrontabSchedule.objects.get_or_create(timezone="Asia/Ho_Chi_Minh", **fields)
            PeriodicTask.objects.update_or_create(
                name=name, defaults={"task": task, "crontab": schedule, "interval": None, "enabled": True}
            )
        self.stdout.write(f"{len(PERIODIC_TASKS)} periodic tasks up to date.")
