"""XLSX and CSV out: import templates (from the import specs, so they never drift) and any
table (indicators, breakdowns, lists) for reporting upward. CSV carries a BOM so Excel reads
Vietnamese correctly; dates are written dd/mm/yyyy."""

import datetime
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from campaigns.spreadsheets import CSV_TYPE, XLSX_TYPE, csv_bytes, formula_safe

from .importers.kinds import SPECS


def _cell(value):
    """A value as written to a sheet: dates dd/mm/yyyy, and text that a spreadsheet would run
    as a formula made safe by the project's one writer (campaigns.spreadsheets)."""
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return float(value)
    return "" if value is None else formula_safe(value)


def template_xlsx(kind, rows=()):
    """The import template of `kind`: its sheet with the header row (and `rows`, dicts keyed
    by header, if given), plus a sheet explaining each column with an example."""
    spec = SPECS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.sheet
    sheet.append([c.header for c in spec.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(row.get(c.header)) for c in spec.columns])
    for index, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(14, len(column.header) + 4)
    guide = workbook.create_sheet(_("Hướng dẫn"))
    guide.append([_("Cột"), _("Ví dụ"), _("Ghi chú")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in spec.columns:
        guide.append([column.header, column.example, column.note])
    guide.append([])
    guide.append(
        [_("Ngày ghi theo dạng dd/mm/yyyy. Không dùng công thức. Mỗi dòng là một bản ghi; dòng trùng sẽ bị từ chối.")]
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_xlsx(title, headers, rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headers)
    for row in rows:
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_csv(headers, rows):
    return csv_bytes(headers, ([_cell(v) for v in row] for row in rows))


def export_table(*, title, headers, rows, fmt):
    """(bytes, content type, file extension) for the table in `fmt` ("xlsx" or "csv")."""
    if fmt == "csv":
        return table_csv(headers, rows), CSV_TYPE, "csv"
    return table_xlsx(title, headers, rows), XLSX_TYPE, "xlsx"
