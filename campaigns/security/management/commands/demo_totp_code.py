"""Print the current two-factor code of a demo account (development only)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "In mã xác thực hai lớp hiện tại của một tài khoản mẫu (chỉ môi trường phát triển)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEMO_USERS_ENABLED:
            raise CommandError("Lệnh này chỉ dùng khi DEMO_USERS_ENABLED (môi trường phát triển).")
        from django_otp.oath import TOTP
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(
            user__email__iexact=email, confirmed=True, user__email__endswith="@demo.local"
        ).first()
        if device is None:
            raise CommandError(f"Không có thiết bị xác thực cho tài khoản mẫu {email}.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():06d}")
