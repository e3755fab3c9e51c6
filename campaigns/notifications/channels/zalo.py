"""Zalo Notification Service: a pre-approved template id plus parameters, sent through the
ZNS HTTP API to the recipient's phone number. Each parameter, and the rendered text, is held
to ZNS's 400-character limit."""

import requests
from django.conf import settings

from .base import BaseChannel, PermanentError, TransientError
from .sms import normalise_phone

ZNS_MAX_CHARS = 400


def check_zns_params(params):
    """Raise PermanentError if a parameter is over 400 characters or not a string."""
    for key, value in params.items():
        if len(str(value)) > ZNS_MAX_CHARS:
            raise PermanentError(f"ZNS parameter {key!r} is {len(str(value))} characters (max {ZNS_MAX_CHARS})")


class ZaloChannel(BaseChannel):
    name = "zalo"

    def address(self, *, person, delivery=None):
        if person is None:
            return ""
        pref = getattr(person, "channel_preference", None)
        phone = (pref.zalo_phone if pref is not None else "") or person.phone
        return normalise_phone(phone)

    def send(self, *, delivery, message, address, connection):
        if not message.zns_template_id:
            raise PermanentError("no Zalo ZNS template id for this message kind and language")
        if not settings.NOTIFICATIONS_ZALO_ACCESS_TOKEN:
            raise PermanentError("NOTIFICATIONS_ZALO_ACCESS_TOKEN is not set")
        params = {k: str(v) for k, v in message.params.items()}
        check_zns_params(params)
        if len(message.short_text or "") > ZNS_MAX_CHARS:
            raise PermanentError(f"ZNS text is {len(message.short_text)} characters (max {ZNS_MAX_CHARS})")
        body = {"phone": address, "template_id": message.zns_template_id, "template_data": params,
                "tracking_id": f"delivery-{delivery.pk}"}
        try:
            response = requests.post(
                settings.NOTIFICATIONS_ZALO_API_URL, json=body,
                headers={"access_token": settings.NOTIFICATIONS_ZALO_ACCESS_TOKEN}, timeout=10,
            )
        except requests.RequestException as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}")
        if response.status_code >= 500 or response.status_code == 429:
            raise TransientError(f"HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise TransientError(f"HTTP {response.status_code}: not JSON")
        error = data.get("error", 0)
        if error != 0:
            # Negative codes are ZNS request errors (bad template, quota, phone not on Zalo).
            raise PermanentError(f"ZNS error {error}: {data.get('message', '')}")
        return str((data.get("data") or {}).get("msg_id", ""))
