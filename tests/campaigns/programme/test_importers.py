"""Spreadsheet imports: all or nothing, with a row-by-row report in Vietnamese."""

import datetime
import io
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from campaigns.programme.import_jobs import create_job
from campaigns.programme.importers import ImportRejected, import_file
from campaigns.programme.models import (
    LeadershipPost,
    OrganisationUnit,
    Person,
    PlanningPoolEntry,
    PostHolding,
    TrainingRecord,
    UnitLevel,
)

from .factories import PersonFactory, unit
from .sheets import pool_row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return unit(code="P", level=UnitLevel.PROVINCE)


def rejected(kind, fileobj, name="tep.xlsx"):
    with pytest.raises(ImportRejected) as info:
        import_file(kind=kind, fileobj=fileobj, name=name, dry_run=False)
    return info.value.errors


def nothing_written():
    return Person.objects.count() == 0 and PlanningPoolEntry.objects.count() == 0


def test_pool_import_creates_people_and_entries_and_reimport_changes_nothing(province):
    rows = [pool_row(), pool_row(**{"Họ và tên": "Trần Văn Nam", "Giới tính": "Nam", "Mã định danh": "079180000002"})]
    summary = import_file(kind="pool", fileobj=xlsx("pool", rows), name="qh.xlsx", dry_run=False)
    assert summary == {"created": 2, "updated": 0, "people_created": 2, "rows": 2}
    entry = PlanningPoolEntry.objects.get(person__national_id="079185000001")
    assert (entry.unit, entry.term_start_year, entry.term_end_year, entry.starts_on) == (
        province,
        2026,
        2031,
        datetime.date(2024, 3, 15),
    )
    again = import_file(kind="pool", fileobj=xlsx("pool", rows), name="qh.xlsx", dry_run=False)
    assert again == {"created": 0, "updated": 0, "people_created": 0, "rows": 2}
    assert Person.objects.count() == 2


def test_dry_run_reports_but_writes_nothing(province):
    summary = import_file(kind="pool", fileobj=xlsx("pool", [pool_row()]), name="qh.xlsx", dry_run=True)
    assert summary["created"] == 1 and nothing_written()


def test_an_existing_person_is_matched_not_duplicated(province):
    person = PersonFactory(full_name="Nguyễn Thị Lan", national_id="079185000001")
    import_file(kind="pool", fileobj=xlsx("pool", [pool_row()]), name="qh.xlsx", dry_run=False)
    assert Person.objects.get().pk == person.pk


def test_names_are_stored_in_nfc(province):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    import_file(
        kind="pool", fileobj=xlsx("pool", [pool_row(**{"Họ và tên": decomposed})]), name="qh.xlsx", dry_run=False
    )
    assert Person.objects.get().full_name == unicodedata.normalize("NFC", "Nguyễn Thị Hoà")


def test_unknown_unit_code_names_row_and_column_and_imports_nothing(province):
    errors = rejected("pool", xlsx("pool", [pool_row(), pool_row(**{"Mã định danh": "2", "Mã đơn vị": "XX"})]))
    assert errors == [{"row": 3, "column": "Mã đơn vị", "message": "Không có đơn vị mã “XX”."}]
    assert nothing_written()


@pytest.mark.parametrize("value", ["2024-03-15", "03/15/2024", "31/02/2024", "15.03.2024", 45000])
def test_dates_must_be_dd_mm_yyyy(province, value):
    errors = rejected("pool", xlsx("pool", [pool_row(**{"Ngày vào quy hoạch": value})]))
    assert errors[0]["row"] == 2 and errors[0]["column"] == "Ngày vào quy hoạch"
    assert "dd/mm/yyyy" in errors[0]["message"] or "không tồn tại" in errors[0]["message"]
    assert nothing_written()


