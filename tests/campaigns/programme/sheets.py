"""Build spreadsheets for import tests."""

import io

from openpyxl import Workbook

from campaigns.programme.importers import SPECS


def xlsx(kind, rows, *, sheet=None, extra_sheets=()):
    """An XLSX of `kind` whose data rows are lists of cell values (in the spec's column order)
    or dicts keyed by header."""
    spec = SPECS[kind]
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet or spec.sheet
    ws.append([c.header for c in spec.columns])
    for row in rows:
        ws.append([row.get(c.header) for c in spec.columns] if isinstance(row, dict) else row)
    for name in extra_sheets:
        workbook.create_sheet(name)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def pool_row(**overrides):
    row = {
        "Họ và tên": "Nguyễn Thị Lan",
        "Giới tính": "Nữ",
        "Năm sinh": 1985,
        "Dân tộc": "Kinh",
        "Mã định danh": "079185000001",
        "Mã đơn vị": "P",
        "Chức vụ hiện tại": "Trưởng phòng",
        "Chức danh quy hoạch": "Phó Giám đốc Sở",
        "Cấp quy hoạch": "Cấp tỉnh",
        "Nhiệm kỳ": "2026-2031",
        "Ngày vào quy hoạch": "15/03/2024",
        "Ngày ra khỏi quy hoạch": "",
    }
    row.update(overrides)
    return row
