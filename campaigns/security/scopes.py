"""Which organisation units a staff account may see. Other areas filter their querysets
with these helpers rather than reading StaffScope themselves.

Rules: administrators (superusers or the administrator group) and monitors (who read the
whole programme) see every unit; any other staff account with StaffScope rows sees those
units (and their descendants unless the scope says otherwise); a staff account with no
scope rows but a person record in a unit sees that unit and the units under it; any other
staff account is not limited; anonymous visitors and trainees see no unit through these
helpers (a trainee's own records are found by their person, not by unit)."""

from django.db.models import Q

from campaigns.accounts import roles


def _unlimited(user):
    return user.is_superuser or roles.user_has_role(user, roles.ADMINISTRATOR, roles.MONITOR)


def units_visible_to(user):
    """The OrganisationUnit queryset `user` may see."""
    from campaigns.programme.models import OrganisationUnit

    units = OrganisationUnit.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return units.none()
    if _unlimited(user):
        return units
    if not user.is_staff:
        return units.none()
    scopes = list(user.staff_scopes.select_related("unit"))
    if not scopes:
        unit = _profile_unit(user)
        return units.filter(path__startswith=unit.path) if unit is not None else units
    condition = Q(pk__in=[])
    for scope in scopes:
        if scope.include_descendants:
            condition |= Q(path__startswith=scope.unit.path)
        else:
            condition |= Q(pk=scope.unit_id)
    return units.filter(condition)


def _profile_unit(user):
    person = getattr(user, "person", None)
    return getattr(person, "unit", None)


def is_scoped(user):
    """True when the account is limited to some units (it has scope rows, or a person record
    in a unit, and is not an administrator or monitor)."""
    if not getattr(user, "is_authenticated", False) or _unlimited(user):
        return False
    return user.staff_scopes.exists() or _profile_unit(user) is not None


def limit_to_units(queryset, user, *, field="unit", include_unassigned=False):
    """Filter `queryset` to rows whose `field` (a lookup path to an OrganisationUnit, e.g.
    "organiser_unit" or "run__course__organiser_unit") is visible to `user`. Rows with no
    unit are kept only for unlimited accounts, or when include_unassigned is true."""
    if (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (_unlimited(user) or (user.is_staff and not is_scoped(user)))
    ):
        return queryset
    visible = Q(**{f"{field}__in": units_visible_to(user)})
    if include_unassigned and getattr(user, "is_authenticated", False) and user.is_staff:
        visible |= Q(**{f"{field}__isnull": True})
    return queryset.filter(visible)


def can_see_unit(user, unit):
    """True when `unit` (an OrganisationUnit or None) is visible to `user`."""
    if unit is None:
        return getattr(user, "is_authenticated", False) and user.is_staff and not is_scoped(user)
    return units_visible_to(user).filter(pk=unit.pk).exists()


def unit_condition(user, field, *, include_unassigned=False):
    """A Q over `field` (a lookup path to an OrganisationUnit) for the rows `user` may see:
    Q() for an account that is not limited, None for one that may see no unit (anonymous,
    inactive). With include_unassigned, rows with no unit are kept for limited accounts too
    (shared rows, such as a course no unit organises)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return None
    if not is_scoped(user):
        return Q()
    condition = Q(**{f"{field}__in": units_visible_to(user)})
    if include_unassigned:
        condition |= Q(**{f"{field}__isnull": True})
    return condition
