"""The roles of PRODUCT.md, as Django groups. Names are what users see in the admin."""

from django.utils.translation import gettext_lazy as _

COMMUNICATIONS_OFFICER = "Cán bộ truyền thông"
APPROVER = "Người duyệt"
ORGANIZER = "Người tổ chức"
MONITOR = "Người giám sát"
TRAINEE = "Học viên"
ADMINISTRATOR = "Quản trị viên"

ROLES = [COMMUNICATIONS_OFFICER, APPROVER, ORGANIZER, MONITOR, TRAINEE, ADMINISTRATOR]

ROLE_LABELS_EN = {
    COMMUNICATIONS_OFFICER: _("Communications officer"),
    APPROVER: _("Approver"),
    ORGANIZER: _("Organizer"),
    MONITOR: _("Monitor"),
    TRAINEE: _("Trainee"),
    ADMINISTRATOR: _("Administrator"),
}


def ensure_role_groups():
    """Create the role groups if missing; returns {name: Group}. Rerunnable."""
    from django.contrib.auth.models import Group

    return {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
