"""Demo programme data around the 1 July 2025 reform: Bình Phước (and its districts) until
30/06/2025, merged with the former Đồng Nai into the new Đồng Nai from 01/07/2025; Plan
347/KH-UBND's targets; key-leader posts and holders; a planning pool; external training.

Posts, the pool and training are kept as spreadsheet rows (the import templates' columns)
and loaded through the importer, so `demo_spreadsheets()` gives a monitor the very same
files to import. The figures they produce are hand-counted in the tests."""

import datetime
from decimal import Decimal

from campaigns.programme.importers import import_rows
from campaigns.programme.models import (
    Gender,
    Indicator,
    OrganisationUnit,
    Person,
    Plan,
    PlanTarget,
    UnitLevel,
    UnitType,
)

REFORM = datetime.date(2025, 7, 1)

# (code, parent code, name, level, type, state agency?, valid_from, valid_to, minority %)
UNITS = [
    ("BP", None, "Tỉnh Bình Phước", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, False, None, REFORM, "19.10"),
    ("BP-UBND", "BP", "Ủy ban nhân dân tỉnh Bình Phước", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, None),
    ("BP-SNV", "BP", "Sở Nội vụ tỉnh Bình Phước", UnitLevel.PROVINCE, UnitType.DEPARTMENT, True, None, REFORM, None),
    ("BP-HPN", "BP", "Hội Liên hiệp Phụ nữ tỉnh Bình Phước", UnitLevel.PROVINCE, UnitType.MASS_ORGANISATION, False, None, REFORM, None),
    ("BP-DX", "BP", "Thành phố Đồng Xoài", UnitLevel.DISTRICT, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, None),
    ("BP-BGM", "BP", "Huyện Bù Gia Mập", UnitLevel.DISTRICT, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, "38.50"),
    ("BP-DX-TP", "BP-DX", "Phường Tân Phú", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, None),
    ("BP-BGM-DO", "BP-BGM", "Xã Đắk Ơ", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, None, REFORM, "62.00"),
    ("DN-OLD", None, "Tỉnh Đồng Nai (trước 01/7/2025)", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, False, None, REFORM, None),
    ("DN", None, "Tỉnh Đồng Nai", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, False, REFORM, None, "6.20"),
    ("DN-UBND", "DN", "Ủy ban nhân dân tỉnh Đồng Nai", UnitLevel.PROVINCE, UnitType.PEOPLES_COMMITTEE, True, REFORM, None, None),
    ("DN-SNV", "DN", "Sở Nội vụ tỉnh Đồng Nai", UnitLevel.PROVINCE, UnitType.DEPARTMENT, True, REFORM, None, None),
    ("DN-PDX", "DN", "Phường Đồng Xoài", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, REFORM, None, None),
    ("DN-DO", "DN", "Xã Đắk Ơ", UnitLevel.COMMUNE, UnitType.PEOPLES_COMMITTEE, True, REFORM, None, "62.00"),
]

# successor code -> predecessor codes
MERGES = {
    "DN": ["BP", "DN-OLD"],
    "DN-UBND": ["BP-UBND"],
    "DN-SNV": ["BP-SNV"],
    "DN-PDX": ["BP-DX-TP"],
    "DN-DO": ["BP-BGM-DO"],
}

PLAN_347 = dict(
    number="347/KH-UBND", issuer="Ủy ban nhân dân tỉnh Bình Phước", issued_on=datetime.date(2023, 11, 21),
    title="Kế hoạch triển khai thực hiện việc tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo "
    "và quản lý ở các cấp hoạch định chính sách trên địa bàn tỉnh giai đoạn 2023-2030",
)
# (indicator, year, percent, proportional, note)
TARGETS_347 = [
    (Indicator.KEY_LEADER, 2025, 50, False, ""),
    (Indicator.KEY_LEADER, 2030, 65, False, ""),
    (Indicator.POOL_WOMEN, 2025, 40, False, "ít nhất 40%"),
    (Indicator.POOL_WOMEN, 2030, 50, False, ""),
    (Indicator.POOL_TRAINED, 2025, 75, False, ""),
    (Indicator.POOL_TRAINED, 2030, 90, False, ""),
    (Indicator.MINORITY_LEADERS, 2025, 100, True, "phù hợp với cơ cấu dân cư"),
    (Indicator.MINORITY_LEADERS, 2030, 100, True, "phù hợp với cơ cấu dân cư"),
]

