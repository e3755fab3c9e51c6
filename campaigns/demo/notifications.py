"""Demo notifications: organizers may use the notifications admin; default reminder rules
(3 days, 1 day and 2 hours before each session) exist once."""

from django.contrib.auth.models import Group, Permission

from campaigns.accounts import roles
from campaigns.notifications.defaults import ensure_default_templates
from campaigns.notifications.models import MessageTemplate, ReminderRule

DEFAULT_RULES = [
    ("Nhắc trước 3 ngày", -3 * 24 * 60, ["email"]),
    ("Nhắc trước 1 ngày", -24 * 60, ["email", "insite"]),
    ("Nhắc trước 2 giờ", -120, ["sms"]),
]


def grant_organizer_permissions():
    group, _ = Group.objects.get_or_create(name=roles.ORGANIZER)
    perms = Permission.objects.filter(content_type__app_label="notifications").exclude(
        codename__in=["add_delivery", "delete_delivery"]
    )
    group.permissions.add(*perms)


def load():
    grant_organizer_permissions()
    ensure_default_templates(MessageTemplate)
    for name, offset, channels in DEFAULT_RULES:
        ReminderRule.objects.get_or_create(name=name, run=None, defaults={"offset_minutes": offset, "channels": channels})
