"""The dashboard's filters: unit, as-of date (dd/mm/yyyy) and level, shared by every view
and export so an exported table is exactly what was on screen. Only the units the account
may see are offered; asking for another one answers 404."""

from django import forms
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..access import visible_units
from ..models import UnitLevel


class FilterForm(forms.Form):
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    as_of = forms.DateField(
        label=_("Tính đến ngày"),
        required=False,
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")},
    )
    level = forms.ChoiceField(label=_("Cấp"), required=False, choices=[("", _("Tất cả các cấp")), *UnitLevel.choices])

    def __init__(self, data, *args, user, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.units = visible_units(user)
        units = self.units.order_by("path").only("code", "name", "depth", "valid_from", "valid_to")
        self.fields["unit"].choices = [("", _("— Mặc định —"))] + [
            (u.code, "\u2003" * (u.depth - 1) + u.name) for u in units
        ]

    def resolved(self):
        """(unit, as_of, level, errors): defaults for anything missing or invalid; 404 for a
        unit the account may not see."""
        requested = (self.data or {}).get("unit")
        if requested and not self.units.filter(code=requested).exists():
            raise Http404
        valid = self.is_valid()
        data = self.cleaned_data if valid else {}
        as_of = data.get("as_of") or timezone.localdate()
        unit = None
        if data.get("unit"):
            unit = self.units.filter(code=data["unit"]).first()
        if unit is None:
            unit = self.units.valid_on(as_of).order_by("depth", "name").first()
        return unit, as_of, data.get("level") or None, ([] if valid else self.errors)


def query_string(unit, as_of, level, **extra):
    from urllib.parse import urlencode

    params = {"unit": unit.code if unit else "", "as_of": as_of.strftime("%d/%m/%Y"), "level": level or "", **extra}
    return urlencode({k: v for k, v in params.items() if v})
