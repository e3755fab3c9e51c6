"""Exports never carry a formula a spreadsheet would run; dates are dd/mm/yyyy."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from campaigns.programme.exporters import export_table


def test_text_that_looks_like_a_formula_is_neutralised_in_csv_and_xlsx():
    rows = [['=HYPERLINK("http://x")', datetime.date(2025, 4, 5), Decimal("66.7"), "-1+2", "Nguyễn Thị Lan"]]
    csv, content_type, ext = export_table(title="t", headers=["a", "b", "c", "d", "e"], rows=rows, fmt="csv")
    line = csv.decode("utf-8-sig").splitlines()[1]
    assert ext == "csv" and content_type.startswith("text/csv")
    assert line.startswith("\"'=HYPERLINK") and ",05/04/2025,66.7,'-1+2,Nguyễn Thị Lan" in line
    xlsx, _type, _ext = export_table(title="t", headers=["a", "b", "c", "d", "e"], rows=rows, fmt="xlsx")
    sheet = load_workbook(io.BytesIO(xlsx)).active
    cells = [c.value for c in sheet[2]]
    assert cells[0].startswith("'=") and sheet.cell(row=2, column=1).data_type == "s" and cells[2] == 66.7
