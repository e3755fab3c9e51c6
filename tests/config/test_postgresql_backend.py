"""PostgreSQL with server-side binding (config/postgresql/, config/settings/base.py): what a
connection runs twice is prepared, and bulk writes stay within the protocol's 65,535
parameters a statement, which client-side binding never had to."""

import pytest
from django.db import connection

from campaigns.programme.models import Person

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's binding and prepared statements"),
]


def _prepared(fragment):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{fragment}%"])
        return cursor.fetchone()[0]


def test_a_query_run_twice_on_a_connection_is_prepared_by_postgresql():
    assert connection.features.uses_server_side_binding
    before = _prepared('"programme_person"."birth_year" = $1')
    for year in (1979, 1980, 1981):  # the parameter changes, the statement does not
        list(Person.objects.filter(birth_year=year).values_list("pk", flat=True))
    assert _prepared('"programme_person"."birth_year" = $1') == before + 1


def test_bulk_update_beyond_65535_parameters_is_cut_into_statements_that_fit():
    # bulk_update sends two parameters a row for each field (the row's key in CASE WHEN, the
    # value) and one for its key in WHERE … IN: 3 for one field, so 22,000 rows need 66,000.
    rows = 22_000
    people = Person.objects.bulk_create([Person(full_name=f"Cán bộ {n}", gender="female") for n in range(rows)])
    for n, person in enumerate(people):
        person.phone = f"09{n:08d}"
    assert Person.objects.bulk_update(people, ["phone"]) == rows
    assert Person.objects.filter(full_name__startswith="Cán bộ ", phone__startswith="09").count() == rows


@pytest.mark.django_db(transaction=True)
def test_a_statement_prepared_before_a_column_changed_type_works_again_after_the_failed_request():
    import psycopg

    def read():
        with connection.cursor() as cursor:
            cursor.execute("SELECT code FROM scratch_prepared WHERE code = %s", ["a"])
            return cursor.fetchall()

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE scratch_prepared (code varchar(10))")
        cursor.execute("INSERT INTO scratch_prepared VALUES ('a')")
    try:
        for _ in range(3):
            assert read() == [("a",)]  # prepared by now
        # A migration, from another process: what the release steps run while the web serves.
        with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
            other.execute("ALTER TABLE scratch_prepared ALTER COLUMN code TYPE varchar(20)")
        from django.db import NotSupportedError

        with pytest.raises(NotSupportedError, match="cached plan must not change result type"):
            read()
        same = connection.connection
        connection.close_if_unusable_or_obsolete()  # what Django does when the request ends
        assert read() == [("a",)]
        assert connection.connection is same  # kept, not reopened
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS scratch_prepared")