THAO_ID = "070188000022"  # the demo trainee: one person, whatever the sheet she appears in

# People: national id -> (full name, gender, birth year, ethnicity)
PEOPLE = {
    "070180000001": ("Nguyễn Văn Hùng", "Nam", 1970, "Kinh"),
    "070182000002": ("Trần Thị Thanh Hương", "Nữ", 1976, "Kinh"),
    "070179000003": ("Lê Thị Mỹ Dung", "Nữ", 1979, "Kinh"),
    "070175000004": ("Phạm Quốc Bảo", "Nam", 1975, "Kinh"),
    "070177000005": ("Đỗ Minh Tuấn", "Nam", 1977, "Kinh"),
    "070181000006": ("Vũ Thị Hồng Nhung", "Nữ", 1981, "Kinh"),
    "070183000007": ("Hoàng Văn Phúc", "Nam", 1983, "Kinh"),
    "070178000008": ("Ngô Thị Kim Oanh", "Nữ", 1978, "Kinh"),
    "070176000009": ("Điểu Văn Lâm", "Nam", 1976, "Xtiêng"),
    THAO_ID: ("Điểu Thị Thảo", "Nữ", 1988, "Xtiêng"),
    "075174000011": ("Bùi Văn Thắng", "Nam", 1974, "Kinh"),
    "075180000012": ("Huỳnh Thị Ngọc Ánh", "Nữ", 1980, "Kinh"),
    "075177000013": ("Trương Văn Khải", "Nam", 1977, "Kinh"),
    "075182000014": ("Mai Thị Phương", "Nữ", 1982, "Kinh"),
    "075179000015": ("Lý Văn Sơn", "Nam", 1979, "Kinh"),
    # planning pool only
    "070186000101": ("Nguyễn Thị Mai Anh", "Nữ", 1986, "Kinh"),
    "070187000102": ("Lê Thị Bích Ngọc", "Nữ", 1987, "Kinh"),
    "070185000103": ("Trần Văn Tài", "Nam", 1985, "Kinh"),
    "070184000104": ("Phan Văn Lợi", "Nam", 1984, "Kinh"),
    "070183000105": ("Đinh Công Minh", "Nam", 1983, "Kinh"),
    "070186000106": ("Cao Văn Trí", "Nam", 1986, "Kinh"),
    "070185000107": ("Tạ Quang Huy", "Nam", 1985, "Kinh"),
    "070184000108": ("Lâm Văn Hậu", "Nam", 1984, "Kinh"),
    "070182000109": ("Thạch Văn Nam", "Nam", 1982, "Khơ-me"),
    "075187000110": ("Phạm Thị Thu Hà", "Nữ", 1987, "Kinh"),
    "075189000111": ("Võ Thị Kim Liên", "Nữ", 1989, "Kinh"),
    "075186000112": ("Hoàng Thị Lan", "Nữ", 1986, "Kinh"),
    "075184000113": ("Trần Văn Dũng", "Nam", 1984, "Kinh"),
    "075181000114": ("Đặng Thị Ngọc Trâm", "Nữ", 1981, "Kinh"),
}

