"""Accent-insensitive search in the database, with exactly the rule of `campaigns.text.fold`
(tone and vowel marks dropped, đ/Đ -> d, lower case, runs of spaces collapsed), so the admin's
list searches, the site's searches over domain data and imports that match names against
existing rows all agree, on SQLite and on PostgreSQL.

- SQLite: `fold` itself is registered as the SQL function WLP_FOLD on every connection.
- PostgreSQL: TRANSLATE with a table generated from `fold` (every Latin letter that folds to
  one ASCII letter: all of Vietnamese, and the accents of French, German, Spanish names...),
  then LOWER. We chose this over the `unaccent` extension: it needs no extension (nor the
  rights to create one), it is IMMUTABLE so it can back an expression index, and it gives
  the same result as Python for đ/Đ and for every Vietnamese letter, which the test checks
  against `fold` on PostgreSQL. (unaccent would need CREATE EXTENSION and a wrapper to be
  indexable, and its rules differ from fold on a few letters.)

    Person.objects.filter(folded_search(["full_name", "position"], "hoa binh"))
"""

import operator
from functools import reduce

from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Contains

from campaigns.text import fold


def _table():
    source, target = [], []
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        for code in block:
            char = chr(code)
            folded = fold(char)
            if len(folded) == 1 and folded.isascii() and folded != char:
                source.append(char)
                target.append(folded)
    return "".join(source), "".join(target)


TRANSLATE_FROM, TRANSLATE_TO = _table()


class Fold(Func):
    """`fold()` of a text expression, in SQL."""

    function = "WLP_FOLD"
    arity = 1
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        (expression,) = self.get_source_expressions()
        text = Func(expression, function="BTRIM", output_field=TextField())
        spaced = Func(text, Value(r"\s+"), Value(" "), Value("g"), function="REGEXP_REPLACE", output_field=TextField())
        plain = Func(spaced, Value(TRANSLATE_FROM), Value(TRANSLATE_TO), function="TRANSLATE", output_field=TextField())
        return compiler.compile(Lower(plain))

    def as_mysql(self, compiler, connection, **extra):  # accent-insensitive collations do the rest
        (expression,) = self.get_source_expressions()
        return compiler.compile(Lower(expression))


def folded_search(fields, query):
    """A Q matching rows where every word of `query` occurs, folded, in at least one of
    `fields` (field names or expressions). An empty query matches everything."""
    words = fold(query).split()
    if not words:
        return Q()
    expressions = [Fold(F(field) if isinstance(field, str) else field) for field in fields]
    return reduce(operator.and_, (
        reduce(operator.or_, (Q(Contains(expression, word)) for expression in expressions))
        for word in words
    ))


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: make WLP_FOLD available on SQLite connections."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("WLP_FOLD", 1, fold, deterministic=True)
