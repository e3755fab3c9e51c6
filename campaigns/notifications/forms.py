"""Admin forms: list fields (statuses, channels) as checkboxes; dates as dd/mm/yyyy HH:MM."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from campaigns.training.models import RegistrationStatus

from .models.preferences import Channel


class ReminderRuleForm(WagtailAdminModelForm):
    statuses = forms.MultipleChoiceField(
        label=_("trạng thái đăng ký"), choices=RegistrationStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    channels = forms.MultipleChoiceField(label=_("kênh"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple)

    def clean_run(self):
        """A rule with no run applies to every run: only for accounts not limited to units."""
        from campaigns.security.scopes import is_scoped

        run = self.cleaned_data.get("run")
        user = getattr(self, "for_user", None)
        if run is None and user is not None and is_scoped(user):
            raise forms.ValidationError(_("Hãy chọn một lớp học thuộc phạm vi của bạn."))
        return run


class BroadcastForm(WagtailAdminModelForm):
    statuses = forms.MultipleChoiceField(
        label=_("trạng thái đăng ký"), choices=RegistrationStatus.choices, widget=forms.CheckboxSelectMultiple,
        required=False, help_text=_("Chỉ dùng khi gửi cho học viên của một lớp; để trống: mọi trạng thái trừ đã hủy."),
    )
    channels = forms.MultipleChoiceField(
        label=_("kênh"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, initial=["email"]
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


class ChannelPreferenceForm(WagtailAdminModelForm):
    order = forms.MultipleChoiceField(
        label=_("kênh theo thứ tự ưu tiên"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    opted_out = forms.MultipleChoiceField(
        label=_("kênh đã từ chối"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("gửi lúc"), required=False, input_formats=["%d/%m/%Y %H:%M"],
        help_text=_("Định dạng dd/mm/yyyy HH:MM; để trống để gửi ngay."),
        widget=forms.TextInput(attrs={"placeholder": "25/12/2026 08:00"}),
    )
