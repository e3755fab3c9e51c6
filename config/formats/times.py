"""How a stretch of time reads, on every screen and in every message: the one place that
writes a session's time and a course's hours.

    time_range(start, end)  -> "08:00–11:30, thứ Bảy 27/12/2026"   (en: "08:00–11:30, Saturday 27/12/2026")
    day_label(moment)       -> "thứ Bảy 27/12/2026"
    hours_label(24)         -> "24 giờ"; hours_label(Decimal("1.5")) -> "1,5 giờ"  (en: "24 hours")

Times are shown in the site's time zone (Asia/Ho_Chi_Minh) and the active language. A range
that ends on another day names both days."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import ngettext, pgettext_lazy

from config.formats.numbers import format_number

# Vietnamese writes weekdays in lower case with the ordinal capitalised ("thứ Bảy"), and
# "Chủ nhật" for Sunday. Our own names: Django's vi catalogue says "Thứ 7".
WEEKDAYS = (
    pgettext_lazy("weekday", "thứ Hai"), pgettext_lazy("weekday", "thứ Ba"), pgettext_lazy("weekday", "thứ Tư"),
    pgettext_lazy("weekday", "thứ Năm"), pgettext_lazy("weekday", "thứ Sáu"), pgettext_lazy("weekday", "thứ Bảy"),
    pgettext_lazy("weekday", "Chủ nhật"),
)


def _weekday(day):
    return str(WEEKDAYS[day.weekday()])  # the one name needed, in the active language


def _local(moment):
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def day_label(moment):
    """'thứ Bảy 27/12/2026' for a date or a datetime (local time)."""
    if moment is None:
        return ""
    if hasattr(moment, "hour"):
        moment = _local(moment)
    return f"{_weekday(moment)} {moment:%d/%m/%Y}"


def time_range(starts_at, ends_at=None):
    """'08:00–11:30, thứ Bảy 27/12/2026'; across midnight '20:00, thứ Bảy 27/12/2026 –
    07:00, Chủ nhật 28/12/2026'; without an end '08:00, thứ Bảy 27/12/2026'."""
    if starts_at is None:
        return ""
    start = _local(starts_at)
    if ends_at is None:
        return f"{start:%H:%M}, {day_label(start)}"
    end = _local(ends_at)
    if end.date() == start.date():
        return f"{start:%H:%M}–{end:%H:%M}, {day_label(start)}"
    return f"{start:%H:%M}, {day_label(start)} – {end:%H:%M}, {day_label(end)}"


def hours_label(hours):
    """'24 giờ', '1,5 giờ' (no trailing ',0'); en '24 hours', '1.5 hours'."""
    if hours in (None, ""):
        return ""
    value = Decimal(str(hours)).normalize()
    decimals = max(0, -value.as_tuple().exponent)
    text = format_number(value, decimals)
    return ngettext("%(hours)s giờ", "%(hours)s giờ", 1 if value == 1 else 2) % {"hours": text}
