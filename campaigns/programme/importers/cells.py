"""Parsers for one spreadsheet cell each. A parser returns the clean value or raises
CellError with a message in the user's language; the caller adds the row and column."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.text import fold, nfc

from ..ethnicities import ETHNICITIES
from ..models import Gender, UnitLevel, UnitType


class CellError(ValueError):
    pass


DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
TERM_RE = re.compile(r"^(\d{4})\s*[-–—]\s*(\d{4})$")


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def text(value, *, required=False, max_length=255):
    if is_blank(value):
        if required:
            raise CellError(_("Không được để trống."))
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = nfc(str(value))
    if len(result) > max_length:
        raise CellError(_("Dài quá %(n)s ký tự.") % {"n": max_length})
    return result


def date(value, *, required=False, not_future=False):
    """A date written dd/mm/yyyy (or a real date cell); never month-first."""
    if is_blank(value):
        if required:
            raise CellError(_("Không được để trống (định dạng dd/mm/yyyy)."))
        return None
    if isinstance(value, datetime.datetime):
        result = value.date()
    elif isinstance(value, datetime.date):
        result = value
    else:
        match = DATE_RE.match(str(value).strip())
        if not match:
            raise CellError(_("Ngày “%(value)s” không đúng định dạng dd/mm/yyyy.") % {"value": value})
        day, month, year = (int(g) for g in match.groups())
        try:
            result = datetime.date(year, month, day)
        except ValueError:
            raise CellError(_("Ngày “%(value)s” không tồn tại.") % {"value": value})
    if not_future and result > timezone.localdate():
        raise CellError(_("Ngày %(value)s ở tương lai.") % {"value": result.strftime("%d/%m/%Y")})
    return result


def year(value, *, required=False):
    if is_blank(value):
        if required:
            raise CellError(_("Không được để trống."))
        return None
    try:
        number = int(str(value).strip().split(".")[0]) if not isinstance(value, int) else value
    except ValueError:
        raise CellError(_("“%(value)s” không phải là năm.") % {"value": value})
    if not 1900 <= number <= timezone.localdate().year:
        raise CellError(_("Năm %(value)s không hợp lệ.") % {"value": number})
    return number


def term(value):
    match = TERM_RE.match(text(value, required=True))
    if not match:
        raise CellError(_("Nhiệm kỳ phải có dạng 2026-2031."))
    start, end = int(match.group(1)), int(match.group(2))
    if end < start:
        raise CellError(_("Năm kết thúc nhiệm kỳ phải sau năm bắt đầu."))
    return start, end


def percent(value):
    if is_blank(value):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ".").rstrip("%"))
    except InvalidOperation:
        raise CellError(_("“%(value)s” không phải là số.") % {"value": value})
    if not 0 <= number <= 100:
        raise CellError(_("Tỷ lệ phải từ 0 đến 100."))
    return number.quantize(Decimal("0.01"))


YES = {"co", "x", "1", "true", "yes"}
NO = {"khong", "0", "false", "no", ""}


def yes_no(value):
    key = fold(str(value)) if value is not None else ""
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(_("Chỉ ghi “Có” hoặc “Không”."))


def _choice(value, choices, what, *, required=True):
    if is_blank(value):
        if required:
            raise CellError(_("Không được để trống."))
        return ""
    key = fold(str(value))
    for code, label in choices:
        label = str(label)
        if key in (fold(code), fold(label), fold(label.split(" (")[0])):
            return code
    raise CellError(_("Không có %(what)s “%(value)s”.") % {"what": what, "value": value})


def gender(value):
    return _choice(value, Gender.choices, _("giới tính"))


def ethnicity(value):
    return _choice(value, ETHNICITIES, _("dân tộc"), required=False)


def level(value, *, required=True):
    return _choice(value, UnitLevel.choices, _("cấp"), required=required)


def unit_type(value):
    return _choice(value, UnitType.choices, _("loại hình"))
