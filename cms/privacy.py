"""Which pages anyone may see, asked inside the query that lists or loads them.

Wagtail's `PageQuerySet.public()` first reads every view restriction (one query) and then
excludes their sections; `Page.get_view_restrictions()` reads the page's ancestors, then
their restrictions (two queries). Here the same rules are subqueries of the query that
loads the pages, so a listing or a page view pays no query for its privacy:

- `public(queryset)` (or `not_restricted()` inside a filter): the pages outside every restricted section (a restriction covers its
  page and all its descendants, exactly as `public()`);
- `unrestricted()`: an annotation that is true when neither the page nor any ancestor
  carries a restriction and none of them is an alias (an alias answers to its source's
  restrictions, which Wagtail's own check then reads: cms/routes.py leaves those to it)."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction


def _restrictions_above():
    """Restrictions on the outer page or one of its ancestors (a path prefix of its path)."""
    return PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))


def not_restricted():
    """For `.filter()`: the page is outside every restricted section."""
    return ~Exists(_restrictions_above())


def public(queryset):
    """`queryset` without the pages of restricted sections, in the same query."""
    return queryset.filter(not_restricted())


def unrestricted():
    """For `.annotate()`: no restriction on the page or above it, and no alias on the way."""
    aliases_above = Page.objects.filter(path=Substr(OuterRef("path"), 1, Length("path")), alias_of__isnull=False)
    return ExpressionWrapper(~Exists(_restrictions_above()) & ~Exists(aliases_above), output_field=BooleanField())
