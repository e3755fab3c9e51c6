"""Actions by signed link, without logging in: GET shows what will happen, POST does it
(mail scanners follow GET links; they must not cancel anyone's seat)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..forms import ApologyForm
from ..models import Registration, Session
from ..services import TrainingError, attendance
from ..services import registration as service
from ..services.links import check_cycle, read_token

DONE = {
    "cancel": gettext_lazy("Đã hủy đăng ký của bạn."),
    "decline": gettext_lazy("Bạn đã từ chối chỗ được mời. Cảm ơn bạn đã báo."),
    "accept": gettext_lazy("Bạn đã nhận chỗ. Email xác nhận đang được gửi đến bạn."),
    "apology": gettext_lazy("Đã ghi nhận báo vắng của bạn cho buổi học."),
}


def link_action(request, token):
    try:
        registration_id, action, session_id, cycle = read_token(token)
        registration = Registration.objects.select_related("run__course", "person").get(pk=registration_id)
        check_cycle(registration, cycle)
        session = Session.objects.get(pk=session_id, run_id=registration.run_id) if action == "apology" else None
    except TrainingError as error:
        status = 410 if error.code == "stale" else 400  # a past registration's link is gone, not broken
        return render(request, "training/link_refused.html", {"message": error.message}, status=status)
    except (Registration.DoesNotExist, Session.DoesNotExist):
        return render(request, "training/link_refused.html", {"message": _("Đăng ký không còn tồn tại.")}, status=404)
    form = ApologyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if action in ("cancel", "decline"):
                service.cancel(registration=registration, reason=action)
            elif action == "accept":
                service.accept_offer(registration=registration)
            else:
                attendance.send_apology(registration=registration, session=session, note=form.cleaned_data["note"])
        except TrainingError as error:
            return render(request, "training/link_refused.html", {"message": error.message}, status=409)
        messages.success(request, str(DONE[action]))
        return redirect("training:run", pk=registration.run_id)
    context = {"registration": registration, "action": action, "session": session, "form": form}
    return render(request, "training/link_confirm.html", context)
