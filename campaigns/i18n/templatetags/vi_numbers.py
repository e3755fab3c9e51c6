"""`{% load vi_numbers %}{{ value|number }}` / `{{ value|number:1 }}`: a number with the
active language's separators and grouped thousands (1.234.567,8 in Vietnamese)."""

from django import template

from config.formats.numbers import format_number

register = template.Library()


@register.filter
def number(value, decimal_pos=None):
    try:
        return format_number(value, None if decimal_pos in (None, "") else int(decimal_pos))
    except (TypeError, ValueError):
        return value
