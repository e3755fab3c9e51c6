"""Queries of the public pages whose SQL is compiled once per process.

Django builds a query's SQL afresh every time it runs it: for the few queries a public page
needs (the page with its privacy subqueries, the language switcher, the home page's cards,
related articles) building the queryset and compiling it cost more CPU than everything else
the page does, database included. `rows(key, build)` runs `build()`'s query; the first time
for a key, it keeps the SQL, its parameters and what Django needs to turn rows into objects;
later calls with the same key run that SQL again, without building or compiling anything.

So the key must determine the SQL and its parameters: every value the query is built from
(ids, paths, dates, limits) belongs in it. Under DEBUG and in tests every call builds and
compiles the query anyway and checks that it is the one kept, so a key that misses a value
fails loudly instead of serving another query's rows. Nothing here is data: rows are always
read from the database, so this holds with every cache off and after any publish."""

import threading

from django.conf import settings

MAX_ENTRIES = 2000

# What a compiler learns while it compiles and later needs to turn rows into objects.
_COMPILER_STATE = ("select", "klass_info", "annotation_col_map", "col_count", "has_extra_select")

_entries = {}
_lock = threading.Lock()


class _Entry:
    __slots__ = ("sql", "params", "state", "converters", "model", "queryset_class", "iterable_class", "fields",
                 "prefetch", "db", "positions")

    def __init__(self):
        self.converters = (None, None)
        self.positions = {}

    def params_for(self, variables):
        if not self.positions:
            return self.params
        params = list(self.params)
        for name, positions in self.positions.items():
            for position in positions:
                params[position] = variables[name]
        return tuple(params)


def rows(key, build, **variables):
    """The list of what `build(**variables)` (a queryset, not yet evaluated) returns; its SQL
    compiled once per process for `key` (a tuple of hashable values that determine it).

    `variables` are values that differ from call to call (the current time): they are
    found among the parameters the first time and put in their places afterwards, so
    they need not be in the key. A variable must reach the database as given (a datetime
    on PostgreSQL; where the backend converts it, as SQLite does, nothing is kept)."""
    key = (*key, *sorted(variables))
    entry = _entries.get(key)
    if entry is None:
        queryset = build(**variables)
        entry = _Entry()
        entry.model, entry.queryset_class, entry.db = queryset.model, type(queryset), queryset.db
        entry.iterable_class, entry.fields = queryset._iterable_class, queryset._fields
        entry.prefetch = queryset._prefetch_related_lookups
        _hook(queryset, key, entry, variables, learn=True)
        return list(queryset)
    if _verify():
        _check(key, entry, build(**variables), variables)
    queryset = entry.queryset_class(model=entry.model, using=entry.db)
    queryset._iterable_class, queryset._fields = entry.iterable_class, entry.fields
    queryset._prefetch_related_lookups = entry.prefetch
    _hook(queryset, key, entry, variables, learn=False)
    return list(queryset)


def first(key, build):
    """The first object of `build()` (already ordered and sliced to one row), or None."""
    found = rows(key, build)
    return found[0] if found else None


def forget():
    """Drop every compiled query (tests that change the schema or settings)."""
    with _lock:
        _entries.clear()


def _verify():
    return settings.DEBUG or getattr(settings, "CMS_VERIFY_COMPILED_QUERIES", False)


def _hook(queryset, key, entry, variables, *, learn):
    """Make the next compiler of `queryset.query` (the one its iteration asks for) learn
    or reuse the SQL of `key`. The hook removes itself first, so copies of the query made
    while compiling (subqueries) compile as usual."""
    query = queryset.query

    def get_compiler(using=None, connection=None, elide_empty=True):
        del query.__dict__["get_compiler"]
        compiler = query.get_compiler(using, connection, elide_empty)
        compile_sql = compiler.as_sql

        def as_sql(with_limits=True, with_col_aliases=False):
            if not (with_limits and not with_col_aliases):
                return compile_sql(with_limits, with_col_aliases)
            if learn:
                sql, params = compile_sql()
                entry.sql, entry.params = sql, tuple(params)
                entry.state = {name: getattr(compiler, name) for name in _COMPILER_STATE}
                for name, value in variables.items():
                    entry.positions[name] = [n for n, param in enumerate(params)
                                             if type(param) is type(value) and param == value]
                    if not entry.positions[name]:
                        return sql, params  # converted on its way (or absent): keep nothing
                with _lock:
                    if len(_entries) >= MAX_ENTRIES:
                        _entries.clear()
                    _entries[key] = entry
                return sql, params
            for name, value in entry.state.items():
                setattr(compiler, name, value)
            return entry.sql, entry.params_for(variables)

        def get_converters(expressions):
            # Kept with the SQL, for the connection that compiled it (each thread has its own).
            if learn:
                entry.converters = (compiler.connection, compile_converters(expressions))
                return entry.converters[1]
            if entry.converters[0] is compiler.connection:
                return entry.converters[1]
            return compile_converters(expressions)

        compile_converters = compiler.get_converters
        compiler.as_sql, compiler.get_converters = as_sql, get_converters
        return compiler

    query.__dict__["get_compiler"] = get_compiler


def _check(key, entry, queryset, variables):
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    kept = (entry.sql, entry.params_for(variables), entry.queryset_class, entry.db, entry.prefetch, entry.fields)
    if (sql, tuple(params), type(queryset), queryset.db, queryset._prefetch_related_lookups, queryset._fields) != kept:
        raise AssertionError(f"cms.compiled: the key {key!r} does not determine its query:\n{entry.sql} "
                             f"{entry.params_for(variables)}\n!=\n{sql} {tuple(params)}")
