"""Vietnamese date input: day first, always."""

import datetime

from django import forms
from django.utils import formats, translation


class DateForm(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField(required=False)


def test_ambiguous_date_is_read_day_first_in_vietnamese():
    with translation.override("vi"):
        form = DateForm(data={"day": "05/04/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2025, 4, 5)


def test_single_digit_day_and_month_are_accepted():
    with translation.override("vi"):
        form = DateForm(data={"day": "5/4/2025"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2025, 4, 5)


def test_month_first_date_is_refused_with_a_vietnamese_message():
    with translation.override("vi"):
        form = DateForm(data={"day": "12/31/2025"})
        assert not form.is_valid()
        assert "Nhập ngày hợp lệ" in form.errors["day"][0] or "hợp lệ" in form.errors["day"][0]


def test_datetime_is_entered_as_dd_mm_yyyy_hh_mm():
    with translation.override("vi"):
        form = DateForm(data={"day": "01/07/2025", "moment": "01/07/2025 08:30"})
        assert form.is_valid(), form.errors
        moment = form.cleaned_data["moment"]
        assert (moment.day, moment.month, moment.hour, moment.minute) == (1, 7, 8, 30)
        assert str(moment.tzinfo) == "Asia/Ho_Chi_Minh"


def test_dates_are_shown_as_dd_mm_yyyy_in_both_languages():
    for language in ("vi", "en"):
        with translation.override(language):
            assert formats.date_format(datetime.date(2025, 4, 5), "SHORT_DATE_FORMAT") == "05/04/2025"
