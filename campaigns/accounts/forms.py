"""Sign-up, login, password and profile forms for trainees. Names are kept exactly as typed
(NFC). Personal questions (gender, ethnicity, unit) start unanswered: nothing is preset."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from campaigns.programme.ethnicities import ETHNICITY_CHOICES
from campaigns.programme.models import Gender, OrganisationUnit
from campaigns.text import nfc
from config.forms import PublicForm

from .models import Channel

CONSENT_TEXT = _(
    "Tôi đồng ý để Chương trình thu thập và xử lý dữ liệu cá nhân của tôi (họ tên, giới tính, năm sinh, "
    "dân tộc, đơn vị, chức vụ, thông tin liên hệ) nhằm tổ chức đào tạo, bồi dưỡng và thống kê theo Luật "
    "Bảo vệ dữ liệu cá nhân. Tôi có thể rút lại sự đồng ý bất cứ lúc nào trong trang hồ sơ."
)


def clean_name(value):
    value = nfc(value)
    if not value:
        raise forms.ValidationError(_("Hãy nhập họ và tên."))
    return value


NAME_REQUIRED = {"required": _("Hãy nhập họ và tên.")}
NAME_HINT = _("Viết đầy đủ, có dấu, đúng như trên giấy tờ tùy thân (giấy chứng nhận in đúng tên này).")
GENDER_REQUIRED = {"required": _("Hãy chọn giới tính.")}
EMAIL_ERRORS = {"required": _("Hãy nhập địa chỉ email."), "invalid": _("Địa chỉ email chưa đúng, ví dụ: ten@coquan.gov.vn.")}


def gender_field():
    """Giới tính as radio buttons with none chosen: a personal question has no default answer."""
    return forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices, widget=forms.RadioSelect, error_messages=GENDER_REQUIRED)


class SignUpForm(PublicForm, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), help_text=NAME_HINT, max_length=255, error_messages=NAME_REQUIRED,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    gender = gender_field()
    email = forms.EmailField(label=_("Email"), help_text=_("Chúng tôi gửi đường dẫn xác minh và thư xác nhận đăng ký lớp đến địa chỉ này."),
                             error_messages=EMAIL_ERRORS, widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Số điện thoại"), help_text=_("Không bắt buộc. Dùng khi bạn chọn nhận tin nhắn nhắc lịch."),
                            max_length=20, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    password = forms.CharField(label=_("Mật khẩu"), help_text=_("Ít nhất 10 ký tự, không chỉ gồm chữ số."), strip=False,
                               error_messages={"required": _("Hãy đặt mật khẩu.")},
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password_again = forms.CharField(label=_("Nhập lại mật khẩu"), strip=False, error_messages={"required": _("Hãy nhập lại mật khẩu.")},
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True, initial=False,
                                 error_messages={"required": _("Bạn cần đồng ý xử lý dữ liệu cá nhân để đăng ký tài khoản.")})

    def clean_full_name(self):
        return clean_name(self.cleaned_data["full_name"])

    def clean_phone(self):
        phone = "".join(ch for ch in self.cleaned_data["phone"] if ch.isdigit() or ch == "+")
        if phone and not 9 <= len(phone.lstrip("+")) <= 15:
            raise forms.ValidationError(_("Số điện thoại không hợp lệ."))
        return phone

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Hai mật khẩu không khớp."))
        elif data.get("password"):
            try:
                validate_password(data["password"])
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ProfileForm(PublicForm, forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), help_text=NAME_HINT, max_length=255, error_messages=NAME_REQUIRED,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    gender = gender_field()
    birth_year = forms.IntegerField(label=_("Năm sinh"), required=False, error_messages={"invalid": _("Năm sinh là một số, ví dụ 1985.")},
                                    widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4, "maxlength": 4, "autocomplete": "bday-year"}))
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=ETHNICITY_CHOICES, required=False,
                                  help_text=_("Không bắt buộc. Dữ liệu nhạy cảm: chỉ dùng để thống kê theo cơ cấu dân tộc."))
    unit = forms.ModelChoiceField(label=_("Đơn vị công tác"), queryset=OrganisationUnit.objects.none(), required=False,
                                  empty_label=_("— Chọn đơn vị —"))
    position = forms.CharField(label=_("Chức vụ"), max_length=255, required=False, widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    declares_planning_pool = forms.BooleanField(label=_("Tôi đang trong diện quy hoạch lãnh đạo, quản lý"), required=False)
    preferred_language = forms.ChoiceField(label=_("Ngôn ngữ nhận thông báo"), choices=settings.LANGUAGES)
    preferred_channels = forms.MultipleChoiceField(
        label=_("Kênh nhận thông báo"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=False, initial=False)

    def __init__(self, *args, needs_consent=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_consent = needs_consent
        self.fields["unit"].queryset = OrganisationUnit.objects.valid_on(timezone.localdate())
        if not needs_consent:
            del self.fields["consent"]

    def clean_full_name(self):
        return clean_name(self.cleaned_data["full_name"])

    def clean_birth_year(self):
        year = self.cleaned_data["birth_year"]
        if year is not None and not 1940 <= year <= timezone.localdate().year - 16:
            raise forms.ValidationError(_("Năm sinh không hợp lệ."))
        return year

    def clean(self):
        data = super().clean()
        if self.needs_consent and not data.get("consent"):
            self.add_error("consent", _("Bạn cần đồng ý xử lý dữ liệu cá nhân để tham gia đào tạo."))
        return data


class LoginForm(PublicForm, AuthenticationForm):
    """Django's login form with the site's rendering; the login is the email address."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("Email")
        self.fields["username"].widget.attrs.update(autocomplete="email", inputmode="email")
        self.fields["username"].error_messages["required"] = _("Hãy nhập email.")
        self.fields["password"].label = _("Mật khẩu")
        self.fields["password"].error_messages["required"] = _("Hãy nhập mật khẩu.")


class ResetRequestForm(PublicForm, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages.update(EMAIL_ERRORS)


class NewPasswordForm(PublicForm, SetPasswordForm):
    pass


class AdminLoginForm(WagtailLoginForm):
    """The admin's login form (WAGTAILADMIN_USER_LOGIN_FORM): Wagtail's, with its labels in
    Vietnamese. Wagtail gives the password field no label, so Django would print the field
    name, "Password", in English; staff log in with their email, as on the site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email hoặc tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")
