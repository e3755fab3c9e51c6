"""The monitoring dashboard: a card per indicator (value, target, gap, trend), a chart with
its table, and the breakdown by sub-unit with drill-down. Organizers, monitors, admins."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from config.admin_pages import AdminPage

from ..access import SnapshotterRequired, ViewerRequired, can_import, can_snapshot
from ..breakdown import breakdown
from ..charts import bar_chart, line_chart
from ..indicators import IndicatorError, compute_indicators, pct_text
from ..models import Indicator
from ..snapshots import take_snapshots, trend
from .filters import FilterForm, query_string


class DashboardView(ViewerRequired, AdminPage, TemplateView):
    template_name = "programme/dashboard.html"
    page_title = gettext_lazy("Giám sát chương trình")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FilterForm(self.request.GET or None, user=self.request.user)
        unit, as_of, level, errors = form.resolved()
        context.update(
            form=form,
            unit=unit,
            as_of=as_of,
            level=level,
            filter_errors=errors,
            indicators=Indicator.choices,
            may_import=can_import(self.request.user),
            may_snapshot=can_snapshot(self.request.user),
            error=None,
            values=[],
            rows=[],
        )
        if unit is None:
            context["error"] = _("Chưa có đơn vị nào. Hãy nhập danh sách đơn vị.")
            return context
        try:
            values = compute_indicators(unit=unit, as_of=as_of, level=level)
        except IndicatorError as exc:
            context["error"] = str(exc)
            return context
        cards = []
        for v in values:
            # Snapshots cover all levels: a trend beside a one-level figure would mislead.
            history = [] if level else [(s.as_of, s.value) for s in trend(unit=unit, indicator=v.code, until=as_of)]
            cards.append(
                {
                    "value": v,
                    "trend": line_chart(history),
                    "history": history,
                    "value_text": pct_text(v.value) if v.value is not None else "—",
                }
            )
        ancestors = [a for a in unit.get_ancestors() if form.units.filter(pk=a.pk).exists()]
        context.update(
            values=values,
            cards=cards,
            chart=bar_chart(values),
            rows=breakdown(unit, as_of, level, form.units),
            ancestors=ancestors,
            qs=query_string(unit, as_of, level),
            parent_qs=query_string(ancestors[-1], as_of, level) if ancestors else "",
        )
        context["drill"] = [
            (row, row.values, query_string(row.unit, as_of, level) if row.unit is not None else "") for row in context["rows"]
        ]
        context["has_children"] = any(row.unit is not None for row in context["rows"])
        return context


class SnapshotView(SnapshotterRequired, View):
    """Take the unit's snapshot for the chosen date now (on demand; idempotent). Organizers and
    administrators only: monitors read."""

    def post(self, request):
        form = FilterForm(request.POST, user=request.user)
        unit, as_of, level, _errors = form.resolved()
        if unit is not None:
            written = take_snapshots(as_of=as_of, units=[unit])
            if written:
                messages.success(
                    request, _("Đã lưu ảnh chụp chỉ tiêu ngày %(day)s.") % {"day": as_of.strftime("%d/%m/%Y")}
                )
            else:
                messages.error(request, _("Đơn vị không tồn tại vào ngày này; không lưu gì."))
        return redirect(reverse("programme_dashboard") + "?" + query_string(unit, as_of, level))