def test_day_first_is_never_read_month_first(province):
    import_file(
        kind="pool",
        fileobj=xlsx("pool", [pool_row(**{"Ngày vào quy hoạch": "05/04/2024"})]),
        name="q.xlsx",
        dry_run=False,
    )
    assert PlanningPoolEntry.objects.get().starts_on == datetime.date(2024, 4, 5)


def test_future_date_is_refused(province):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    errors = rejected("pool", xlsx("pool", [pool_row(**{"Ngày vào quy hoạch": tomorrow})]))
    assert errors[0]["message"] == f"Ngày {tomorrow} ở tương lai." and nothing_written()


def test_duplicate_rows_are_refused(province):
    errors = rejected("pool", xlsx("pool", [pool_row(), pool_row()]))
    assert errors == [{"row": 3, "column": "Họ và tên", "message": "Trùng với dòng 2."}]
    assert nothing_written()


def test_formula_cell_is_refused(province):
    row = pool_row(**{"Năm sinh": "=1980+5"})
    errors = rejected("pool", xlsx("pool", [row]))
    assert errors[0]["row"] == 2 and "công thức" in errors[0]["message"] and nothing_written()


def test_wrong_sheet_is_refused(province):
    errors = rejected("pool", xlsx("pool", [pool_row()], sheet="Sheet1", extra_sheets=["Sheet2"]))
    assert errors[0]["message"] == "Không có trang tính “Quy hoạch”. Hãy dùng tệp mẫu." and nothing_written()


def test_missing_column_is_refused(province):
    errors = rejected("training", xlsx("pool", [pool_row()], sheet="Đào tạo"))
    assert errors[0]["message"].startswith("Thiếu cột: Nội dung đào tạo") and errors[0]["row"] == 1


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04garbage", b""])
def test_malformed_file_is_refused(province, content):
    errors = rejected("pool", io.BytesIO(content))
    assert errors[0]["message"].startswith("Tệp") and nothing_written()


