"""The periodic tasks beat runs. Each other area adds its entries here; the command
`seed_periodic_tasks` writes them to django-celery-beat's tables idempotently."""

PERIODIC_TASKS = [
    # (unique name, task, crontab fields)
    ("Xuất bản theo lịch", "tasks.publishing.publish_scheduled", {"minute": "*"}),
    ("Gửi thông báo đến hạn", "tasks.notifications.dispatch", {"minute": "*"}),
]
