"""The trainee's own notifications page (the in-site channel) and channel preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import InSiteNotification
from .services import preferences
from .services.errors import NotificationError


def _person(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise Http404(_("Tài khoản chưa gắn với hồ sơ học viên."))
    return person


@login_required
def inbox(request):
    """The signed-in person's notifications, newest first; showing them marks them read."""
    person = _person(request)
    notes = list(InSiteNotification.objects.filter(person=person)[:100])
    InSiteNotification.objects.filter(person=person, read_at__isnull=True).update(read_at=timezone.now())
    return TemplateResponse(request, "notifications/inbox.html", {
        "notes": notes, "choices": preferences.channel_choices(person), "person": person,
    })


@login_required
@require_POST
def save_preferences(request):
    person = _person(request)
    try:
        preferences.set_preferences(person=person, opted_out=request.POST.getlist("opted_out"),
                                    order=request.POST.getlist("order"))
        messages.success(request, _("Đã lưu lựa chọn kênh nhận tin."))
    except NotificationError as exc:
        messages.error(request, exc.message)
    return redirect("notifications:inbox")
