"""SMS through an HTTP gateway (Vietnamese carriers deliver under a registered brandname of at
most 11 characters). Length is counted in GSM-7 / UCS-2 segments: Vietnamese with diacritics
needs UCS-2 (70 characters, 67 per part when split), plain ASCII fits GSM-7 (160 / 153)."""

import re

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .base import BaseChannel, PermanentError, TransientError

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")
BRANDNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,10}$")


def validate_brandname(value):
    """A brandname: 1–11 characters, ASCII letters, digits, space, dot, dash or underscore."""
    if not value or len(value) > 11 or not BRANDNAME_RE.match(value):
        raise ValidationError(
            _("Tên thương hiệu SMS (brandname) phải có từ 1 đến 11 ký tự: chữ không dấu, số, dấu cách, '.', '-' hoặc '_'."),
            code="invalid_brandname",
        )


def count_segments(text):
    """(encoding, number of segments) for `text`: 'gsm7' or 'ucs2'."""
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text):
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        return "gsm7", (1 if units <= 160 else -(-units // 153))
    # UCS-2 counts UTF-16 code units (an emoji takes two).
    units = len(text.encode("utf-16-le")) // 2
    return "ucs2", (1 if units <= 70 else -(-units // 67))


def normalise_phone(phone):
    """Vietnamese numbers as the gateways want them: 84xxxxxxxxx. "" when not a plausible number."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0"):
        digits = "84" + digits[1:]
    return digits if re.fullmatch(r"84\d{9,10}", digits) else ""


class SmsChannel(BaseChannel):
    name = "sms"

    def address(self, *, person, delivery=None):
        if person is None:
            return ""
        user = getattr(person, "user", None)
        return normalise_phone(person.phone or (user.phone if user is not None else ""))

    def prepare(self, text):
        """The text to send: folded to unaccented ASCII when NOTIFICATIONS_SMS_ASCII (cheaper,
        GSM-7), and rejected when it needs more segments than allowed."""
        if settings.NOTIFICATIONS_SMS_ASCII:
            text = _ascii_keep_case(text)
        encoding, segments = count_segments(text)
        if segments > settings.NOTIFICATIONS_SMS_MAX_SEGMENTS:
            raise PermanentError(f"SMS too long: {segments} {encoding} segments (max {settings.NOTIFICATIONS_SMS_MAX_SEGMENTS})")
        return text, encoding, segments

    def send(self, *, delivery, message, address, connection):
        url = settings.NOTIFICATIONS_SMS_GATEWAY_URL
        if not url:
            raise PermanentError("NOTIFICATIONS_SMS_GATEWAY_URL is not set")
        brandname = settings.NOTIFICATIONS_SMS_BRANDNAME
        try:
            validate_brandname(brandname)
        except ValidationError as exc:
            raise PermanentError(" ".join(exc.messages))
        text, encoding, segments = self.prepare(message.short_text or message.subject)
        payload = {"from": brandname, "to": address, "text": text, "encoding": encoding, "segments": segments,
                   "reference": f"delivery-{delivery.pk}"}
        headers = {"Authorization": f"Bearer {settings.NOTIFICATIONS_SMS_API_KEY}"} if settings.NOTIFICATIONS_SMS_API_KEY else {}
        try:
            response = requests.post(url, json=payload, headers=headers, timeout=10)
        except requests.RequestException as exc:
            raise TransientError(f"{type(exc).__name__}: {exc}")
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientError(f"HTTP {response.status_code}: {response.text[:200]}")
        if response.status_code >= 400:
            raise PermanentError(f"HTTP {response.status_code}: {response.text[:200]}")
        try:
            return str(response.json().get("id", ""))
        except ValueError:
            return ""


def _ascii_keep_case(text):
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
