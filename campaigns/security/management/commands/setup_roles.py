"""Create the role groups and set their least permissions (campaigns.accounts.role_setup).
Rerunnable."""

from django.core.management.base import BaseCommand

from campaigns.accounts.role_setup import setup_roles
from campaigns.accounts.roles import ROLE_PERMISSIONS


class Command(BaseCommand):
    help = "Tạo các nhóm vai trò và gán quyền tối thiểu (chạy lại nhiều lần không trùng lặp)."

    def handle(self, *args, **options):
        groups = setup_roles()
        for name, group in groups.items():
            self.stdout.write(
                f"{name:<22} {group.permissions.count():>4} quyền  ({', '.join(ROLE_PERMISSIONS[name]) or '—'})"
            )
