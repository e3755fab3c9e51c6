"""Accent-insensitive search in every admin list, with the rule of the public search
(`campaigns.text.fold`: tone and vowel marks dropped, đ -> d, case folded), on SQLite and on
PostgreSQL: "ngoc anh" finds "Ngọc Anh", "lanh dao" finds "lãnh đạo".

One mechanism for every listing: add `FoldedSearchViewSet` before Wagtail's ModelViewSet or
SnippetViewSet in a viewset's bases, and give it `search_fields` (names or lookups across
relations, e.g. "person__full_name"). Its index views (the page and the results fragment)
then search with `folded_search` over those fields, every word of the query in at least one
of them, instead of Wagtail's `icontains` (which is accent-sensitive) or the search backend.

    class RegistrationViewSet(FoldedSearchViewSet, ModelViewSet):
        search_fields = ["person__full_name", "person__user__email", "code"]
"""

from wagtail.admin.views.generic.models import IndexView

from .folding import folded_search


class FoldedSearchMixin:
    """An IndexView whose search box matches folded text in `search_fields`."""

    search_backend_name = None

    def search_queryset(self, queryset):
        if not self.is_searching or not self.search_fields:
            return queryset
        # A subquery on the primary key: lookups across to-many relations (a course's runs)
        # must not repeat a row of the listing.
        matching = queryset.model._default_manager.filter(folded_search(self.search_fields, self.search_query))
        return queryset.filter(pk__in=matching.values("pk"))


_folded_classes = {}


def folded_view_class(view_class):
    """`view_class` with FoldedSearchMixin first (one class per original, made once)."""
    if issubclass(view_class, FoldedSearchMixin):
        return view_class
    if view_class not in _folded_classes:
        _folded_classes[view_class] = type(f"Folded{view_class.__name__}", (FoldedSearchMixin, view_class), {})
    return _folded_classes[view_class]


class FoldedSearchViewSet:
    """Viewset mixin: every index view it builds searches folded text (see module docstring)."""

    search_backend_name = None

    def construct_view(self, view_class, **kwargs):
        if isinstance(view_class, type) and issubclass(view_class, IndexView):
            view_class = folded_view_class(view_class)
            kwargs["search_backend_name"] = None
        return super().construct_view(view_class, **kwargs)
