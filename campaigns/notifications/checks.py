"""System checks: a misconfigured SMS brandname is reported at start-up, not at first send."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ValidationError

from .channels.sms import validate_brandname


@register()
def check_sms_brandname(app_configs, **kwargs):
    try:
        validate_brandname(settings.NOTIFICATIONS_SMS_BRANDNAME)
    except ValidationError as exc:
        return [Error(" ".join(exc.messages), id="notifications.E001", obj="NOTIFICATIONS_SMS_BRANDNAME")]
    return []
