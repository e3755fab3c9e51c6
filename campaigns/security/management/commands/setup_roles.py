"""Create the role groups and set their least permissions. Rerunnable."""

from django.core.management.base import BaseCommand
from django.db import transaction

from campaigns.accounts.roles import ROLE_PERMISSIONS, sync_role_groups


class Command(BaseCommand):
    help = "Tạo các nhóm vai trò và gán quyền tối thiểu (chạy lại nhiều lần không trùng lặp)."

    def handle(self, *args, **options):
        with transaction.atomic():
            groups = sync_role_groups()
        for name, group in groups.items():
            self.stdout.write(
                f"{name:<22} {group.permissions.count():>4} quyền  ({', '.join(ROLE_PERMISSIONS[name]) or '—'})"
            )
