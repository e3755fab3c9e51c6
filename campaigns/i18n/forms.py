"""Form fields for numbers written the Vietnamese way (see config.formats.numbers)."""

from django import forms

from config.formats.numbers import format_number, parse_number


class LocalizedDecimalField(forms.DecimalField):
    """A decimal typed as "1.234,5" (or "1234,5", "1,234.5"); shown back grouped in the
    active language. Range and digit limits are DecimalField's own validators."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            value = value.strip()
            if not value:
                return None
        return parse_number(value)

    def prepare_value(self, value):
        if value in self.empty_values or isinstance(value, str):
            return value
        return format_number(value, self.decimal_places)

    def widget_attrs(self, widget):
        # No step/min/max HTML attributes: the input is text, so the browser leaves commas alone.
        return {}
