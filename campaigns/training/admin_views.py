"""Organizer screens in the Wagtail admin that are not plain model lists: a run's report
(seats, waiting list, approvals, attendance with flags, completion, feedback), the roster of
a session with bulk marking, the QR check-in scanner and the rotating self check-in code."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.links import absolute_reverse

from .forms import CodeForm, RosterForm
from .models import AttendanceStatus, Registration
from .models import RegistrationStatus as S
from .permissions import is_organizer, visible_registrations, visible_runs, visible_sessions
from .services import TrainingError, attendance, feedback
from .services import registration as registration_service


def _organizer(request):
    if not is_organizer(request.user):
        raise PermissionDenied


def run_report(request, pk):
    _organizer(request)
    run = get_object_or_404(visible_runs(request.user).select_related("course"), pk=pk)
    counts = dict(run.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    summary = attendance.attendance_summary(run)
    labels = dict(AttendanceStatus.choices)
    for row in summary["rows"]:
        row["mark_labels"] = [labels.get(mark, "") for mark in row["marks"]]
    on_roster = len(summary["rows"])
    completed = counts.get(S.COMPLETED, 0)
    context = {
        "run": run,
        "counts": [(label, counts.get(value, 0)) for value, label in S.choices],
        "seats_left": registration_service.seats_left(run),
        "waiting": registration_service.waiting_list(run).select_related("person"),
        "offered": run.registrations.filter(status=S.OFFERED).select_related("person"),
        "pending": run.registrations.filter(status=S.PENDING_APPROVAL).select_related("person").order_by("queued_at"),
        "summary": summary,
        "flagged": [row for row in summary["rows"] if row["flagged"]],
        "completion_rate": round(100 * completed / on_roster) if on_roster else None,
        "completed": completed,
        "on_roster": on_roster,
        "feedback": feedback.feedback_summary(run),
        "export_url": reverse("training_registration:index") + f"?run={run.pk}",
    }
    return render(request, "training/admin/run_report.html", context)


@require_POST
def decide(request, pk):
    _organizer(request)
    registration = get_object_or_404(visible_registrations(request.user), pk=pk)
    approve = request.POST.get("decision") == "approve"
    try:
        result = registration_service.decide(registration=registration, approve=approve)
        messages.success(request, _("%(person)s: %(status)s.") % {"person": registration.person, "status": result.get_status_display()})
    except TrainingError as error:
        messages.error(request, error.message)
    return redirect("training_admin:run_report", pk=registration.run_id)


def roster(request, pk):
    _organizer(request)
    session = get_object_or_404(visible_sessions(request.user).select_related("run__course"), pk=pk)
    form = RosterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ids = [int(value) for value in request.POST.getlist("registration") if value.isdigit()]
        chosen = list(Registration.objects.filter(run=session.run, pk__in=ids))
        if not chosen:
            messages.error(request, _("Hãy chọn ít nhất một học viên."))
        else:
            try:
                changed = attendance.mark(session=session, registrations=chosen, status=form.cleaned_data["status"], by=request.user)
                messages.success(request, _("Đã cập nhật điểm danh cho %(n)s học viên.") % {"n": changed})
            except TrainingError as error:
                messages.error(request, error.message)
        return redirect("training_admin:roster", pk=session.pk)
    marks = dict(session.attendances.values_list("registration_id", "status"))
    rows = [
        {"registration": r, "mark": marks.get(r.pk, "")}
        for r in session.run.registrations.filter(status__in=attendance.ON_ROSTER).select_related("person").order_by("person__full_name")
    ]
    return render(request, "training/admin/roster.html", {"session": session, "rows": rows, "form": form})


def scanner(request, pk):
    """GET: the camera scanner page. POST (from the scanner's JavaScript or the typed-code
    form): check the trainee in; answers JSON to the script, a message to the form."""
    _organizer(request)
    session = get_object_or_404(visible_sessions(request.user).select_related("run__course"), pk=pk)
    form = CodeForm(request.POST or None)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if request.method == "POST":
        if not form.is_valid():
            result = {"ok": False, "message": _("Hãy nhập mã điểm danh.")}
        else:
            try:
                registration, changed = attendance.check_in(session=session, code=form.cleaned_data["code"], by=request.user)
                text = _("Đã điểm danh: %(name)s") if changed else _("%(name)s đã điểm danh trước đó.")
                result = {"ok": True, "changed": changed, "name": registration.person.full_name, "message": text % {"name": registration.person.full_name}}
            except TrainingError as error:
                result = {"ok": False, "message": str(error.message)}
        if wants_json:
            return JsonResponse(result, status=200 if result["ok"] else 400)
        (messages.success if result["ok"] else messages.error)(request, result["message"])
        return redirect("training_admin:scanner", pk=session.pk)
    checked_in = session.attendances.filter(status__in=("present", "late")).count()
    return render(request, "training/admin/scanner.html", {"session": session, "form": CodeForm(), "checked_in": checked_in})


def session_code(request, pk):
    _organizer(request)
    session = get_object_or_404(visible_sessions(request.user).select_related("run__course"), pk=pk)
    now = timezone.now().timestamp()
    step = attendance.settings.TRAINING_SELF_CHECKIN_STEP
    context = {
        "session": session,
        "code": attendance.session_code(session, at=now),
        "seconds_left": int(step - now % step),
        "self_url": absolute_reverse("training:self_check_in", args=[session.pk]),
    }
    return render(request, "training/admin/session_code.html", context)
