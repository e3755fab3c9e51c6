"""The roles of PRODUCT.md, as Django groups with the least permissions each needs: the
whole role → permissions matrix, in one place.

Names are what users see in the admin; keep them (other areas look groups up by name).
Each role's model permissions are written as shell-style patterns over "app_label.codename",
so a model an area adds later is covered the next time the roles are set up. The publishing
roles' Wagtail permissions (on the page tree's root and the root collection) and the approval
workflow are declared here too. `campaigns.accounts.role_setup` applies all of it: after
every `migrate` (its one post_migrate receiver), from `manage.py setup_roles` and from the
demo loader; `sync_role_groups()` below applies the model permissions alone (the data
migration security/0002 uses it)."""

from fnmatch import fnmatchcase

from django.utils.translation import gettext_lazy as _

COMMUNICATIONS_OFFICER = "Cán bộ truyền thông"
APPROVER = "Người duyệt"
ORGANIZER = "Người tổ chức"
MONITOR = "Người giám sát"
TRAINEE = "Học viên"
ADMINISTRATOR = "Quản trị viên"

ROLES = [COMMUNICATIONS_OFFICER, APPROVER, ORGANIZER, MONITOR, TRAINEE, ADMINISTRATOR]
STAFF_ROLES = [COMMUNICATIONS_OFFICER, APPROVER, ORGANIZER, MONITOR, ADMINISTRATOR]
# Roles whose accounts must prove a second factor (TOTP) before using the admin.
TWO_FACTOR_ROLES = [APPROVER, ADMINISTRATOR]

ROLE_LABELS_EN = {
    COMMUNICATIONS_OFFICER: _("Communications officer"),
    APPROVER: _("Approver"),
    ORGANIZER: _("Organizer"),
    MONITOR: _("Monitor"),
    TRAINEE: _("Trainee"),
    ADMINISTRATOR: _("Administrator"),
}

_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
_PUBLISHING = [
    "wagtailadmin.access_admin",
    *_MEDIA,
    "wagtail_localize.submit_translation",
    "cms.view_topic",
    "cms.add_author",
    "cms.change_author",
    "cms.view_author",
    # Newsletter subscribers: see who subscribed, unsubscribe someone on request (campaigns/newsletter/viewsets.py).
    "newsletter.view_subscriber",
    "newsletter.change_subscriber",
    # Campaign records (period, units, courses, messages, goals) and their results screen.
    "outreach.add_campaign",
    "outreach.change_campaign",
    "outreach.view_campaign",
    "outreach.*_campaigngoal",
]
_TRAINING_MODELS = ["course", "courserun", "session", "registration"]

# Least permissions per role. A trainee has none: the trainee pages show only their own
# data by who is logged in, never by a permission. Organizers write training records but
# delete none (a cancellation is a status); monitors only read. Declared once here as the
# whole truth: setting the groups up makes each one's model permissions exactly this list.
ROLE_PERMISSIONS = {
    COMMUNICATIONS_OFFICER: _PUBLISHING,
    APPROVER: [*_PUBLISHING, "cms.add_topic", "cms.change_topic", "cms.delete_topic"],
    ORGANIZER: [
        "wagtailadmin.access_admin",
        *[f"training.{action}_{model}" for model in _TRAINING_MODELS for action in ("add", "change", "view")],
        "training.view_attendance",
        "training.view_feedback",
        "training.view_certificate",
        # Reminder rules, templates and broadcasts are the organizer's own work; the
        # delivery ledger is written only by the dispatcher.
        *[f"training.{action}_reminderrule" for action in ("add", "change", "view")],  # switched off, not deleted
        "notifications.*",
        "programme.view_*",
        "security.export_personal_data",
    ],
    MONITOR: [
        "wagtailadmin.access_admin",
        "programme.view_*",
        "training.view_*",
        "security.view_ethnicity",
        "outreach.view_*",
    ],
    TRAINEE: [],
    ADMINISTRATOR: ["*"],
}
# Never granted by a pattern (only "*" or an explicit entry): what no wildcard should sweep in.
EXCLUDED_FROM_PATTERNS = {"notifications.add_delivery", "notifications.delete_delivery"}

# Wagtail's own permissions of the publishing roles, on the root of the page tree (so every
# site and language) and on the root collection (images and documents). Officers write and
# submit for approval; approvers also publish, lock and unlock. On those roots each group
# gets exactly these; an administrator may still grant more on a subtree or sub-collection.
PAGE_PERMISSIONS = {
    COMMUNICATIONS_OFFICER: ["add_page", "change_page"],
    APPROVER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {role: _MEDIA for role in PAGE_PERMISSIONS}
# Every page goes through this workflow (on the tree's root) before an officer's change is
# published: one group-approval task whose approvers are APPROVAL_ROLE.
WORKFLOW_NAME = "Duyệt trước khi xuất bản"
TASK_NAME = "Người duyệt phê duyệt"
APPROVAL_ROLE = APPROVER


def permission_matches(patterns, perm_key):
    """True when "app_label.codename" is granted by one of `patterns`."""
    if perm_key in patterns:
        return True
    if perm_key in EXCLUDED_FROM_PATTERNS and "*" not in patterns:
        return False
    return any(fnmatchcase(perm_key, pattern) for pattern in patterns)


def sync_role_groups(*, apps=None, using="default"):
    """Create the role groups and set each one's model permissions to exactly
    ROLE_PERMISSIONS (extra ones are removed); permissions that do not exist yet are
    skipped. Rerunnable; `apps` is a migration's app registry or None for the live one.
    Returns {name: Group}."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    all_perms = list(Permission.objects.using(using).select_related("content_type"))
    groups = {}
    for name in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=name)
        patterns = ROLE_PERMISSIONS[name]
        wanted = [p.pk for p in all_perms if permission_matches(patterns, f"{p.content_type.app_label}.{p.codename}")]
        group.permissions.set(wanted)
        groups[name] = group
    return groups


def ensure_role_groups():
    """Create the role groups (with their permissions) if missing; returns {name: Group}."""
    return sync_role_groups()


def with_role_flag(queryset, attribute, *names):
    """`queryset` of users, each carrying `attribute`: whether it belongs to one of the named
    role groups (user_has_role's answer), read in the users' own query."""
    from django.db.models import Exists, OuterRef

    through = queryset.model.groups.through
    member = through.objects.filter(user_id=OuterRef("pk"), group__name__in=names)
    return queryset.annotate(**{attribute: Exists(member)})


def user_has_role(user, *names):
    """True when the user belongs to one of the named role groups."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.groups.filter(name__in=names).exists()