def test_fifty_megabyte_upload_is_refused_before_it_is_stored(province):
    upload = SimpleUploadedFile("lon.xlsx", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(ImportRejected, match="Tệp quá lớn"):
        create_job(kind="pool", upload=upload, user=None)
    from campaigns.programme.models import ImportJob

    assert not ImportJob.objects.exists()


def test_csv_with_semicolons_is_imported_and_non_utf8_refused(province):
    headers = [
        "Họ và tên",
        "Giới tính",
        "Năm sinh",
        "Dân tộc",
        "Mã định danh",
        "Mã đơn vị",
        "Chức vụ hiện tại",
        "Chức danh quy hoạch",
        "Cấp quy hoạch",
        "Nhiệm kỳ",
        "Ngày vào quy hoạch",
        "Ngày ra khỏi quy hoạch",
    ]
    line = ["Lê Thị Hồng", "Nữ", "1990", "Tày", "", "P", "", "Trưởng phòng", "Cấp tỉnh", "2026–2031", "01/02/2024", ""]
    text = ";".join(headers) + "\n" + ";".join(line) + "\n"
    import_file(kind="pool", fileobj=io.BytesIO(text.encode("utf-8-sig")), name="qh.csv", dry_run=False)
    assert Person.objects.get().ethnicity == "02"
    errors = rejected("pool", io.BytesIO(text.encode("utf-16")), name="qh.csv")
    assert errors[0]["message"] == "Tệp CSV phải được mã hóa UTF-8."


def test_units_import_builds_the_tree_with_merges_in_any_order():
    rows = [
        ["NEW-X", "NEW", "Xã Mới", "Cấp xã", "Ủy ban nhân dân", "Có", "Có", "55", "01/07/2025", "", "OLD-X"],
        ["NEW", "", "Tỉnh Mới", "Cấp tỉnh", "Ủy ban nhân dân", "Không", "Không", "", "01/07/2025", "", "OLD"],
        ["OLD", "", "Tỉnh Cũ", "Cấp tỉnh", "Ủy ban nhân dân", "Không", "Không", "", "", "01/07/2025", ""],
        ["OLD-X", "OLD", "Xã Cũ", "Cấp xã", "Ủy ban nhân dân", "Có", "Có", "55", "", "01/07/2025", ""],
    ]
    summary = import_file(kind="units", fileobj=xlsx("units", rows), name="dv.xlsx", dry_run=False)
    assert summary["created"] == 4
    new_x = OrganisationUnit.objects.get(code="NEW-X")
    assert new_x.get_parent().code == "NEW" and list(new_x.predecessors.values_list("code", flat=True)) == ["OLD-X"]
    assert str(new_x.minority_population_share) == "55.00" and new_x.is_ethnic_minority_area


def test_posts_and_holdings_import(province):
    rows = [
        {
            "Mã đơn vị": "P",
            "Chức danh": "Chủ tịch",
            "Lãnh đạo chủ chốt": "Có",
            "Họ và tên": "Lê Văn A",
            "Giới tính": "Nam",
            "Năm sinh": 1970,
            "Giữ chức từ ngày": "01/07/2021",
            "Thôi giữ chức từ ngày": "01/07/2025",
        },
        {
            "Mã đơn vị": "P",
            "Chức danh": "Chủ tịch",
            "Lãnh đạo chủ chốt": "Có",
            "Họ và tên": "Trần Thị B",
            "Giới tính": "Nữ",
            "Năm sinh": 1975,
            "Giữ chức từ ngày": "01/07/2025",
        },
        {"Mã đơn vị": "P", "Chức danh": "Chánh Văn phòng", "Lãnh đạo chủ chốt": "Không"},
    ]
    summary = import_file(kind="posts", fileobj=xlsx("posts", rows), name="cd.xlsx", dry_run=False)
    assert summary == {"created": 2, "updated": 0, "posts_created": 2, "people_created": 2, "rows": 3}
    assert LeadershipPost.objects.filter(is_key_leader=True).count() == 1
    assert PostHolding.objects.filter(ends_on__isnull=True).get().person.full_name == "Trần Thị B"


def test_holding_ending_before_it_starts_is_refused(province):
    row = {
        "Mã đơn vị": "P",
        "Chức danh": "Chủ tịch",
        "Lãnh đạo chủ chốt": "Có",
        "Họ và tên": "Lê Văn A",
        "Giới tính": "Nam",
        "Giữ chức từ ngày": "01/07/2021",
        "Thôi giữ chức từ ngày": "01/07/2020",
    }
    errors = rejected("posts", xlsx("posts", [row]))
    assert errors == [{"row": 2, "column": "Thôi giữ chức từ ngày", "message": "Ngày kết thúc phải sau ngày bắt đầu."}]
    assert not LeadershipPost.objects.exists()


def test_external_training_needs_a_known_person_and_is_idempotent(province):
    import_file(kind="pool", fileobj=xlsx("pool", [pool_row()]), name="qh.xlsx", dry_run=False)
    row = {
        "Họ và tên": "Nguyễn Thị Lan",
        "Mã định danh": "079185000001",
        "Mã đơn vị": "P",
        "Nội dung đào tạo": "Kỹ năng lãnh đạo",
        "Ngày hoàn thành": "10/10/2024",
        "Số chứng chỉ": "CC-1",
    }
    stranger = {**row, "Họ và tên": "Người Lạ", "Mã định danh": "", "Số chứng chỉ": "CC-2"}
    errors = rejected("training", xlsx("training", [row, stranger]))
    assert errors[0]["row"] == 3 and errors[0]["column"] == "Họ và tên" and not TrainingRecord.objects.exists()
    for _ in range(2):
        import_file(kind="training", fileobj=xlsx("training", [row]), name="dt.xlsx", dry_run=False)
    record = TrainingRecord.objects.get()
    assert (record.source, record.reference, record.completed_on) == (
        "external",
        "cert:CC-1",
        datetime.date(2024, 10, 10),
    )
