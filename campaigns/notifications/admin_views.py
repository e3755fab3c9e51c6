"""Admin screens beyond the generic listings: a broadcast's send page (recipient count, test
to self, send now or at a time, live progress), and figures per broadcast and per rule."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import scoped_broadcasts, scoped_deliveries
from .forms import ScheduleForm
from .models import Channel, Delivery, DeliveryState
from .services import broadcasts
from .services.errors import NotificationError

can_send = permission_required("notifications.change_broadcast", raise_exception=True)
can_view_ledger = permission_required("notifications.view_delivery", raise_exception=True)


@can_send
def broadcast_send(request, pk):
    broadcast = get_object_or_404(scoped_broadcasts(request.user), pk=pk)
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "test":
                broadcasts.send_test(broadcast=broadcast, user=request.user)
                messages.success(request, _("Đã gửi thử tới %(email)s.") % {"email": request.user.email})
            elif action == "send" and form.is_valid():
                count = broadcasts.recipient_count(broadcast)
                if request.POST.get("confirmed_count") != str(count):
                    # First "Gửi" (or the audience changed since): show who it reaches, ask again.
                    broadcasts.validate(broadcast)
                    return _confirm(request, broadcast, form, count)
                broadcasts.schedule(broadcast=broadcast, send_at=form.cleaned_data["send_at"])
                messages.success(request, _("Đợt gửi đã được đưa vào hàng đợi."))
            elif action == "cancel":
                broadcasts.cancel(broadcast=broadcast)
                messages.warning(request, _("Đã hủy đợt gửi; các tin chưa gửi sẽ được bỏ qua."))
            if not form.errors:
                return redirect("notifications_broadcast_send", pk=broadcast.pk)
        except NotificationError as exc:
            messages.error(request, exc.message)
    progress = broadcasts.progress(broadcast)
    try:
        count, count_error = broadcasts.recipient_count(broadcast), ""
    except Exception:  # noqa: BLE001 - an incomplete audience is shown as an error, not a crash
        count, count_error = 0, _("Chưa xác định được đối tượng nhận.")
    return TemplateResponse(request, "notifications/admin/broadcast_send.html", {
        "broadcast": broadcast, "form": form, "count": count, "count_error": count_error,
        "channels": [dict(Channel.choices).get(name, name) for name in broadcast.channels],
        "progress_cells": [(value, label, progress[value]) for value, label in DeliveryState.choices],
        "edit_url": reverse("wagtailsnippets_notifications_broadcast:edit", args=[broadcast.pk]),
        "progress_url": reverse("notifications_broadcast_progress", args=[broadcast.pk]),
    })


def _confirm(request, broadcast, form, count):
    """The confirmation step before a broadcast is sent: how many people it reaches, by which
    channels, when; "Xác nhận gửi" posts again with the count that was shown."""
    return TemplateResponse(request, "notifications/admin/broadcast_confirm.html", {
        "broadcast": broadcast, "count": count, "send_at": form.cleaned_data["send_at"],
        "send_at_text": request.POST.get("send_at", ""),
        "channels": [dict(Channel.choices).get(name, name) for name in broadcast.channels],
        "changed": "confirmed_count" in request.POST,
    })


@can_send
def broadcast_progress(request, pk):
    broadcast = get_object_or_404(scoped_broadcasts(request.user), pk=pk)
    return JsonResponse({"state": broadcast.state, "state_label": broadcast.get_state_display(),
                         "recipients": broadcast.recipient_count, "counts": broadcasts.progress(broadcast)})


@can_view_ledger
def figures(request):
    def table(field):
        rows = {}
        for key, state, n in scoped_deliveries(request.user).exclude(**{field: None}).values_list(field, "state").annotate(n=Count("id")):
            rows.setdefault(key, {s: 0 for s in DeliveryState.values})[state] = n
        return rows

    by_broadcast = table("broadcast")
    # Training's reminder rules, named as the ledger's rows (in scope) reach them.
    by_rule = table("rule")
    names = dict(Delivery.objects.filter(rule__in=list(by_rule)).values_list("rule", "rule__name").distinct())
    return TemplateResponse(request, "notifications/admin/figures.html", {
        "broadcasts": [(b, [by_broadcast[b.pk][s] for s in DeliveryState.values])
                       for b in scoped_broadcasts(request.user).filter(pk__in=by_broadcast)],
        "rules": sorted((names[pk], [counts[s] for s in DeliveryState.values]) for pk, counts in by_rule.items()),
        "states": DeliveryState.choices,
    })
