"""The periodic tasks beat runs. Each other area adds its entries here; the command
`seed_periodic_tasks` writes them to django-celery-beat's tables idempotently."""

from django.conf import settings

PERIODIC_TASKS = [
    # (unique name, task, crontab fields)
    ("Xuất bản theo lịch", "tasks.publishing.publish_scheduled", {"minute": "*"}),
    ("Chụp chỉ tiêu chương trình hằng tháng", "tasks.programme.take_monthly_snapshots",
     {"minute": "30", "hour": "1", "day_of_month": "1"}),
    ("Đánh dấu lượt nhập dữ liệu bị gián đoạn", "tasks.programme.mark_stale_import_jobs", {"minute": "*"}),
]
PERIODIC_TASKS += [
    ("Đào tạo: mời chỗ trống và gửi thông báo còn thiếu", "tasks.training.sweep", {"minute": "*"}),
    ("Gửi thông báo đến hạn", "tasks.notifications.dispatch", {"minute": "*"}),
    ("Gửi bản tin tổng hợp", "tasks.cms.send_newsletter_digest", {
        "minute": "0", "hour": str(settings.NEWSLETTER_DIGEST_HOUR),
        "day_of_week": str(settings.NEWSLETTER_DIGEST_DAY_OF_WEEK),
    }),
]
PERIODIC_TASKS += [
    ("Ẩn danh hóa dữ liệu cá nhân quá thời hạn lưu trữ", "tasks.security.anonymise_expired_personal_data",
     {"minute": "15", "hour": "3"}),
]
PERIODIC_TASKS += [
    ("Tổng hợp kết quả chiến dịch", "tasks.outreach.refresh_campaign_results", {"minute": "*/15"}),
]
