"""Role groups: created by the migration, re-synced idempotently, least permissions."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from campaigns.accounts import roles
from campaigns.security.models import StaffScope
from campaigns.security.scopes import can_see_unit, limit_to_units, units_visible_to
from campaigns.training.models import Course

from .helpers import make_unit_tree, make_user

pytestmark = pytest.mark.django_db


def perms(name):
    group = Group.objects.get(name=name)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def test_migrations_create_every_role_group_with_permissions():
    assert set(Group.objects.filter(name__in=roles.ROLES).values_list("name", flat=True)) == set(roles.ROLES)
    assert "wagtailadmin.access_admin" in perms(roles.COMMUNICATIONS_OFFICER)
    assert "training.add_courserun" in perms(roles.ORGANIZER)


def test_setup_roles_command_is_idempotent_and_restores_removed_permissions(capsys):
    before = {name: perms(name) for name in roles.ROLES}
    Group.objects.get(name=roles.ORGANIZER).permissions.clear()
    call_command("setup_roles")
    call_command("setup_roles")
    assert {name: perms(name) for name in roles.ROLES} == before
    assert Group.objects.filter(name__in=roles.ROLES).count() == len(roles.ROLES)
    assert roles.ORGANIZER in capsys.readouterr().out


def test_setup_roles_removes_permissions_beyond_least_privilege():
    from django.contrib.auth.models import Permission

    extra = Permission.objects.get(content_type__app_label="auth", codename="change_group")
    Group.objects.get(name=roles.MONITOR).permissions.add(extra)
    call_command("setup_roles")
    assert "auth.change_group" not in perms(roles.MONITOR)


def test_trainee_has_no_permission_and_no_admin_access():
    assert perms(roles.TRAINEE) == set()
    trainee = make_user(roles.TRAINEE)
    assert not trainee.has_perm("wagtailadmin.access_admin")


def test_monitor_only_reads():
    monitor_perms = perms(roles.MONITOR)
    assert "programme.view_person" in monitor_perms
    assert not [p for p in monitor_perms if p.split(".")[1].startswith(("add_", "change_", "delete_"))]


def test_organizer_writes_training_but_deletes_no_record_and_cannot_manage_users():
    organizer_perms = perms(roles.ORGANIZER)
    assert {"training.add_course", "training.change_registration", "programme.view_person"} <= organizer_perms
    # Only their own notification rules, templates and broadcasts may be deleted.
    assert not [p for p in organizer_perms if ".delete_" in p and not p.startswith("notifications.")]
    assert (
        "notifications.delete_delivery" not in organizer_perms and "notifications.add_delivery" not in organizer_perms
    )
    assert not [p for p in organizer_perms if p.startswith(("auth.", "accounts.", "wagtailusers."))]


def test_communications_roles_do_not_see_training_or_personal_records():
    for name in (roles.COMMUNICATIONS_OFFICER, roles.APPROVER):
        assert not [p for p in perms(name) if p.startswith(("training.", "programme.", "accounts.", "security."))]


def test_ethnicity_permission_only_for_roles_that_need_it():
    holders = {name for name in roles.ROLES if "security.view_ethnicity" in perms(name)}
    assert holders == {roles.MONITOR, roles.ADMINISTRATOR}


def test_scoped_organizer_sees_only_own_unit_and_descendants():
    province, a, b = make_unit_tree()
    organizer = make_user(roles.ORGANIZER)
    assert set(units_visible_to(organizer)) == {province, a, b}  # no scope rows: not limited
    StaffScope.objects.create(user=organizer, unit=a)
    assert list(units_visible_to(organizer)) == [a]
    assert can_see_unit(organizer, a) and not can_see_unit(organizer, b)
    StaffScope.objects.create(user=organizer, unit=province, include_descendants=False)
    assert set(units_visible_to(organizer)) == {province, a}


def test_scope_limits_courses_by_organiser_unit():
    province, a, b = make_unit_tree()
    mine = Course.objects.create(title="Kỹ năng lãnh đạo", slug="ky-nang", organiser_unit=a)
    Course.objects.create(title="Khác", slug="khac", organiser_unit=b)
    unassigned = Course.objects.create(title="Chung", slug="chung")
    organizer = make_user(roles.ORGANIZER)
    StaffScope.objects.create(user=organizer, unit=a)
    assert list(limit_to_units(Course.objects.all(), organizer, field="organiser_unit")) == [mine]
    assert set(limit_to_units(Course.objects.all(), organizer, field="organiser_unit", include_unassigned=True)) == {
        mine,
        unassigned,
    }
    admin = make_user(roles.ADMINISTRATOR)
    StaffScope.objects.create(user=admin, unit=a)  # administrators are never limited
    assert limit_to_units(Course.objects.all(), admin, field="organiser_unit").count() == 3


def test_anonymous_and_trainee_see_no_unit():
    from django.contrib.auth.models import AnonymousUser

    make_unit_tree()
    assert not units_visible_to(AnonymousUser()).exists()
    assert not units_visible_to(make_user(roles.TRAINEE)).exists()
    assert not limit_to_units(Course.objects.all(), AnonymousUser(), field="organiser_unit").exists()


def test_staff_scope_limits_the_organizer_training_admin_lists():
    from campaigns.training.models import Registration, RegistrationStatus
    from campaigns.training.permissions import visible_registrations, visible_runs

    from .helpers import make_trainee_with_registration

    province, a, b = make_unit_tree()
    _u1, _p1, mine = make_trainee_with_registration(email="a@example.vn", unit=a)
    _u2, _p2, theirs = make_trainee_with_registration(email="b@example.vn", unit=b)
    mine.run.course.organiser_unit = a
    mine.run.course.save()
    theirs.run.course.organiser_unit = b
    theirs.run.course.save()
    organizer = make_user(roles.ORGANIZER)
    assert set(visible_registrations(organizer)) == {mine, theirs}
    StaffScope.objects.create(user=organizer, unit=a)
    assert list(visible_registrations(organizer)) == [mine]
    assert list(visible_runs(organizer)) == [mine.run]
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2
