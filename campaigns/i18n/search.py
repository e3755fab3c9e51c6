"""Wagtail's database search backend with Vietnamese folding: the text Wagtail indexes and
every query are passed through `campaigns.text.fold`, so "dong xoai", "Đồng Xoài" and
"ĐỒNG XOÀI" find the same pages, images, documents and snippets, and "hoà"/"hòa" are one
word, in the site's search and in every admin search, on SQLite (FTS5) and PostgreSQL
(full-text search with the 'simple' configuration: no English stemming or stop words, which
would drop Vietnamese syllables such as "an" or "to").

WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "campaigns.i18n.search", "SEARCH_CONFIG": "simple"}}

Indexing goes through modelsearch's per-vendor `ObjectIndexer`, whose `prepare_value` turns
each indexed value into text: we extend it to fold that text and install the subclass in
the vendor module once, when the backend is created (modelsearch has no setting for it).
After switching an existing database to this backend, run `manage.py update_index`."""

import copy
import sys

from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends.database import SearchBackend as vendor_backend

from campaigns.text import fold


def fold_query(query):
    """`query` (a string or a modelsearch query object) with its text folded."""
    if isinstance(query, str):
        return fold(query)
    query = copy.copy(query)
    if hasattr(query, "query_string"):
        query.query_string = fold(query.query_string)
    if hasattr(query, "subquery"):
        query.subquery = fold_query(query.subquery)
    if hasattr(query, "subqueries"):
        query.subqueries = [fold_query(q) for q in query.subqueries]
    return query


class FoldingMixin:
    def search(self, query, *args, **kwargs):
        return super().search(fold_query(query), *args, **kwargs)

    def autocomplete(self, query, *args, **kwargs):
        return super().autocomplete(fold_query(query), *args, **kwargs)


def _fold_indexed_text(vendor_module):
    indexer = getattr(vendor_module, "ObjectIndexer", None)
    if indexer is None:
        return  # the plain database fallback filters model fields directly: nothing indexed
    if getattr(indexer, "folds_text", False):
        return
    if not hasattr(indexer, "prepare_value"):
        raise ImproperlyConfigured("modelsearch's ObjectIndexer changed: campaigns.i18n.search needs updating")

    class FoldingObjectIndexer(indexer):
        folds_text = True

        def prepare_value(self, value):
            return fold(super().prepare_value(value))

    vendor_module.ObjectIndexer = FoldingObjectIndexer


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    vendor_class = type(vendor_backend(params))
    _fold_indexed_text(sys.modules[vendor_class.__module__])
    folding_class = type(f"Folding{vendor_class.__name__}", (FoldingMixin, vendor_class), {})
    return folding_class(params)
