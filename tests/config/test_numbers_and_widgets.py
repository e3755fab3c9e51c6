"""Numbers with Vietnamese separators, and the admin's date widgets in dd/mm/yyyy."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from campaigns.i18n.forms import LocalizedDecimalField
from config.formats.numbers import format_number, parse_number


@pytest.mark.parametrize("text, expected", [
    ("1.234.567,89", Decimal("1234567.89")),
    ("1234,5", Decimal("1234.5")),
    ("1.234", Decimal("1234")),          # a lone dot before three digits groups thousands
    ("12,5 %", Decimal("12.5")),
    ("-3,25", Decimal("-3.25")),
    ("1 234 567", Decimal("1234567")),
    ("1,234.5", Decimal("1234.5")),      # from English-language spreadsheets
    ("1,234,567", Decimal("1234567")),
    ("0,75", Decimal("0.75")),
    (42, Decimal("42")),
    (Decimal("2.5"), Decimal("2.5")),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3,4.5.6", "12-3", "--1", True])
def test_parse_number_refuses_with_a_vietnamese_message(text):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        parse_number(text)
    assert "không phải là số" in error.value.messages[0]


def test_format_number_in_both_languages():
    with translation.override("vi"):
        assert format_number(Decimal("1234567.891"), 2) == "1.234.567,89"
        assert format_number(65) == "65"
        assert format_number(None) == ""
    with translation.override("en"):
        assert format_number(Decimal("1234567.891"), 2) == "1,234,567.89"


def test_template_filter():
    with translation.override("vi"):
        html = Template("{% load vi_numbers %}{{ x|number:1 }}|{{ y|number }}").render(Context({"x": 1234.56, "y": 2030}))
    assert html == "1.234,6|2.030"


class ShareForm(forms.Form):
    share = LocalizedDecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)


def test_localized_decimal_field_reads_and_shows_vietnamese_numbers():
    with translation.override("vi"):
        form = ShareForm(data={"share": "38,5"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["share"] == Decimal("38.5")
        assert 'value="38,50"' in str(ShareForm(initial={"share": Decimal("38.5")})["share"])
        bad = ShareForm(data={"share": "ba mươi"})
        assert not bad.is_valid() and "không phải là số" in bad.errors["share"][0]
        too_big = ShareForm(data={"share": "120"})
        assert not too_big.is_valid() and "100" in too_big.errors["share"][0]


class EventForm(forms.Form):
    day = forms.DateField(widget=AdminDateInput)
    moment = forms.DateTimeField(widget=AdminDateTimeInput)


def test_wagtail_date_widgets_show_and_accept_dd_mm_yyyy():
    with translation.override("vi"):
        form = EventForm(initial={"day": datetime.date(2025, 4, 5),
                                  "moment": datetime.datetime(2025, 4, 5, 8, 30)})
        html = str(form["day"]) + str(form["moment"])
        assert 'value="05/04/2025"' in html and 'value="05/04/2025 08:30"' in html
        assert '"format": "d/m/Y"' in html  # the JavaScript picker writes the same format
        bound = EventForm(data={"day": "05/04/2025", "moment": "5/4/2025 08:30"})
        assert bound.is_valid(), bound.errors
        assert bound.cleaned_data["day"] == datetime.date(2025, 4, 5)
        assert bound.cleaned_data["moment"].month == 4


def test_javascript_catalogue_gives_day_first_input_format(client):
    # Django's admin calendar (and any script using get_format) reads DATE_INPUT_FORMATS[0]
    # from the JavaScript catalogue; Wagtail's admin serves the same formats.
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"%d/%m/%Y"', response.content.decode())
