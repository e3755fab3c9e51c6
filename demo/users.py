"""One demo account per role, with the shared demo password. Dev settings only."""

from django.conf import settings
from django.contrib.auth import get_user_model

from campaigns.accounts import role_setup, roles

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
    """Set the roles up (groups, permissions) and create the demo accounts; returns the users
    by role."""
    groups = role_setup.setup_roles()
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
