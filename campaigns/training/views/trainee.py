"""The trainee's own pages: register, my registrations, cancel, accept an offer, self
check-in, feedback. Every view acts only on the logged-in trainee's own registrations."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import qr
from ..forms import FeedbackForm, SessionCodeForm
from ..models import Registration, RegistrationStatus, Session
from ..services import TrainingError, attendance, feedback
from ..services import registration as service
from .common import trainee_required

S = RegistrationStatus
CANCELLABLE = (S.PENDING_APPROVAL, S.CONFIRMED, S.WAITLISTED, S.OFFERED)


def status_message(registration, created):
    if not created:
        return _("Bạn đã đăng ký lớp này rồi (trạng thái: %(status)s).") % {"status": registration.get_status_display()}
    return {
        S.CONFIRMED: _("Đăng ký thành công. Email xác nhận kèm lịch học và mã QR điểm danh đang được gửi đến bạn."),
        S.WAITLISTED: _("Lớp đã đủ chỗ: bạn đã được đưa vào danh sách chờ và sẽ nhận email khi có chỗ."),
        S.PENDING_APPROVAL: _("Đã nhận đăng ký. Lớp này cần người tổ chức duyệt; bạn sẽ nhận email khi có kết quả."),
    }.get(registration.status, registration.get_status_display())


@require_POST
@trainee_required
def register(request, pk):
    run = service.run_to_register(pk)
    if run is None:
        raise Http404
    try:
        registration, created = service.register(run=run, person=request.person)
    except TrainingError as error:
        messages.error(request, error.message)
        return redirect("training:run", pk=run.pk)
    messages.success(request, status_message(registration, created))
    return redirect("training:mine")


@trainee_required
def my_registrations(request):
    registrations = (
        Registration.objects.filter(person=request.person)
        .select_related("run__course")
        .prefetch_related("run__sessions")
        .order_by("-created_at")
    )
    now = timezone.now()
    items = []
    for registration in registrations:
        sessions = [s for s in registration.run.sessions.all() if not s.is_cancelled]
        items.append(
            {
                "registration": registration,
                "sessions": sessions,
                "current": [s for s in sessions if s.starts_at <= now <= s.ends_at],  # check-in opens at the start
                "qr_svg": qr.svg(qr.checkin_payload(registration)) if registration.status in (S.CONFIRMED, S.COMPLETED) else "",
                "certificate": getattr(registration, "certificate", None) if registration.status == S.COMPLETED else None,
                "cancellable": registration.status in CANCELLABLE,
            }
        )
    return render(request, "training/my_registrations.html", {"items": items})


def _own(request, pk):
    return get_object_or_404(Registration, pk=pk, person=request.person)


@trainee_required
def cancel(request, pk):
    """GET asks her to confirm (a seat given up may go to the waiting list at once); POST
    cancels, and the cancellation is confirmed by message."""
    registration = _own(request, pk)
    if request.method != "POST":
        if registration.status not in CANCELLABLE:
            return redirect("training:mine")
        return render(request, "training/cancel_confirm.html", {"registration": registration})
    try:
        service.cancel(registration=registration)
        messages.success(request, _("Đã hủy đăng ký. Email xác nhận việc hủy đang được gửi đến bạn."))
    except TrainingError as error:
        messages.error(request, error.message)
    return redirect("training:mine")


@require_POST
@trainee_required
def accept(request, pk):
    try:
        service.accept_offer(registration=_own(request, pk))
        messages.success(request, _("Bạn đã nhận chỗ. Email xác nhận đang được gửi đến bạn."))
    except TrainingError as error:
        messages.error(request, error.message)
    return redirect("training:mine")


@trainee_required
def self_check_in(request, session_pk):
    session = get_object_or_404(Session.objects.select_related("run__course"), pk=session_pk)
    form = SessionCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _registration, changed = attendance.self_check_in(session=session, person=request.person, code=form.cleaned_data["code"])
            messages.success(request, _("Điểm danh thành công.") if changed else _("Bạn đã điểm danh buổi này rồi."))
            return redirect("training:mine")
        except TrainingError as error:
            form.add_error("code", error.message)
    return render(request, "training/self_check_in.html", {"session": session, "form": form})


@trainee_required
def give_feedback(request, pk):
    registration = _own(request, pk)
    existing = getattr(registration, "feedback", None)
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else None
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            feedback.submit_feedback(registration=registration, **form.cleaned_data)
            messages.success(request, _("Cảm ơn bạn đã góp ý cho khóa học."))
            return redirect("training:mine")
        except TrainingError as error:
            form.add_error(None, error.message)
    return render(request, "training/feedback.html", {"registration": registration, "form": form})
