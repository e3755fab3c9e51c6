"""Load the demo data. Rerunnable: every record is found by its natural key first, so a
second run changes nothing and duplicates nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo import cms, notifications, outreach, programme, training, users
from demo import security as demo_security


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không tạo bản ghi trùng)."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo_users = users.load()
            units = programme.load(demo_users)
            training.load(units)
            cms.load()
            notifications.load()
            outreach.load()
            totp_secrets = demo_security.load(demo_users)
        self.stdout.write(self.style.SUCCESS("Dữ liệu mẫu đã sẵn sàng."))
        if settings.DEMO_USERS_ENABLED:
            self.stdout.write(f"Tài khoản mẫu (mật khẩu: {settings.DEMO_PASSWORD}):")
            for _username, email, role, *_ in users.DEMO_USERS:
                self.stdout.write(f"  {role:<22} {email}")
            for email, secret in totp_secrets:
                self.stdout.write(f"  Khóa TOTP (xác thực hai lớp) của {email}: {secret}  (mã hiện tại: manage.py demo_totp_code {email})")
