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


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def zip_bomb(rows=1_500_000, *, kind="pool", dimension=None):
    """A small XLSX that unpacks to a huge sheet: the template's header, then `rows` rows of
    one blank cell each, all alike (1.5 million rows: about 70 MB of XML in about 200 KB). `dimension`
    is the range the sheet declares (default: the true one); a lie tests the streaming bound."""
    import zipfile
    from xml.sax.saxutils import escape

    spec = SPECS[kind]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK.format(sheet=escape(spec.sheet)))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        last_column = chr(ord("A") + len(spec.columns) - 1)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                        + f'<dimension ref="{dimension or f"A1:{last_column}{rows + 1}"}"/><sheetData>'.encode())
            header = "".join(f'<c r="{chr(ord("A") + i)}1" t="inlineStr"><is><t>{escape(c.header)}</t></is></c>'
                             for i, c in enumerate(spec.columns))
            sheet.write(f'<row r="1">{header}</row>'.encode())
            row = b'<row><c t="inlineStr"><is><t> </t></is></c></row>'  # blank; r= is optional: all alike
            for done in range(0, rows, 10_000):
                sheet.write(row * min(10_000, rows - done))
            sheet.write(b"</sheetData></worksheet>")
    out.seek(0)
    return out
