"""Who may organize what: organizers and administrators organize; every staff account sees
only the courses (and their runs, sessions, registrations) organised by the units it may see
(campaigns.security.scopes: its StaffScope rows, else its profile's unit and the units under
it) and courses with no organising unit. Administrators and monitors see everything."""


from campaigns.accounts import roles

from .models import Course, CourseRun, Registration, ReminderRule, Session

ORGANIZING_ROLES = (roles.ORGANIZER, roles.ADMINISTRATOR)


def is_organizer(user):
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name__in=ORGANIZING_ROLES).exists())


def _unit_filter(user, prefix):
    """Q over `prefix` + organiser_unit: None when the user may see no course at all."""
    from campaigns.security.scopes import unit_condition

    return unit_condition(user, f"{prefix}organiser_unit", include_unassigned=True)


def _scoped(model, user, prefix):
    condition = _unit_filter(user, prefix)
    return model.objects.none() if condition is None else model.objects.filter(condition)


def scoped_courses(user):
    return _scoped(Course, user, "")


def scoped_runs(user):
    return _scoped(CourseRun, user, "course__")


def scoped_rules(user):
    """Reminder rules of the runs in scope; rules for every run (no run) only for accounts
    not limited to units."""
    from campaigns.security.scopes import is_scoped

    condition = _unit_filter(user, "run__course__")
    if condition is None:
        return ReminderRule.objects.none()
    if not is_scoped(user):
        return ReminderRule.objects.all()
    return ReminderRule.objects.filter(condition, run__isnull=False)


def scoped_sessions(user):
    return _scoped(Session, user, "run__course__")


def scoped_registrations(user):
    return _scoped(Registration, user, "run__course__")


def visible_runs(user):
    """The runs an organizer works on (the organizer screens); none for other roles."""
    return scoped_runs(user) if is_organizer(user) else CourseRun.objects.none()


def visible_registrations(user):
    return scoped_registrations(user) if is_organizer(user) else Registration.objects.none()


def visible_sessions(user):
    return scoped_sessions(user) if is_organizer(user) else Session.objects.none()
