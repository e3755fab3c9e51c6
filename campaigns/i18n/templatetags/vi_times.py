"""`{% load vi_times %}`: `{{ session|session_time }}` or `{{ start|time_range:end }}` writes
"08:00–11:30, thứ Bảy 27/12/2026"; `{{ course.hours|hours }}` writes "24 giờ"; `{{ day|day }}`
writes "thứ Bảy 27/12/2026". All from config/formats/times.py."""

from django import template

from config.formats import times

register = template.Library()


@register.filter
def session_time(session):
    return times.time_range(session.starts_at, session.ends_at) if session else ""


@register.filter
def time_range(starts_at, ends_at=None):
    return times.time_range(starts_at, ends_at)


@register.filter
def hours(value):
    return times.hours_label(value)


@register.filter
def day(value):
    return times.day_label(value)
