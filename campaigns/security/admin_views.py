"""Staff side of personal data, in the Wagtail admin: find a person, see what is held
(ethnicity masked for roles that do not need it), export it (audited), and — for
administrators — erase it on the person's request."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from campaigns.accounts import roles
from campaigns.i18n.folding import folded_search
from campaigns.text import nfc

from . import subject_data
from .audit import record_export
from .erasure import PersonalDataError, anonymise_person
from .models import ExportKind
from .scopes import limit_to_units
from .sensitive import HIDDEN, can_view_ethnicity
from .views import download_response


def _people_for(user):
    from campaigns.programme.models import Person

    if not user.has_perm("programme.view_person"):
        raise PermissionDenied
    return limit_to_units(Person.objects.select_related("unit", "user"), user, field="unit", include_unassigned=True)


def _masked(sections, user, person):
    if can_view_ethnicity(user, person):
        return sections
    for section in sections:
        if section["key"] == "programme.person":
            for row in section["rows"]:
                if row.get("ethnicity"):
                    row["ethnicity"] = str(HIDDEN)
    return sections


def is_administrator(user):
    return user.is_superuser or roles.user_has_role(user, roles.ADMINISTRATOR)


@require_GET
def people(request):
    query = nfc(request.GET.get("q", "").strip())[:100]
    found = _people_for(request.user)
    if query:
        found = found.filter(
            folded_search(["full_name", "position", "unit__name"], query) | Q(email__iexact=query) | Q(user__email__iexact=query)
        )
    return render(request, "security/admin_people.html", {"people": found.order_by("full_name")[:50], "q": query})


@require_GET
def person_data(request, pk):
    person = get_object_or_404(_people_for(request.user), pk=pk)
    sections = _masked(subject_data.collect(person=person), request.user, person)
    return render(
        request,
        "security/admin_person.html",
        {
            "person": person,
            "sections": sections,
            "can_export": request.user.has_perm("security.export_personal_data"),
            "can_erase": is_administrator(request.user),
        },
    )


@require_GET
def person_export(request, pk, fmt):
    if not request.user.has_perm("security.export_personal_data"):
        raise PermissionDenied
    person = get_object_or_404(_people_for(request.user), pk=pk)
    sections = _masked(subject_data.collect(person=person), request.user, person)
    record_export(
        request=request,
        kind=ExportKind.STAFF_EXPORT,
        subject_person_id=person.pk,
        description=_("Xuất dữ liệu cá nhân #%(id)s theo yêu cầu") % {"id": person.pk},
        file_format=fmt,
        record_count=subject_data.record_count(sections),
        includes_ethnicity=can_view_ethnicity(request.user, person) and subject_data.includes_ethnicity(sections),
    )
    return download_response(sections, fmt, f"du-lieu-ca-nhan-{person.pk}-{timezone.localdate():%Y%m%d}")


@require_POST
def person_erase(request, pk):
    if not is_administrator(request.user):
        raise PermissionDenied
    person = get_object_or_404(_people_for(request.user), pk=pk)
    try:
        anonymise_person(person=person, request=request)
    except PersonalDataError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã ẩn danh hóa hồ sơ #%(id)s.") % {"id": person.pk})
    return redirect("security_person_data", pk=person.pk)