# (unit, post, key leader?, holder id, from, to)
HOLDINGS = [
    ("BP-UBND", "Chủ tịch", "Có", "070180000001", "01/07/2021", "01/07/2025"),
    ("BP-UBND", "Phó Chủ tịch", "Có", "070182000002", "01/07/2021", "01/07/2025"),
    ("BP-SNV", "Giám đốc", "Có", "070179000003", "15/03/2022", "01/07/2025"),
    ("BP-DX", "Chủ tịch", "Có", "070175000004", "01/07/2021", "01/07/2025"),
    ("BP-DX", "Phó Chủ tịch", "Có", "070177000005", "01/07/2021", "01/07/2025"),
    ("BP-BGM", "Chủ tịch", "Có", "070183000007", "01/07/2021", "01/07/2025"),
    ("BP-BGM", "Phó Chủ tịch", "Có", "070181000006", "01/07/2021", "01/07/2025"),
    ("BP-DX-TP", "Chủ tịch", "Có", "070178000008", "01/07/2021", "01/04/2025"),
    ("BP-DX-TP", "Chủ tịch", "Có", "070185000103", "01/04/2025", "01/07/2025"),
    ("BP-BGM-DO", "Chủ tịch", "Có", "070176000009", "01/07/2021", "01/07/2025"),
    ("BP-BGM-DO", "Phó Chủ tịch", "Có", THAO_ID, "01/01/2023", "01/07/2025"),
    ("DN-UBND", "Chủ tịch", "Có", "075174000011", "01/07/2025", ""),
    ("DN-UBND", "Phó Chủ tịch", "Có", "070182000002", "01/07/2025", ""),
    ("DN-SNV", "Giám đốc", "Có", "075177000013", "01/07/2025", ""),
    ("DN-SNV", "Phó Giám đốc", "Không", "075180000012", "01/07/2025", ""),
    ("DN-PDX", "Chủ tịch", "Có", "075182000014", "01/07/2025", ""),
    ("DN-DO", "Chủ tịch", "Có", "075179000015", "01/07/2025", ""),
    ("DN-DO", "Phó Chủ tịch", "Có", THAO_ID, "01/07/2025", ""),
]

# (person id, unit, target post, target level, term, in, out)
POOL = [
    ("070186000101", "BP-SNV", "Phó Giám đốc Sở", "Cấp tỉnh", "2026-2031", "01/03/2024", ""),
    ("070187000102", "BP-DX", "Phó Chủ tịch UBND", "Cấp huyện", "2026-2031", "01/03/2024", ""),
    (THAO_ID, "BP-BGM-DO", "Chủ tịch UBND", "Cấp xã", "2026-2031", "01/03/2024", ""),
    ("070185000103", "BP-UBND", "Phó Chánh Văn phòng", "Cấp tỉnh", "2026-2031", "01/03/2024", ""),
    ("070184000104", "BP-SNV", "Phó Giám đốc Sở", "Cấp tỉnh", "2026-2031", "01/03/2024", ""),
    ("070183000105", "BP-DX", "Phó Chủ tịch UBND", "Cấp huyện", "2026-2031", "01/03/2024", ""),
    ("070186000106", "BP-DX-TP", "Chủ tịch UBND", "Cấp xã", "2026-2031", "01/03/2024", ""),
    ("070185000107", "BP-BGM", "Phó Chủ tịch UBND", "Cấp huyện", "2026-2031", "01/03/2024", ""),
    ("070184000108", "BP-BGM-DO", "Phó Chủ tịch UBND", "Cấp xã", "2026-2031", "01/03/2024", ""),
    ("070182000109", "BP-UBND", "Phó Giám đốc Sở", "Cấp tỉnh", "2026-2031", "01/03/2024", "31/12/2025"),
    ("075187000110", "DN-SNV", "Phó Giám đốc Sở", "Cấp tỉnh", "2026-2031", "15/07/2025", ""),
    ("075189000111", "DN-PDX", "Chủ tịch UBND", "Cấp xã", "2026-2031", "15/07/2025", ""),
    ("075186000112", "DN-UBND", "Phó Chánh Văn phòng", "Cấp tỉnh", "2026-2031", "15/07/2025", ""),
    ("075184000113", "DN-UBND", "Phó Giám đốc Sở", "Cấp tỉnh", "2026-2031", "15/07/2025", ""),
    ("075181000114", "DN-OLD", "Phó Giám đốc Sở", "Cấp tỉnh", "2021-2026", "01/06/2023", ""),
]

