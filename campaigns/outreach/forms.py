"""The results screen's filters: a date range (dd/mm/yyyy) and one of the campaign's units,
shared by the screen and its exports so a downloaded table is what was on screen."""

from urllib.parse import urlencode

from django import forms
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .access import visible_campaign_units
from .results import default_range

DATE_INPUT = dict(
    required=False,
    input_formats=["%d/%m/%Y"],
    widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    error_messages={"invalid": _("Nhập ngày theo dạng dd/mm/yyyy.")},
)
MAX_DAYS = 731


class ResultsFilterForm(forms.Form):
    start = forms.DateField(label=_("Từ ngày"), **DATE_INPUT)
    end = forms.DateField(label=_("Đến ngày"), **DATE_INPUT)
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)

    def __init__(self, data, *args, user, campaign, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.campaign = campaign
        self.units = visible_campaign_units(user, campaign)
        self.fields["unit"].choices = [("", _("Tất cả đơn vị của chiến dịch"))] + [(u.code, u.name) for u in self.units]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
        if start and end and (end - start).days > MAX_DAYS:
            raise forms.ValidationError(_("Chỉ xem được tối đa hai năm một lần."))
        return data

    def resolved(self):
        """(start, end, unit, errors): the campaign's counting window for anything missing or
        invalid; 404 for a unit that is not one of the campaign's units the account may see."""
        requested = (self.data or {}).get("unit")
        unit = None
        if requested:
            unit = self.units.filter(code=requested).first()
            if unit is None:
                raise Http404
        valid = self.is_valid()
        data = self.cleaned_data if valid else {}
        default_start, default_end = default_range(self.campaign)
        return data.get("start") or default_start, data.get("end") or default_end, unit, ([] if valid else self.errors)


def query_string(start, end, unit, **extra):
    params = {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y"), "unit": unit.code if unit else "", **extra}
    return urlencode({k: v for k, v in params.items() if v})
