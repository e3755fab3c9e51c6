"""Wagtail's search backend, which serves the admin (page explorer and search, page, image
and document choosers and listings, snippets): modelsearch's database backend that filters
each model's own text fields, with every word matched by the admin lists' folding rule
(`folding.Fold`, i.e. `campaigns.text.fold`: marks dropped, đ -> d, lower case) on both
sides, so "dong xoai", "Đồng Xoài" and "ĐỒNG XOÀI" find the same pages, and "hoà"/"hòa"
are one word, on SQLite and PostgreSQL alike. No index to build or keep up to date: a search
reads the rows themselves.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "campaigns.i18n.search"}}

The public site's search is the project's own (cms/search.py: folded entries, ranked and
highlighted); this backend is the admin's, one rule for both."""

import operator
from functools import reduce

from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Contains
from modelsearch.backends.database.fallback import DatabaseSearchBackend, DatabaseSearchQueryCompiler
from modelsearch.query import Phrase

from campaigns.text import fold

from .folding import Fold


class FoldingQueryCompiler(DatabaseSearchQueryCompiler):
    def _is_text(self, field_name):
        field = self.queryset.model._meta.get_field(field_name)
        return isinstance(field, (models.CharField, models.TextField)) and not field.is_relation

    def _match(self, text):
        """Rows where `text`, folded, occurs in one of the searched fields, folded."""
        needle = fold(text)
        if not needle or not self.fields_names:
            return Q(pk__in=[])
        return reduce(operator.or_, (
            Q(Contains(Fold(F(name)), needle)) if self._is_text(name) else Q(**{f"{name}__icontains": text})
            for name in self.fields_names
        ))

    def build_single_term_filter(self, term):
        return self._match(term)

    def build_database_filter(self, query, boost=1.0):
        if isinstance(query, Phrase):
            return self._match(query.query_string)
        return super().build_database_filter(query, boost=boost)


class FoldingSearchBackend(DatabaseSearchBackend):
    query_compiler_class = FoldingQueryCompiler
    autocomplete_query_compiler_class = FoldingQueryCompiler


SearchBackend = FoldingSearchBackend
