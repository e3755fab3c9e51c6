"""Admin forms: list fields (channels) as checkboxes; dates as dd/mm/yyyy HH:MM."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.programme.models import OrganisationUnit

from . import audiences
from .models.preferences import offered_channel_choices


class BroadcastForm(WagtailAdminModelForm):
    """The broadcast's form: the audiences the apps register, with the fields each contributes
    (a run and its statuses…), kept in `parameters` for the chosen one; only current units as
    audiences (an abolished or merged unit stays listed only on the broadcast that already
    names it), and the greeting the message adds said where the body is written. Use
    broadcast_form_class(), which declares the audiences' fields."""

    channels = forms.MultipleChoiceField(
        label=_("kênh"), choices=offered_channel_choices, widget=forms.CheckboxSelectMultiple, initial=["email"]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            for name in audiences.parameter_fields():
                if name in self.fields and name in (self.instance.parameters or {}):
                    self.initial[name] = self.instance.parameters[name]
        if "unit" in self.fields:
            current = OrganisationUnit.objects.valid_on(timezone.localdate())
            if self.instance.unit_id:
                current = current | OrganisationUnit.objects.filter(pk=self.instance.unit_id)
            self.fields["unit"].queryset = current
        if "body" in self.fields:
            self.fields["body"].help_text = _(
                "Thư gửi đi tự mở đầu bằng «Kính gửi» và họ tên người nhận, rồi đến nội dung này và chữ ký: "
                "không cần viết lời chào ở đầu. Có thể dùng {{ name }} để chèn họ tên người nhận."
            )

    def clean_audience(self):
        from .access import may_send_to

        audience = self.cleaned_data.get("audience")
        user = getattr(self, "for_user", None)
        if user is not None and not may_send_to(user, audience):
            raise forms.ValidationError(
                _("Tài khoản của bạn chỉ gửi được cho học viên một lớp hoặc cán bộ một đơn vị thuộc phạm vi của bạn.")
            )
        return audience

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("audience")
        self.instance.parameters = {
            name: _plain(cleaned.get(name)) for name, (key, _field) in audiences.parameter_fields().items()
            if key == chosen and name in self.fields
        }
        return cleaned


def _plain(value):
    """A form value as JSON: an object by its pk, a list as a list."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def broadcast_form_class():
    """BroadcastForm with the fields of every registered audience declared (call it once the
    apps' notification_hooks are loaded, as the admin's panels are built)."""
    fields = {name: field for name, (_key, field) in audiences.parameter_fields().items()}
    return type("BroadcastForm", (BroadcastForm,), fields)



class ChannelPreferenceForm(WagtailAdminModelForm):
    order = forms.MultipleChoiceField(
        label=_("kênh theo thứ tự ưu tiên"), choices=offered_channel_choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    opted_out = forms.MultipleChoiceField(
        label=_("kênh đã từ chối"), choices=offered_channel_choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("gửi lúc"), required=False, input_formats=["%d/%m/%Y %H:%M"],
        help_text=_("Ngày/tháng/năm giờ:phút, ví dụ 25/12/2026 08:00; để trống để gửi ngay."),
        widget=forms.TextInput(attrs={"placeholder": _("để trống: gửi ngay")}),
    )
