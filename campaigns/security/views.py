"""A person's own data: see what is held, download it (JSON, XLSX), ask for erasure.
Every download is written to the personal-data audit log."""

from django import forms
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from config.forms import PublicForm

from . import subject_data
from .audit import record_export
from .erasure import PersonalDataError, anonymise_person
from .export_audit import mark_audited
from .models import ExportKind
from .ratelimit import rate_limit

LOGIN_URL = "accounts:login"
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download_response(sections, fmt, filename):
    """An attachment response with the sections rendered as JSON or XLSX."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    body = subject_data.as_json(sections) if fmt == "json" else subject_data.as_xlsx(sections)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return mark_audited(response)


@never_cache
@login_required(login_url=LOGIN_URL)
@require_GET
def overview(request):
    sections = subject_data.collect(user=request.user)
    return render(
        request, "security/my_data.html", {"sections": sections, "consents": request.user.consent_records.all()}
    )


@never_cache
@login_required(login_url=LOGIN_URL)
@rate_limit("my-data-download", rate="20/h", key="user", methods=("GET",))
@require_GET
def download(request, fmt):
    if fmt not in CONTENT_TYPES:
        raise Http404
    sections = subject_data.collect(user=request.user)
    person = getattr(request.user, "person", None)
    record_export(
        request=request,
        kind=ExportKind.SUBJECT_ACCESS,
        subject_person_id=getattr(person, "pk", None),
        description=_("Tự tải dữ liệu cá nhân"),
        file_format=fmt,
        record_count=subject_data.record_count(sections),
        includes_ethnicity=subject_data.includes_ethnicity(sections),
    )
    return download_response(sections, fmt, f"du-lieu-ca-nhan-{timezone.localdate():%Y%m%d}")


class ErasureForm(PublicForm, forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu hiện tại"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Hãy nhập mật khẩu hiện tại.")},
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Tôi hiểu rằng tài khoản sẽ bị đóng và thông tin nhận dạng tôi sẽ bị xóa vĩnh viễn."),
        required=True,
        error_messages={"required": gettext_lazy("Hãy đánh dấu xác nhận để tiếp tục.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Mật khẩu không đúng."))
        return password


@never_cache
@login_required(login_url=LOGIN_URL)
@rate_limit("my-data-erase", rate="5/h", key="user")
@require_http_methods(["GET", "POST"])
def erase(request):
    person = getattr(request.user, "person", None)
    form = ErasureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                raise PersonalDataError(_("Tài khoản này không có hồ sơ cá nhân để ẩn danh."))
            anonymise_person(person=person, request=request)
        except PersonalDataError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            return redirect("security:erased")
    return render(request, "security/erase.html", {"form": form, "person": person})


@require_GET
def erased(request):
    return render(request, "security/erased.html")
