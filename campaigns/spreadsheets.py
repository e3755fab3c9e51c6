"""The one formula-safe writer for every table that leaves the system as CSV or XLSX: the
programme's exports, the personal-data downloads, and every Wagtail listing export (training
registrations, the delivery ledger, newsletter subscribers, Wagtail's own reports and form
submissions, and any viewset added later: install() wraps Wagtail's export mixin once).

A text cell starting with = + - @ (or a tab, carriage return or line feed, which some
spreadsheets skip before reading a formula) would be run as a formula by Excel, LibreOffice
or Google Sheets — `=HYPERLINK(...)`, `+1+cmd|...`, `@SUM(...)`, `-2+3` from a trainee's name
or position. Such text is written with a leading apostrophe, so it shows as typed and never
runs. Numbers, dates and booleans are written as they are (a negative number is a number)."""

import csv
import io

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def formula_safe(value):
    """`value` as a spreadsheet cell that cannot run: text starting a formula is prefixed."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(headers, rows):
    """CSV with a BOM (so Excel reads Vietnamese), every cell formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([formula_safe(h) for h in headers])
    for row in rows:
        writer.writerow([formula_safe("" if v is None else v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_append(sheet, row):
    """Append a row of formula-safe cells to an openpyxl sheet."""
    sheet.append([formula_safe(v) for v in row])


_installed = False


def install():
    """Make every Wagtail spreadsheet export formula-safe (CSV and XLSX): each value goes
    through formula_safe after the view's own preprocessing. Idempotent."""
    global _installed
    if _installed:
        return
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        return formula_safe(original(self, field, value, export_format))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    _installed = True
