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


def make_trainee_with_registration(
    *, email="thao@example.vn", name="Điểu Thị Thảo", ethnicity="22", unit=None, run=None
):
    """A trainee account with its Person and one confirmed registration; returns (user, person, registration)."""
    import datetime

    from django.utils import timezone

    from campaigns.programme.models import Gender, Person
    from campaigns.training.models import Course, CourseRun, Registration, RegistrationStatus, Session

    user = make_user(roles.TRAINEE, username=email.split("@")[0], email=email)
    person = Person.objects.create(
        full_name=name,
        gender=Gender.FEMALE,
        birth_year=1988,
        ethnicity=ethnicity,
        unit=unit,
        email=email,
        phone="0912345678",
        position="Phó trưởng phòng",
        user=user,
    )
    if run is None:
        course = Course.objects.create(
            title="Kỹ năng lãnh đạo cho cán bộ nữ", slug=f"kn-{person.pk}", organiser_unit=unit
        )
        run = CourseRun.objects.create(course=course, title="Lớp 1", capacity=30)
        start = timezone.now() + datetime.timedelta(days=3)
        Session.objects.create(run=run, title="Buổi 1", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    registration = Registration.objects.create(run=run, person=person, status=RegistrationStatus.CONFIRMED)
    return user, person, registration
