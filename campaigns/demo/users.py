"""One demo account per role, with the shared demo password. Dev settings only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from campaigns.accounts import roles

DEMO_USERS = [
    # (username, email, role, first name, last name)
    ("truyenthong", "truyenthong@demo.local", roles.COMMUNICATIONS_OFFICER, "Lan", "Nguyễn Thị"),
    ("nguoiduyet", "nguoiduyet@demo.local", roles.APPROVER, "Hạnh", "Trần Thị"),
    ("tochuc", "tochuc@demo.local", roles.ORGANIZER, "Minh", "Lê Văn"),
    ("giamsat", "giamsat@demo.local", roles.MONITOR, "Hoa", "Phạm Thị"),
    ("hocvien", "hocvien@demo.local", roles.TRAINEE, "Thảo", "Điểu Thị"),
    ("quantri", "quantri@demo.local", roles.ADMINISTRATOR, "An", "Võ Văn"),
]

STAFF_ROLES = {roles.COMMUNICATIONS_OFFICER, roles.APPROVER, roles.ORGANIZER, roles.MONITOR, roles.ADMINISTRATOR}


def load():
    """Create the role groups and the demo accounts; returns the users by role."""
    groups = roles.ensure_role_groups()
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in STAFF_ROLES:
        groups[name].permissions.add(access_admin)
    if not settings.DEMO_USERS_ENABLED:
        return {}
    User = get_user_model()
    users = {}
    for username, email, role, first, last in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": email, "first_name": first, "last_name": last}
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
        user.is_staff = role in STAFF_ROLES
        user.is_superuser = role == roles.ADMINISTRATOR
        user.save()
        user.groups.add(groups[role])
        users[role] = user
    return users
