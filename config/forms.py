"""The one way every public form renders (Django's form templates, no library needed):
templates/forms/form.html puts an error summary at the top, each entry linked to its field
and focused on load; templates/forms/field.html puts the label above the field, then the
hint, then the error, and marks required fields. Django's BoundField already points the
input's aria-describedby at "<id>_helptext" and "<id>_error", the ids those templates use.

A public form opts in by inheriting PublicForm (or setting `default_renderer`); the admin's
forms keep Wagtail's and Django's own rendering."""

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class PublicForm:
    """Mixin for the site's forms: `{{ form }}` renders with SiteFormRenderer."""

    default_renderer = SiteFormRenderer

    @property
    def required_note(self):
        """Whether to say "fields marked * are required" (some visible field is)."""
        return any(field.required and not field.widget.is_hidden for field in self.fields.values())
