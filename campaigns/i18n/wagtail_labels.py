"""Two labels Wagtail writes in English whatever the language, because they never pass
through gettext (no catalogue can translate them), made translatable at their source.

- The Sites listing (wagtail/sites/views.py) declares `Column("port")`, `Column("site_name")`
  and `Column("root_page")` without a label, so each header is the attribute name with its
  first letter capitalised ("Port", "Site name", "Root page") — a plain string. Each gets
  the model field's verbose name instead ("port" → "cổng"), which the catalogues translate.
- The page search (wagtail/admin/views/pages/search.py) is a listing view without a model,
  so its `verbose_name`/`verbose_name_plural` stay None and the results header reads
  "1-3 of 3 None" (in every language). It gets the page model's names ("trang").

`install()` runs once, from I18nConfig.ready(). Each fix applies only while Wagtail still
has the gap, so an upgrade that closes it upstream leaves Wagtail's own label in place."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst


def label_columns_from_fields(columns, model):
    """Give each column whose label Wagtail derived from the attribute name (a plain str,
    never translated) the capitalised, lazily translated verbose name of `model`'s field of
    that name. Returns the names of the columns relabelled."""
    relabelled = []
    for column in columns:
        if not isinstance(column.label, str) or column.label != capfirst(column.name.replace("_", " ")):
            continue  # a lazy translated label, or one Wagtail wrote on purpose
        try:
            field = model._meta.get_field(column.name)
        except FieldDoesNotExist:
            continue
        column.label = capfirst(field.verbose_name)
        relabelled.append(column.name)
    return relabelled


def name_page_search_results():
    """Name the page search's results after the page model, as the page explorer does."""
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.models import Page

    if SearchView.verbose_name_plural is None:
        SearchView.verbose_name = Page._meta.verbose_name
        SearchView.verbose_name_plural = Page._meta.verbose_name_plural


def install():
    from wagtail.models import Site
    from wagtail.sites.views import IndexView as SiteIndexView

    label_columns_from_fields(SiteIndexView.columns, Site)
    name_page_search_results()
