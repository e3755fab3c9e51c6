"""Demo notifications: the default message templates, and default reminder rules (3 days,
1 day and 2 hours before each session), each once. (Organizers' permissions for the
notifications admin come from the role matrix, campaigns/accounts/roles.py.)"""

from campaigns.notifications.defaults import ensure_default_templates
from campaigns.notifications.models import MessageTemplate
from campaigns.training.models import ReminderRule

DEFAULT_RULES = [
    ("Nhắc trước 3 ngày", -3 * 24 * 60, ["email"]),
    ("Nhắc trước 1 ngày", -24 * 60, ["email", "insite"]),
    ("Nhắc trước 2 giờ", -120, ["sms"]),
]


def load():
    ensure_default_templates(MessageTemplate)
    for name, offset, channels in DEFAULT_RULES:
        ReminderRule.objects.get_or_create(name=name, run=None, defaults={"offset_minutes": offset, "channels": channels})
