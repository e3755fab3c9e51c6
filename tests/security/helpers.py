"""Small builders shared by the security tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.accounts import roles
from campaigns.programme.models import OrganisationUnit, UnitLevel, UnitType


def make_user(role=None, *, username=None, password="Mk@khau-2026", **extra):
    """A user in the named role group (staff for staff roles, superuser for administrators)."""
    User = get_user_model()
    username = username or f"u{User.objects.count() + 1}"
    user = User.objects.create_user(
        username=username,
        email=extra.pop("email", f"{username}@example.vn"),
        password=password,
        is_staff=role in roles.STAFF_ROLES,
        is_superuser=role == roles.ADMINISTRATOR,
        **extra,
    )
    if role:
        roles.sync_role_groups() if not Group.objects.filter(name=role).exists() else None
        user.groups.add(Group.objects.get(name=role))
    return user


def make_unit_tree():
    """province → (commune A, commune B); returns the three units."""
    province = OrganisationUnit.add_root(
        code="DN", name="UBND tỉnh Đồng Nai", level=UnitLevel.PROVINCE, unit_type=UnitType.PEOPLES_COMMITTEE
    )
    a = province.add_child(
        code="DN-A", name="UBND xã Tân Lợi", level=UnitLevel.COMMUNE, unit_type=UnitType.PEOPLES_COMMITTEE
    )
    province.refresh_from_db()
    b = province.add_child(
        code="DN-B", name="UBND xã Minh Hưng", level=UnitLevel.COMMUNE, unit_type=UnitType.PEOPLES_COMMITTEE
    )
    province.refresh_from_db()
    return province, a, b
