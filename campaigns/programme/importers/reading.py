"""Turn an uploaded XLSX or CSV into rows of raw cell values, refusing what is not a clean
table: a file too large or unreadable, a missing sheet or column, a formula cell."""

import csv
import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _


class ImportRejected(Exception):
    """Nothing was imported; `errors` lists why, each with its row and column when known."""

    def __init__(self, errors):
        super().__init__("; ".join(e["message"] for e in errors))
        self.errors = errors


def max_bytes():
    return getattr(settings, "PROGRAMME_IMPORT_MAX_BYTES", 20 * 1024 * 1024)


def error(message, row=None, column=""):
    return {"row": row, "column": column, "message": message}


def read_table(fileobj, *, name, spec):
    """Return (header, rows, estimated row count) where rows are (row number, [cells]) in
    spreadsheet numbering; the header is the first non-empty row."""
    size = getattr(fileobj, "size", None)
    if size is None:
        fileobj.seek(0, io.SEEK_END)
        size = fileobj.tell()
    fileobj.seek(0)
    if size > max_bytes():
        limit = max_bytes() // (1024 * 1024)
        raise ImportRejected([error(_("Tệp quá lớn (tối đa %(mb)s MB).") % {"mb": limit})])
    lower = name.lower()
    if lower.endswith(".csv"):
        rows, total = _read_csv(fileobj)
    elif lower.endswith(".xlsx"):
        rows, total = _read_xlsx(fileobj, spec)
    else:
        raise ImportRejected([error(_("Chỉ nhận tệp .xlsx hoặc .csv."))])
    try:
        header = next(rows)
    except StopIteration:
        raise ImportRejected([error(_("Tệp không có dữ liệu."))])
    _check_header(header, spec)
    return header, rows, max(0, (total or 0) - 1)


def _check_header(header, spec):
    names = [str(h).strip() if h is not None else "" for h in header[1]]
    missing = [c.header for c in spec.columns if c.header not in names]
    if missing:
        raise ImportRejected(
            [error(_("Thiếu cột: %(cols)s. Hãy dùng tệp mẫu.") % {"cols": ", ".join(missing)}, row=header[0])]
        )


def _read_csv(fileobj):
    raw = fileobj.read()
    try:
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRejected([error(_("Tệp CSV phải được mã hóa UTF-8."))])
    sample = decoded[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(decoded), delimiter=delimiter)

    def rows():
        for number, cells in enumerate(reader, start=1):
            if any(c.strip() for c in cells):
                yield number, cells

    return rows(), decoded.count("\n")


def _read_xlsx(fileobj, spec):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ImportRejected(
            [error(_("Tệp không phải là tệp Excel (.xlsx) hợp lệ: %(exc)s") % {"exc": exc.__class__.__name__})]
        )
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise ImportRejected([error(_("Tệp Excel bị hỏng: %(exc)s") % {"exc": exc.__class__.__name__})])
    if spec.sheet in workbook.sheetnames:
        sheet = workbook[spec.sheet]
    elif len(workbook.sheetnames) == 1:
        sheet = workbook[workbook.sheetnames[0]]
    else:
        raise ImportRejected([error(_("Không có trang tính “%(sheet)s”. Hãy dùng tệp mẫu.") % {"sheet": spec.sheet})])

    def rows():
        try:
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                values = []
                for cell in cells:
                    if getattr(cell, "data_type", None) == "f":
                        column = getattr(cell, "column_letter", "")
                        raise ImportRejected(
                            [
                                error(
                                    _("Ô %(cell)s chứa công thức; hãy dán giá trị.") % {"cell": f"{column}{number}"},
                                    row=number,
                                    column=column,
                                )
                            ]
                        )
                    values.append(cell.value)
                if any(v is not None and str(v).strip() for v in values):
                    yield number, values
        except ImportRejected:
            raise
        except Exception as exc:
            raise ImportRejected([error(_("Tệp Excel bị hỏng: %(exc)s") % {"exc": exc.__class__.__name__})])
        finally:
            workbook.close()

    return rows(), sheet.max_row
