"""Numbers as Vietnamese readers write them: 1.234.567,89 (dot groups thousands, comma
marks decimals), in display, forms, imports and exports. Django's own number localisation
groups digits only with USE_THOUSAND_SEPARATOR, which would also put dots into ids rendered
in Wagtail's and Django's admin templates, so grouping is applied here, where it is asked for.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import formats, numberformat
from django.utils.translation import gettext as _

_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


def format_number(value, decimal_pos=None):
    """`value` with the active language's separators and thousands grouped:
    1234567.891 -> "1.234.567,891" in vi, "1,234,567.891" in en; None -> ""."""
    if value is None or value == "":
        return ""
    if decimal_pos is not None:  # round half up, as people do (Django's formatter truncates)
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimal_pos), rounding=ROUND_HALF_UP)
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos,
        formats.get_format("NUMBER_GROUPING"),
        formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def parse_number(text):
    """Read a number written the Vietnamese way, as people type it into forms and
    spreadsheets: "1.234.567,89", "1234,5", "12,5 %" (the % is dropped), also "1234.5"
    and "1,234.5" from English-language software. A lone dot followed by exactly three
    digits groups thousands ("1.234" is 1234). Returns a Decimal; raises ValidationError
    with a Vietnamese message for anything else. Numbers already read (int, float,
    Decimal, from a spreadsheet cell) are returned as Decimal."""
    if isinstance(text, bool):
        raise ValidationError(_("“%(value)s” không phải là số."), code="invalid", params={"value": text})
    if isinstance(text, (int, float, Decimal)):
        return Decimal(str(text))
    raw = str(text or "")
    value = _SPACES.sub("", raw).rstrip("%")
    sign = ""
    if value[:1] in "+-" and value:
        sign, value = ("-" if value[0] == "-" else ""), value[1:]
    if "," in value and "." in value:
        decimal_mark = "," if value.rfind(",") > value.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        value = value.replace(group_mark, "").replace(decimal_mark, ".")
    elif "," in value:
        if value.count(",") > 1:  # 1,234,567 from English software
            value = value.replace(",", "")
        else:
            value = value.replace(",", ".")
    elif value.count(".") > 1 or _GROUPED.match(value):
        value = value.replace(".", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", value):
        raise ValidationError(_("“%(value)s” không phải là số."), code="invalid", params={"value": raw})
    try:
        return Decimal(sign + value)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        raise ValidationError(_("“%(value)s” không phải là số."), code="invalid", params={"value": raw}) from None
