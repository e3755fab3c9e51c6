"""Labels Wagtail writes in English whatever the language, because they never pass through
gettext (no catalogue can translate them), made translatable at their source.

- The Sites listing (wagtail/sites/views.py) declares `Column("port")`, `Column("site_name")`
  and `Column("root_page")` without a label, so each header is the attribute name with its
  first letter capitalised ("Port", "Site name", "Root page") — a plain string. Each gets
  the model field's verbose name instead ("port" → "cổng"), which the catalogues translate.
- The page search (wagtail/admin/views/pages/search.py) is a listing view without a model,
  so its `verbose_name`/`verbose_name_plural` stay None and the results header reads
  "1-3 of 3 None" (in every language). It gets the page model's names ("trang").
- The workflow form's page chooser (wagtail/admin/forms/workflows.py, WorkflowPageForm)
  declares its field without a label, so Django labels it "Page" from the field name. It
  gets the model field's verbose name.
- Wagtail's Locale and wagtail-localize's Translation are declared without verbose names,
  so the admin calls them "locale"/"translation" (a page subtitle, the group form) in every
  language. They get translatable ones. Only the options Django reads at run time change:
  the Meta as declared (`_meta.original_attrs`), which migrations compare, is left alone.
- The group form's page permission boxes (wagtail/users/forms.py, PagePermissionsForm) are
  labelled for screen readers with the permission as Django stores it, in English ("Wagtail
  core | page | Can add page"). They get Wagtail's own translated descriptions
  (PAGE_PERMISSION_TYPES: "Add/edit pages you own"…), as the collection permissions have.
- The permission "Can submit translations" (made by a wagtail-localize data migration) is
  shown through {% translate %} but marked nowhere upstream: UNMARKED_UPSTREAM_NAMES puts it
  in the project's catalogues.

`install()` runs once, from I18nConfig.ready(). Each fix applies only while Wagtail still
has the gap, so an upgrade that closes it upstream leaves Wagtail's own label in place."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy, gettext_noop

# Shown by templates/wagtailusers/groups/includes/formatted_permissions.html (the group form).
UNMARKED_UPSTREAM_NAMES = [gettext_noop("Can submit translations")]


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


def label_form_fields_from_model(form_class):
    """Give each field declared on the model form `form_class` without a label the
    capitalised verbose name of the model field of that name. Returns the names."""
    relabelled = []
    for name, field in form_class.base_fields.items():
        if field.label is not None:
            continue
        try:
            model_field = form_class._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        field.label = capfirst(model_field.verbose_name)
        relabelled.append(name)
    return relabelled


def describe_page_permissions():
    """Label the page permission choices with Wagtail's translated descriptions."""
    from wagtail.models.pages import PAGE_PERMISSION_TYPES
    from wagtail.users.forms import PagePermissionsForm

    descriptions = {codename: description for codename, _label, description in PAGE_PERMISSION_TYPES}
    field = PagePermissionsForm.base_fields["permissions"]
    field.label_from_instance = lambda permission: descriptions.get(permission.codename, str(permission))


def name_unnamed_models():
    """Translatable verbose names for the upstream models declared without any."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    names = {Locale: (gettext_lazy("locale"), gettext_lazy("locales")),
             Translation: (gettext_lazy("translation"), gettext_lazy("translations"))}
    for model, (singular, plural) in names.items():
        if "verbose_name" not in model._meta.original_attrs:
            model._meta.verbose_name, model._meta.verbose_name_plural = singular, plural


def install():
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Site
    from wagtail.sites.views import IndexView as SiteIndexView

    label_columns_from_fields(SiteIndexView.columns, Site)
    name_page_search_results()
    label_form_fields_from_model(WorkflowPageForm)
    name_unnamed_models()
    describe_page_permissions()
