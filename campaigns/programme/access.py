"""Who may see and change programme monitoring: organizers and monitors read the dashboard
and export; monitors (the Department of Home Affairs keeps the cadre statistics) and
administrators import."""

from django.core.exceptions import PermissionDenied

from campaigns.accounts import roles

VIEW_ROLES = {roles.ORGANIZER, roles.MONITOR, roles.ADMINISTRATOR}
IMPORT_ROLES = {roles.MONITOR, roles.ADMINISTRATOR}


def _has(user, names):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=names).exists()


def can_view(user):
    return _has(user, VIEW_ROLES)


def can_import(user):
    return _has(user, IMPORT_ROLES)


class ViewerRequired:
    """View mixin: 403 unless the user may read the programme's dashboards."""

    check = staticmethod(can_view)

    def dispatch(self, request, *args, **kwargs):
        if not self.check(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImporterRequired(ViewerRequired):
    check = staticmethod(can_import)
