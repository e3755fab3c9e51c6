"""Forms of the public training pages. Dates are entered dd/mm/yyyy (config/formats)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import PublicForm

from .models import CourseFormat
from .queries import topics
from .records import AttendanceStatus


class CatalogueFilterForm(PublicForm, forms.Form):
    topic = forms.ChoiceField(label=_("Chủ đề"), required=False)
    format = forms.ChoiceField(label=_("Hình thức"), required=False, choices=[("", _("Tất cả"))] + list(CourseFormat.choices))
    date_from = forms.DateField(label=_("Từ ngày"), required=False, help_text=_("dd/mm/yyyy"),
                                error_messages={"invalid": _("Ngày chưa đúng, hãy viết dd/mm/yyyy.")})
    date_to = forms.DateField(label=_("Đến ngày"), required=False, help_text=_("dd/mm/yyyy"),
                              error_messages={"invalid": _("Ngày chưa đúng, hãy viết dd/mm/yyyy.")})
    seats_left = forms.BooleanField(label=_("Chỉ lớp còn chỗ"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Tất cả"))] + [(t, t) for t in topics()]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data


class FeedbackForm(PublicForm, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Đánh giá chung"), coerce=int, choices=[(n, str(n)) for n in range(5, 0, -1)], widget=forms.RadioSelect,
        help_text=_("5 là rất tốt, 1 là chưa tốt."), error_messages={"required": _("Hãy chọn một mức đánh giá.")},
    )
    comment = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class CodeForm(PublicForm, forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=32, error_messages={"required": _("Hãy nhập mã.")})


class SessionCodeForm(CodeForm):
    """The six digits shown in the classroom, typed on a phone."""

    code = forms.CharField(label=_("Mã buổi học"), max_length=32, error_messages={"required": _("Hãy nhập mã.")},
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8}))


class ApologyForm(PublicForm, forms.Form):
    note = forms.CharField(label=_("Lý do (không bắt buộc)"), required=False, max_length=500)


class RosterForm(forms.Form):
    status = forms.ChoiceField(label=_("Đánh dấu"), choices=AttendanceStatus.choices)
