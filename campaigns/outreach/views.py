"""The campaign results screens in the Wagtail admin (/admin/chien-dich/): the list of the
campaigns one may read, one campaign's results with its filters and exports, and the
side-by-side comparison. All read-only; every campaign is fetched through access.py."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from campaigns.programme.models import Indicator
from config.admin_pages import AdminPage

from .access import ResultsReaderRequired, get_campaign, visible_campaigns
from .charts import daily_rows, daily_svg
from .export import export, table_titles
from .forms import ResultsFilterForm, query_string
from .results import campaign_results, comparison, step_labels


class CampaignListView(ResultsReaderRequired, AdminPage, TemplateView):
    template_name = "outreach/index.html"
    page_title = gettext_lazy("Kết quả chiến dịch")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = visible_campaigns(self.request.user).order_by("-starts_on", "title")
        context["today"] = timezone.localdate()
        return context


def _filtered(request, pk):
    campaign = get_campaign(request.user, pk)
    form = ResultsFilterForm(request.GET or None, user=request.user, campaign=campaign)
    start, end, unit, errors = form.resolved()
    return campaign, form, campaign_results(campaign, start=start, end=end, unit=unit), errors


class CampaignResultsView(ResultsReaderRequired, AdminPage, TemplateView):
    parents = (("outreach_campaigns", gettext_lazy("Kết quả chiến dịch")),)
    template_name = "outreach/results.html"
    header_icon = "tasks"

    def get_page_title(self):
        return _("Kết quả: %(title)s") % {"title": self.campaign.title}

    def get(self, request, pk):
        self.campaign, form, results, errors = _filtered(request, pk)
        context = self.get_context_data(
            form=form, results=results, filter_errors=errors, tables=table_titles(),
            qs=query_string(results.start, results.end, results.unit),
            daily_svg=daily_svg(results.chart, _("Lượt xem các trang của chiến dịch theo ngày")),
            daily_rows=daily_rows(results.daily),
        )
        return self.render_to_response(context)


class CampaignExportView(ResultsReaderRequired, View):
    """?format=xlsx (every table) or ?format=csv&table=funnel|daily|pages|messages|outcome."""

    def get(self, request, pk):
        campaign, _form, results, _errors = _filtered(request, pk)
        body, content_type, extension = export(results, request.GET.get("format"), request.GET.get("table"))
        name = f"ket-qua-{slugify(campaign.slug)}-{results.start:%Y%m%d}-{results.end:%Y%m%d}.{extension}"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CampaignCompareView(ResultsReaderRequired, AdminPage, TemplateView):
    """?c=<id>&c=<id>…: two or more campaigns side by side, each over its own period."""
    parents = (("outreach_campaigns", gettext_lazy("Kết quả chiến dịch")),)

    template_name = "outreach/compare.html"
    page_title = gettext_lazy("So sánh chiến dịch")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = [value for value in self.request.GET.getlist("c") if value.isdigit()]
        campaigns = [get_campaign(self.request.user, int(pk)) for pk in dict.fromkeys(ids)]
        context["error"] = None
        if len(campaigns) < 2:
            context["error"] = _("Chọn ít nhất hai chiến dịch để so sánh.")
            context["columns"] = []
            return context
        columns = comparison(campaigns)
        labels = step_labels()
        context["columns"] = columns
        context["rows"] = [(labels[code], [c["totals"][code] for c in columns]) for code in labels]
        context["indicator_rows"] = [
            (label, [c["changes"].get(code) for c in columns]) for code, label in Indicator.choices
        ]
        return context
