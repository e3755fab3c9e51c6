"""A query that runs on every request, its SQL built by Django once per process.

The ORM turns a queryset into SQL each time it runs: for a query with joins, subqueries and
annotations that costs more than the database takes to answer it (the signed-in user with her
role flag and profile, on every request: about 1.4 ms of Python of 1.8 ms; a run with its seat
counts, on every registration: 0.7 ms of 0.9 ms, bench/registration). `CompiledQuery` builds
the queryset once, with stand-in values for what changes from call to call, keeps Django's
compiler with its SQL, and on each call runs that SQL with the call's values in their places.
The rows become model instances through Django's own ModelIterable, so `select_related` and
annotations come back as they would from the queryset itself.

Only for a queryset whose every other value is a constant (no `timezone.now()` inside, no
setting read when it is built): the SQL and those values are kept for the life of the process.
If a stand-in is not found exactly once among the query's values, the queryset runs as usual.
tests/config/test_compiled.py holds it to the queryset's own answers on both databases."""

import copy
import threading

from django.db import connections
from django.db.models.query import ModelIterable

# Stand-ins nothing else in a query holds: integers below any key a table hands out, strings
# with control characters no key or constant has.
_STAND_INS = {int: [-(2**31) + 7919 * n for n in range(1, 9)], str: [f"\x1ecompiled {n}\x1e" for n in range(1, 9)]}


class CompiledQuery:
    """`CompiledQuery(build)`, where `build(*values)` returns the queryset for those values;
    `query.all(*values)` its instances, `query.first(*values)` the first or None. The values
    are integers (keys), or of the types in `kinds` (int or str), one per value."""

    def __init__(self, build, *, kinds=(int,)):
        self._build = build
        self._kinds = tuple(kinds)
        self._compiled = {}  # database alias -> (compiler, sql, params, {stand-in position: value index}) or None
        self._lock = threading.Lock()

    def all(self, *values, using="default"):
        compiled = self._compiled.get(using, ...)
        if compiled is ...:
            compiled = self._compile(using)
        if compiled is None:
            return list(self._build(*values).using(using))
        compiler, sql, params, slots = compiled
        params = list(params)
        for position, index in slots.items():
            params[position] = values[index]
        return list(ModelIterable(_Prepared(compiler, sql, params, using)))

    def first(self, *values, using="default"):
        rows = self.all(*values, using=using)
        return rows[0] if rows else None

    def _compile(self, using):
        with self._lock:
            if using in self._compiled:
                return self._compiled[using]
            stand_ins = [_STAND_INS[kind][index] for index, kind in enumerate(self._kinds)]
            queryset = self._build(*stand_ins).using(using)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            slots = {position: stand_ins.index(value) for position, value in enumerate(params)
                     if type(value) in _STAND_INS and value in stand_ins}
            found = sorted(slots.values())
            # Each stand-in exactly once, and the query not made with anything else of the
            # call's (a stand-in turned into another value would leave it out).
            self._compiled[using] = (compiler, sql, tuple(params), slots) if found == list(range(len(stand_ins))) else None
            return self._compiled[using]


class _Prepared:
    """What ModelIterable reads of a queryset: its database and a compiler, here one that
    answers with the kept SQL and this call's values, on this thread's connection."""

    _known_related_objects = {}

    def __init__(self, compiler, sql, params, using):
        prepared = copy.copy(compiler)
        prepared.connection = connections[using]  # connections are per thread
        prepared.as_sql = lambda *args, **kwargs: (sql, params)
        self._compiler, self.db, self.query = prepared, using, self

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler
