"""The campaign page's indicator-progress block: the programme's indicators for a chosen
unit, computed live by campaigns.programme.indicators (read only) and shown in their
public-safe form (small counts withheld)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import FIGURES


def unit_choices():
    """Organisation units that exist today, by code (a stable key) and name."""
    from campaigns.programme.models import OrganisationUnit

    today = timezone.localdate()
    return [(code, name) for code, name in OrganisationUnit.objects.valid_on(today).values_list("code", "name")]


def indicator_choices():
    from campaigns.programme.models_plans import Indicator

    return list(Indicator.choices)


class IndicatorProgressBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), required=False, max_length=200)
    unit = blocks.ChoiceBlock(label=_("đơn vị"), choices=unit_choices,
                              help_text=_("Chỉ tiêu được tính cho đơn vị này và các đơn vị trực thuộc."))
    indicators = blocks.MultipleChoiceBlock(
        label=_("chỉ tiêu"), choices=indicator_choices, required=False,
        help_text=_("Để trống để hiển thị tất cả chỉ tiêu."),
    )

    class Meta:
        label = _("Tiến độ chỉ tiêu")
        icon = "table"
        group = FIGURES
        template = "blocks/indicator_progress.html"

    def get_context(self, value, parent_context=None):
        """Adds `progress` (public indicator values for today) or `unavailable` (a message)."""
        from campaigns.programme.indicators import IndicatorError, compute_indicators, public_indicators
        from campaigns.programme.models import OrganisationUnit

        context = super().get_context(value, parent_context=parent_context)
        today = timezone.localdate()
        unit = OrganisationUnit.objects.filter(code=value.get("unit")).first()
        context["as_of"] = today
        context["unit"] = unit
        if unit is None:
            context["unavailable"] = _("Đơn vị không còn tồn tại.")
            return context
        try:
            values = compute_indicators(unit=unit, as_of=today)
        except IndicatorError as error:
            context["unavailable"] = str(error)
            return context
        context["progress"] = public_indicators(values, codes=list(value.get("indicators") or []) or None)
        return context
