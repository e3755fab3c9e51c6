"""Who may see and change programme monitoring: organizers and monitors read the dashboard
and export; organizers and administrators save a snapshot; only administrators import (docs/security.md, "Imports"). What each account
reads is limited to the units it may see (campaigns.security.scopes): the dashboard, the
exports and the "not yet trained" list refuse (404) a unit outside them, and the programme's
records (snippets) show only rows of those units."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaigns.accounts import roles

VIEW_ROLES = {roles.ORGANIZER, roles.MONITOR, roles.ADMINISTRATOR}
IMPORT_ROLES = {roles.ADMINISTRATOR}
# A snapshot is a write (it fixes the figures of a date for the trend): monitors only read.
SNAPSHOT_ROLES = {roles.ORGANIZER, roles.ADMINISTRATOR}


def _has(user, names):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=names).exists()


def can_view(user):
    return _has(user, VIEW_ROLES)


def can_import(user):
    return _has(user, IMPORT_ROLES)


def can_snapshot(user):
    return _has(user, SNAPSHOT_ROLES)


def visible_units(user):
    from campaigns.security.scopes import units_visible_to

    return units_visible_to(user)


def check_unit(user, unit):
    """404 unless `unit` is one the user may see."""
    if unit is not None and not visible_units(user).filter(pk=unit.pk).exists():
        raise Http404


def scoped_records(model, field, *, include_unassigned=False):
    """object_scope for a programme snippet whose unit is reached through `field`."""

    def scope(user):
        from campaigns.security.scopes import limit_to_units

        if not (getattr(user, "is_authenticated", False) and user.is_active):
            return model.objects.none()
        return limit_to_units(model.objects.all(), user, field=field, include_unassigned=include_unassigned)

    return scope


class ViewerRequired:
    """View mixin: 403 unless the user may read the programme's dashboards."""

    check = staticmethod(can_view)

    def dispatch(self, request, *args, **kwargs):
        if not self.check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImporterRequired(ViewerRequired):
    check = staticmethod(can_import)


class SnapshotterRequired(ViewerRequired):
    check = staticmethod(can_snapshot)
