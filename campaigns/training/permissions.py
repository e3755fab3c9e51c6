"""Who may organize what: organizers and administrators; an organizer whose profile names a
unit sees only the courses organised by that unit or the units under it (and courses with
no organising unit)."""

from django.db.models import Q

from campaigns.accounts import roles

from .models import CourseRun, Registration, Session

ORGANIZING_ROLES = (roles.ORGANIZER, roles.ADMINISTRATOR)


def is_organizer(user):
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name__in=ORGANIZING_ROLES).exists())


def _unit_filter(user, prefix):
    if user.is_superuser or user.groups.filter(name=roles.ADMINISTRATOR).exists():
        return Q()
    # Explicit staff scopes (campaigns.security.StaffScope) win over the profile's unit.
    from campaigns.security.scopes import is_scoped, units_visible_to

    if is_scoped(user):
        return Q(**{f"{prefix}organiser_unit__isnull": True}) | Q(**{f"{prefix}organiser_unit__in": units_visible_to(user)})
    person = getattr(user, "person", None)
    unit = getattr(person, "unit", None)
    if unit is None:
        return Q()
    return Q(**{f"{prefix}organiser_unit__isnull": True}) | Q(**{f"{prefix}organiser_unit__path__startswith": unit.path})


def visible_runs(user):
    if not is_organizer(user):
        return CourseRun.objects.none()
    return CourseRun.objects.filter(_unit_filter(user, "course__"))


def visible_registrations(user):
    if not is_organizer(user):
        return Registration.objects.none()
    return Registration.objects.filter(_unit_filter(user, "run__course__"))


def visible_sessions(user):
    if not is_organizer(user):
        return Session.objects.none()
    return Session.objects.filter(_unit_filter(user, "run__course__"))
