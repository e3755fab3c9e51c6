"""The four kinds of spreadsheet the programme imports: each names its sheet and columns
(the template is generated from them), the key that makes two rows duplicates, and how its
rows are written once every row is valid."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import cells
from .writers import write_holdings, write_pool, write_training, write_units


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    parse: object
    example: str = ""
    note: str = ""


@dataclass(frozen=True)
class Spec:
    kind: str
    label: object
    sheet: str
    columns: list
    key: object  # row dict -> natural key for duplicate detection
    write: object  # (rows, now) -> summary dict; raises ImportRejected on reference errors
    checks: list = field(default_factory=list)  # row dict -> message or None

    def column(self, key):
        return next(c for c in self.columns if c.key == key)


def _required_text(v):
    return cells.text(v, required=True)


def _past_date(v):
    return cells.date(v, not_future=True)


def _required_past_date(v):
    return cells.date(v, required=True, not_future=True)


PERSON_COLUMNS = [
    Column("Họ và tên", "full_name", _required_text, "Nguyễn Thị Lan"),
    Column("Giới tính", "gender", cells.gender, "Nữ", "Nữ / Nam / Khác"),
    Column("Năm sinh", "birth_year", cells.year, "1985"),
    Column("Dân tộc", "ethnicity", cells.ethnicity, "Kinh", "Tên dân tộc hoặc mã 01–54; để trống nếu không khai báo"),
    Column("Mã định danh", "national_id", lambda v: cells.text(v, max_length=32), "079185000123"),
]


def _ends_after_start(start_key, end_key, column_header):
    def check(row):
        if row.get(end_key) and row.get(start_key) and row[end_key] <= row[start_key]:
            return column_header, _("Ngày kết thúc phải sau ngày bắt đầu.")
        return None

    return check


UNITS = Spec(
    kind="units",
    label=gettext_lazy("Đơn vị"),
    sheet="Đơn vị",
    columns=[
        Column("Mã đơn vị", "code", lambda v: cells.text(v, required=True, max_length=32), "DN-XA-01"),
        Column("Mã đơn vị cấp trên", "parent", lambda v: cells.text(v, max_length=32), "DN", "Để trống với đơn vị gốc"),
        Column("Tên đơn vị", "name", _required_text, "Xã Bình Minh"),
        Column("Cấp", "level", cells.level, "Cấp xã", "Trung ương / Cấp tỉnh / Cấp huyện / Cấp xã"),
        Column("Loại hình", "unit_type", cells.unit_type, "Ủy ban nhân dân"),
        Column("Cơ quan QLNN", "is_state_agency", cells.yes_no, "Có", "Có / Không"),
        Column("Vùng DTTS", "is_ethnic_minority_area", cells.yes_no, "Không", "Có / Không"),
        Column("Tỷ lệ dân số DTTS (%)", "minority_population_share", cells.percent, ""),
        Column("Hiệu lực từ", "valid_from", cells.date, "01/07/2025", "dd/mm/yyyy"),
        Column("Hiệu lực đến", "valid_to", cells.date, "", "dd/mm/yyyy; ngày đơn vị thôi tồn tại"),
        Column("Mã đơn vị tiền thân", "predecessors", cells.text, "", "Các mã cách nhau bởi dấu phẩy"),
    ],
    key=lambda r: (r["code"],),
    write=write_units,
    checks=[_ends_after_start("valid_from", "valid_to", "Hiệu lực đến")],
)


def _optional_gender(v):
    return "" if cells.is_blank(v) else cells.gender(v)


def _holder_complete(row):
    """A post may be listed without a holder; a holder needs a gender and a start date."""
    if not row["full_name"]:
        return None
    if not row["gender"]:
        return "Giới tính", _("Không được để trống.")
    if not row["starts_on"]:
        return "Giữ chức từ ngày", _("Không được để trống (định dạng dd/mm/yyyy).")
    return None


HOLDER_COLUMNS = [
    Column("Họ và tên", "full_name", cells.text, "Trần Thị Hạnh", "Để trống nếu chức danh đang khuyết"),
    Column("Giới tính", "gender", _optional_gender, "Nữ", "Nữ / Nam / Khác"),
    *PERSON_COLUMNS[2:],
]

HOLDINGS = Spec(
    kind="posts",
    label=gettext_lazy("Chức danh và người giữ chức"),
    sheet="Chức danh",
    columns=[
        Column("Mã đơn vị", "unit", lambda v: cells.text(v, required=True, max_length=32), "DN-UBND"),
        Column("Chức danh", "title", _required_text, "Phó Chủ tịch"),
        Column("Lãnh đạo chủ chốt", "is_key_leader", cells.yes_no, "Có", "Có / Không"),
        *HOLDER_COLUMNS,
        Column("Giữ chức từ ngày", "starts_on", _past_date, "01/07/2025", "dd/mm/yyyy"),
        Column("Thôi giữ chức từ ngày", "ends_on", _past_date, "", "dd/mm/yyyy; để trống nếu đang giữ"),
    ],
    key=lambda r: (
        r["unit"],
        r["title"],
        r.get("national_id") or (r["full_name"], r.get("birth_year")),
        r["starts_on"],
    ),
    write=write_holdings,
    checks=[_holder_complete, _ends_after_start("starts_on", "ends_on", "Thôi giữ chức từ ngày")],
)

POOL = Spec(
    kind="pool",
    label=gettext_lazy("Quy hoạch"),
    sheet="Quy hoạch",
    columns=[
        *PERSON_COLUMNS,
        Column("Mã đơn vị", "unit", lambda v: cells.text(v, required=True, max_length=32), "DN-SNV"),
        Column("Chức vụ hiện tại", "position", cells.text, "Trưởng phòng"),
        Column("Chức danh quy hoạch", "target_post", _required_text, "Phó Giám đốc Sở"),
        Column("Cấp quy hoạch", "target_level", lambda v: cells.level(v, required=False), "Cấp tỉnh"),
        Column("Nhiệm kỳ", "term", cells.term, "2026-2031"),
        Column("Ngày vào quy hoạch", "starts_on", _required_past_date, "15/03/2024", "dd/mm/yyyy"),
        Column("Ngày ra khỏi quy hoạch", "ends_on", _past_date, "", "dd/mm/yyyy"),
    ],
    key=lambda r: (
        r.get("national_id") or (r["full_name"], r.get("birth_year"), r["unit"]),
        r["target_post"],
        r["term"][0],
    ),
    write=write_pool,
    checks=[_ends_after_start("starts_on", "ends_on", "Ngày ra khỏi quy hoạch")],
)

TRAINING = Spec(
    kind="training",
    label=gettext_lazy("Đào tạo bên ngoài"),
    sheet="Đào tạo",
    columns=[
        Column("Họ và tên", "full_name", _required_text, "Nguyễn Thị Lan"),
        Column("Năm sinh", "birth_year", cells.year, "1985"),
        Column("Mã định danh", "national_id", lambda v: cells.text(v, max_length=32), "079185000123"),
        Column("Mã đơn vị", "unit", lambda v: cells.text(v, required=True, max_length=32), "DN-SNV"),
        Column("Nội dung đào tạo", "title", _required_text, "Bồi dưỡng kỹ năng lãnh đạo, quản lý"),
        Column("Đơn vị đào tạo", "provider", cells.text, "Học viện Chính trị khu vực II"),
        Column("Ngày hoàn thành", "completed_on", _required_past_date, "20/05/2025", "dd/mm/yyyy"),
        Column("Số chứng chỉ", "reference", lambda v: cells.text(v, max_length=48), "CC-2025-0012"),
    ],
    key=lambda r: (
        r.get("national_id") or (r["full_name"], r.get("birth_year"), r["unit"]),
        r["title"],
        r["completed_on"],
    ),
    write=write_training,
)

SPECS = {spec.kind: spec for spec in (UNITS, HOLDINGS, POOL, TRAINING)}
