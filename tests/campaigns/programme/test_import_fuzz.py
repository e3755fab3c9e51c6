"""Whatever a spreadsheet holds, the importer either imports it whole or refuses it with a
report: it never crashes and never writes part of a file."""

import datetime
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from campaigns.programme.importers import SPECS, ImportRejected, import_file
from campaigns.programme.models import LeadershipPost, Person, PlanningPoolEntry, PostHolding, TrainingRecord, UnitLevel

from .factories import unit
from .sheets import xlsx

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
cell = st.one_of(
    st.none(),
    printable,
    st.integers(-10, 3000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(datetime.date(1890, 1, 1), datetime.date(2100, 1, 1)),
    st.sampled_from(
        [
            "Nữ",
            "Nam",
            "Kinh",
            "Xtiêng",
            "P",
            "P-X",
            "Có",
            "Không",
            "2026-2031",
            "2031-2026",
            "Cấp xã",
            "15/03/2024",
            "31/02/2024",
            "01/01/2099",
            "=A1",
            "Trưởng phòng",
        ]
    ),
)


def counts():
    return tuple(m.objects.count() for m in (Person, PlanningPoolEntry, TrainingRecord, LeadershipPost, PostHolding))


@pytest.fixture
def units():
    province = unit(code="P", level=UnitLevel.PROVINCE)
    unit(province, code="P-X")


@FUZZ
@given(kind=st.sampled_from(sorted(SPECS)), data=st.data())
def test_random_cells_never_crash_or_half_import(units, kind, data):
    width = len(SPECS[kind].columns)
    rows = data.draw(st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=6))
    before = counts()
    try:
        summary = import_file(kind=kind, fileobj=xlsx(kind, rows), name="f.xlsx", dry_run=False)
    except ImportRejected as exc:
        assert exc.errors and all(e["message"] for e in exc.errors)
        assert counts() == before
    else:
        assert summary["rows"] == len(rows)


@FUZZ
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".csv"]))
@example(content=b"\r\x00", suffix=".csv")  # found by this test: the csv module's own error escaped
@example(content=b'"a\r\n\x00', suffix=".csv")
def test_random_bytes_are_refused_cleanly(units, content, suffix):
    before = counts()
    try:
        import_file(kind="pool", fileobj=io.BytesIO(content), name="f" + suffix, dry_run=False)
    except ImportRejected as exc:
        assert exc.errors
    assert counts() == before


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_workbooks_are_refused_cleanly(units, flips):
    raw = bytearray(
        xlsx(
            "pool", [["Lê Thị A", "Nữ", 1980, "", "", "P", "", "Trưởng phòng", "", "2026-2031", "01/01/2024", ""]]
        ).getvalue()
    )
    for position, value in flips:
        raw[position % len(raw)] = value
    before = counts()
    try:
        import_file(kind="pool", fileobj=io.BytesIO(bytes(raw)), name="f.xlsx", dry_run=False)
    except ImportRejected as exc:
        assert exc.errors
    else:
        return
    assert counts() == before
