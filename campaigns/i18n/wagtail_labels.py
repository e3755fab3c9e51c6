"""Labels Wagtail writes in English whatever the language, because they never pass through
gettext (no catalogue can translate them), made translatable at their source.

- The Sites listing (wagtail/sites/views.py) declares `Column("port")`, `Column("site_name")`
  and `Column("root_page")` without a label, so each header is the attribute name with its
  first letter capitalised ("Port", "Site name", "Root page") — a plain string. Each gets
  the model field's verbose name instead ("port" → "cổng"), which the catalogues translate.
- The page search (wagtail/admin/views/pages/search.py) is a listing view without a model,
  so its `verbose_name`/`verbose_name_plural` stay None and the results header reads
  "1-3 of 3 None" (in every language). It gets the page model's names ("trang").
- Form fields declared without a label, which Django labels from the field's name in
  English: the page choosers of the workflow and group forms ("Page"), the rich-text link
  choosers' fields ("Link text", "Email address", "Subject", "Body", "Phone number") and
  the users' "assign role" bulk action ("Role"). A model choice gets its model's verbose
  name, the others a label of ours.
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


def label_unlabelled_fields(form_class, labels=None):
    """Give each field of `form_class` declared without a label the one `labels` (name →
    label) names, or, for a model choice, its model's capitalised verbose name. Returns the
    names of the fields labelled."""
    from django.forms import ModelChoiceField

    labelled = []
    for name, field in form_class.base_fields.items():
        if field.label is not None:
            continue
        if labels and name in labels:
            field.label = labels[name]
        elif isinstance(field, ModelChoiceField) and field.queryset is not None:
            field.label = capfirst(field.queryset.model._meta.verbose_name)
        else:
            continue
        labelled.append(name)
    return labelled


def label_upstream_forms():
    from wagtail.admin.forms import choosers
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.users.forms import PagePermissionsForm
    from wagtail.users.views.bulk_actions.assign_role import RoleForm

    link = {"link_text": gettext_lazy("Link text")}
    for form_class, labels in [
        (WorkflowPageForm, None),
        (PagePermissionsForm, None),
        (choosers.ExternalLinkChooserForm, link),
        (choosers.AnchorLinkChooserForm, link),
        (choosers.EmailLinkChooserForm, {**link, "email_address": gettext_lazy("Email address"),
                                         "subject": gettext_lazy("Subject"), "body": gettext_lazy("Body")}),
        (choosers.PhoneLinkChooserForm, {**link, "phone_number": gettext_lazy("Phone number")}),
        (RoleForm, {"role": gettext_lazy("Role")}),
    ]:
        label_unlabelled_fields(form_class, labels)


def label_user_name_parts():
    """Wagtail's user forms declare "First Name" / "Last Name" ("Tên" / "Họ"), which reads as
    if "Họ" were only the family name; a Vietnamese name is "Nguyễn Thị" + "Lan". Give both
    fields the labels and examples of our User model (family and middle names, given name),
    so get_full_name() ("Nguyễn Thị Lan") gets its parts in the right fields."""
    from django.contrib.auth import get_user_model
    from wagtail.users.forms import UserCreationForm, UserEditForm, UserForm

    model = get_user_model()
    for form_class in (UserForm, UserCreationForm, UserEditForm):
        for name in ("last_name", "first_name"):
            field, model_field = form_class.base_fields.get(name), model._meta.get_field(name)
            if field is not None:
                field.label, field.help_text = capfirst(model_field.verbose_name), model_field.help_text


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
    from wagtail.models import Site
    from wagtail.sites.views import IndexView as SiteIndexView

    label_columns_from_fields(SiteIndexView.columns, Site)
    name_page_search_results()
    label_upstream_forms()
    name_unnamed_models()
    describe_page_permissions()
    label_user_name_parts()