# (person id, unit, title, provider, completed on, certificate)
TRAINING = [
    ("070186000101", "BP-SNV", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ", "Trường Chính trị tỉnh", "15/10/2024", "TCT-2024-101"),
    ("070187000102", "BP-DX", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ", "Trường Chính trị tỉnh", "20/05/2025", "TCT-2025-102"),
    (THAO_ID, "BP-BGM-DO", "Lồng ghép giới trong hoạch định chính sách", "Học viện Phụ nữ Việt Nam", "10/09/2025", "HVPN-2025-022"),
    ("075187000110", "DN-SNV", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ", "Trường Chính trị tỉnh", "10/03/2026", "TCT-2026-110"),
    ("075186000112", "DN-UBND", "Kỹ năng thuyết trình và đàm phán", "Học viện Hành chính Quốc gia", "05/05/2026", "HCQG-2026-112"),
    ("075181000114", "DN-OLD", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ", "Trường Chính trị tỉnh Đồng Nai", "01/08/2024", "DN-2024-114"),
]


def _person_columns(national_id):
    name, gender, birth_year, ethnicity = PEOPLE[national_id]
    return {"Họ và tên": name, "Giới tính": gender, "Năm sinh": birth_year, "Dân tộc": ethnicity, "Mã định danh": national_id}


def holding_rows():
    return [
        {"Mã đơn vị": unit, "Chức danh": post, "Lãnh đạo chủ chốt": key, **_person_columns(pid),
         "Giữ chức từ ngày": start, "Thôi giữ chức từ ngày": end}
        for unit, post, key, pid, start, end in HOLDINGS
    ]


def pool_rows():
    return [
        {**_person_columns(pid), "Mã đơn vị": unit, "Chức vụ hiện tại": "", "Chức danh quy hoạch": post,
         "Cấp quy hoạch": level, "Nhiệm kỳ": term, "Ngày vào quy hoạch": start, "Ngày ra khỏi quy hoạch": end}
        for pid, unit, post, level, term, start, end in POOL
    ]


def training_rows():
    return [
        {"Họ và tên": PEOPLE[pid][0], "Năm sinh": PEOPLE[pid][2], "Mã định danh": pid, "Mã đơn vị": unit,
         "Nội dung đào tạo": title, "Đơn vị đào tạo": provider, "Ngày hoàn thành": day, "Số chứng chỉ": cert}
        for pid, unit, title, provider, day, cert in TRAINING
    ]


def demo_spreadsheets():
    """{file name: XLSX bytes} of the demo posts, planning pool and training, to import in order."""
    from campaigns.programme.exporters import template_xlsx

    return {
        "chuc-danh.xlsx": template_xlsx("posts", holding_rows()),
        "quy-hoach.xlsx": template_xlsx("pool", pool_rows()),
        "dao-tao.xlsx": template_xlsx("training", training_rows()),
    }


def _unit(code, parent, name, level, unit_type, is_state, valid_from, valid_to, minority):
    fields = dict(
        name=name, level=level, unit_type=unit_type, is_state_agency=is_state, valid_from=valid_from,
        valid_to=valid_to, is_ethnic_minority_area=bool(minority and float(minority) >= 15),
        minority_population_share=minority,
    )
    existing = OrganisationUnit.objects.filter(code=code).first()
    if existing:
        OrganisationUnit.objects.filter(pk=existing.pk).update(**fields)
        return OrganisationUnit.objects.get(pk=existing.pk)
    if parent is None:
        return OrganisationUnit.add_root(code=code, **fields)
    return OrganisationUnit.objects.get(pk=parent.pk).add_child(code=code, **fields)


def load_units_and_plans(users):
    """The units, their merger links, Plan 347's targets and the demo trainee's person record."""
    units = {}
    for code, parent_code, *rest in UNITS:
        units[code] = _unit(code, units.get(parent_code), *rest)
    for successor, predecessors in MERGES.items():
        units[successor].predecessors.add(*(units[c] for c in predecessors))
    plan, _ = Plan.objects.update_or_create(number=PLAN_347["number"], defaults={**PLAN_347, "scope_unit": units["BP"]})
    for indicator, year, percent, proportional, note in TARGETS_347:
        PlanTarget.objects.update_or_create(
            plan=plan, indicator=indicator, year=year, sector="",
            defaults={"percent": Decimal(percent), "proportional": proportional, "note": note},
        )
    trainee = users.get("Học viên")
    if trainee is not None:
        Person.objects.update_or_create(
            user=trainee,
            defaults=dict(full_name="Điểu Thị Thảo", gender=Gender.FEMALE, birth_year=1988, ethnicity="22",
                          unit=units["DN-DO"], position="Phó Chủ tịch Ủy ban nhân dân xã", national_id=THAO_ID),
        )
    return units


def load(users):
    """Create or update everything above; rerunnable (imports are upserts by natural key)."""
    units = load_units_and_plans(users)
    import_rows(kind="posts", rows=holding_rows())
    import_rows(kind="pool", rows=pool_rows())
    import_rows(kind="training", rows=training_rows())
    return units
