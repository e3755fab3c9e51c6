"""The campaign page's indicator-progress block: the programme's indicators for a chosen
unit, computed by campaigns.programme.indicators (read only) and shown in their
public-safe form (small counts withheld). The figures of a unit for a day are kept in the
cache for CMS_INDICATOR_CACHE_SECONDS (as long as a cached page may show them), so a
campaign page does not recompute them on every view."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms import compiled
from cms.blocks import FIGURES


def unit_choices():
    """Organisation units that exist today, by code (a stable key) and name."""
    from campaigns.programme.models import OrganisationUnit

    today = timezone.localdate()
    found = compiled.rows(("unit_choices", today),
                          lambda: OrganisationUnit.objects.valid_on(today).values_list("code", "name"))
    return [(code, name) for code, name in found]


def indicator_choices():
    from campaigns.programme.models import Indicator

    return list(Indicator.choices)


class UnitChoiceBlock(blocks.ChoiceBlock):
    """A unit by its code. Wagtail's ChoiceBlock reads a stored value by looking it up among
    the choices (for units, a query on every view of a page with the block); a code is a
    string, and a string value is its own key, so reading it needs none."""

    def to_python(self, value):
        return value if value is None or isinstance(value, str) else super().to_python(value)


class IndicatorProgressBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("tiêu đề"), required=False, max_length=200)
    unit = UnitChoiceBlock(label=_("đơn vị"), choices=unit_choices,
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
        """Adds `unit`, `as_of` and `progress` (public indicator values for today) or
        `unavailable` (a message)."""
        context = super().get_context(value, parent_context=parent_context)
        today = timezone.localdate()
        codes = sorted(value.get("indicators") or [])
        key = "cms:indicators:" + "|".join([str(value.get("unit")), today.isoformat(), get_language() or "", *codes])
        figures = cache.get(key)
        if figures is None:
            figures = _figures(value.get("unit"), today, codes)
            cache.set(key, figures, settings.CMS_INDICATOR_CACHE_SECONDS)
        context["as_of"] = today
        context.update(figures)
        return context


def _figures(unit_code, today, codes):
    """{"unit": name or None, and "progress" or "unavailable"} for the block's template."""
    from campaigns.programme.indicators import IndicatorError, compute_indicators, public_indicators
    from campaigns.programme.models import OrganisationUnit

    unit = OrganisationUnit.objects.filter(code=unit_code).first()
    if unit is None:
        return {"unit": None, "unavailable": str(_("Đơn vị không còn tồn tại."))}
    try:
        values = compute_indicators(unit=unit, as_of=today)
    except IndicatorError as error:
        return {"unit": {"name": unit.name}, "unavailable": str(error)}
    return {"unit": {"name": unit.name}, "progress": public_indicators(values, codes=codes or None)}
