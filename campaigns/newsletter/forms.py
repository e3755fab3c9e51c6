from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import PublicForm

from .models import topic_model

TOPIC_GONE = _("Chủ đề bạn chọn không còn trong danh sách. Vui lòng chọn lại.")


class SubscribeForm(PublicForm, forms.Form):
    email = forms.EmailField(
        label=_("Địa chỉ email"), max_length=254,
        error_messages={"required": _("Vui lòng nhập địa chỉ email."),
                        "invalid": _("Địa chỉ email không hợp lệ. Vui lòng kiểm tra lại.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Chủ đề quan tâm"), queryset=topic_model().objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Không bắt buộc. Để trống để nhận tất cả bài viết mới."),
        # A topic removed while the form was open, or a forged value: say so plainly.
        error_messages=dict.fromkeys(("invalid_choice", "invalid_pk_value", "invalid_list"), TOPIC_GONE),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not topic_model().objects.exists():  # nothing to choose from: no empty question
            self.fields["topics"].widget = forms.MultipleHiddenInput()
