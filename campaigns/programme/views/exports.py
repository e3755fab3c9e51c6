"""Exports for reporting upward (XLSX or CSV) and the "not yet trained" list."""

from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from config.admin_pages import AdminPage

from ..access import ViewerRequired
from ..breakdown import breakdown
from ..exporters import XLSX_TYPE, export_table, template_xlsx
from ..importers import SPECS
from ..indicators import IndicatorError, compute_indicators
from ..lists import pool_entries_of, untrained_pool_women
from ..models import Indicator
from .filters import FilterForm, query_string


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filters(request):
    form = FilterForm(request.GET, user=request.user)
    unit, as_of, level, errors = form.resolved()
    if unit is None:
        raise Http404
    return unit, as_of, level, form.units


class IndicatorExportView(ViewerRequired, View):
    """?table=indicators (the cards) or ?table=breakdown (by sub-unit); ?format=xlsx|csv."""

    def get(self, request):
        unit, as_of, level, units = _filters(request)
        fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
        try:
            if request.GET.get("table") == "breakdown":
                headers = [_("Mã đơn vị"), _("Đơn vị")]
                for _code, label in Indicator.choices:
                    headers += [f"{label} – " + _("tử số"), f"{label} – " + _("mẫu số"), f"{label} – %"]
                rows = []
                for line in breakdown(unit, as_of, level, units):
                    row = [line.code, line.label]
                    for code, _label in Indicator.choices:
                        v = line.values[code]
                        row += [v.numerator, v.denominator, v.value]
                    rows.append(row)
                title = _("Theo đơn vị")
            else:
                headers = [
                    _("Chỉ tiêu"),
                    _("Tử số"),
                    _("Mẫu số"),
                    _("Giá trị (%)"),
                    _("Mục tiêu (%)"),
                    _("Năm đạt"),
                    _("Kế hoạch"),
                    _("Tình trạng"),
                    _("Còn thiếu"),
                    _("Ghi chú"),
                ]
                rows = [
                    [
                        v.label,
                        v.numerator,
                        v.denominator,
                        v.value,
                        v.target,
                        v.target_year,
                        v.plan,
                        v.status_label,
                        v.gap,
                        v.message,
                    ]
                    for v in compute_indicators(unit=unit, as_of=as_of, level=level)
                ]
                title = _("Chỉ tiêu")
        except IndicatorError as exc:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
        content, content_type, ext = export_table(title=title, headers=headers, rows=rows, fmt=fmt)
        return _download(content, content_type, f"chi-tieu-{unit.code}-{as_of:%Y%m%d}.{ext}")


def _broadcast_url():
    """Where an organizer composes a broadcast (the notifications area's audience "planning-pool
    women not yet trained" reaches this list); None when that area is not installed."""
    try:
        return reverse("wagtailsnippets_notifications_broadcast:add")
    except NoReverseMatch:
        return None


class UntrainedView(ViewerRequired, AdminPage, TemplateView):
    parents = (("programme_dashboard", gettext_lazy("Giám sát chương trình")),)
    template_name = "programme/untrained.html"
    page_title = gettext_lazy("Nữ trong quy hoạch chưa được đào tạo")
    header_icon = "user"

    def get(self, request, *args, **kwargs):
        unit, as_of, level, units = _filters(request)
        try:
            people = list(untrained_pool_women(unit=unit, as_of=as_of, level=level))
        except IndicatorError as exc:
            people, self.error = [], str(exc)
        else:
            self.error = None
        entries = pool_entries_of(people, as_of=as_of)
        rows = [(p, entries.get(p.pk, [])) for p in people]
        fmt = request.GET.get("format")
        if fmt in ("xlsx", "csv"):
            headers = [
                _("Họ và tên"),
                _("Năm sinh"),
                _("Đơn vị công tác"),
                _("Chức vụ"),
                _("Chức danh quy hoạch"),
                _("Nhiệm kỳ"),
                _("Email"),
                _("Số điện thoại"),
            ]
            table = [
                [
                    p.full_name,
                    p.birth_year,
                    p.unit.name if p.unit else "",
                    p.position,
                    "; ".join(e.target_post for e in es),
                    "; ".join(f"{e.term_start_year}-{e.term_end_year}" for e in es),
                    p.email,
                    p.phone,
                ]
                for p, es in rows
            ]
            content, content_type, ext = export_table(title=_("Chưa đào tạo"), headers=headers, rows=table, fmt=fmt)
            return _download(content, content_type, f"chua-dao-tao-{unit.code}-{as_of:%Y%m%d}.{ext}")
        context = self.get_context_data(
            unit=unit,
            as_of=as_of,
            level=level,
            rows=rows,
            error=self.error,
            qs=query_string(unit, as_of, level),
            form=FilterForm(request.GET, user=request.user),
            broadcast_url=_broadcast_url(),
        )
        return self.render_to_response(context)


class TemplateDownloadView(ViewerRequired, View):
    def get(self, request, kind):
        if kind not in SPECS:
            raise Http404
        return _download(template_xlsx(kind), XLSX_TYPE, f"mau-{kind}.xlsx")
