"""Turn an uploaded XLSX or CSV into rows of raw cell values, refusing what is not a clean
table: a file too large or unreadable, a missing sheet or column, a formula cell.

Limits come before parsing: an XLSX is a zip, and a 200 KB one can unpack to 70 MB of XML
holding 1.5 million rows. Its members' unpacked sizes (from the zip's directory; zipfile
never reads past them) and each sheet's declared dimension are checked first, then the rows
are counted as they stream, in case a sheet's dimension lies."""

import csv
import io
import re
import zipfile
import zlib

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# <dimension ref="A1:L50001"/> near the top of each sheet's XML (any namespace prefix).
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})\$?(\d+))?"')


class ImportRejected(Exception):
    """Nothing was imported; `errors` lists why, each with its row and column when known."""

    def __init__(self, errors):
        super().__init__("; ".join(e["message"] for e in errors))
        self.errors = errors


def max_bytes():
    return getattr(settings, "PROGRAMME_IMPORT_MAX_BYTES", 20 * 1024 * 1024)


def max_unpacked_bytes():
    return getattr(settings, "PROGRAMME_IMPORT_MAX_UNPACKED_BYTES", 64 * 1024 * 1024)


def max_rows():
    return getattr(settings, "PROGRAMME_IMPORT_MAX_ROWS", 100_000)


def max_columns():
    return getattr(settings, "PROGRAMME_IMPORT_MAX_COLUMNS", 50)


def error(message, row=None, column=""):
    return {"row": row, "column": column, "message": message}


def _n(value):
    return number_format(value, force_grouping=True)


def _too_many_rows(rows):
    return ImportRejected([error(_("Tệp có %(rows)s dòng, quá giới hạn %(limit)s dòng; hãy chia thành nhiều tệp.")
                                 % {"rows": _n(rows), "limit": _n(max_rows())})])


def _too_many_columns(columns):
    return ImportRejected([error(_("Tệp có %(cols)s cột, quá giới hạn %(limit)s cột; hãy dùng tệp mẫu.")
                                 % {"cols": _n(columns), "limit": _n(max_columns())})])


def _column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def check_xlsx_limits(fileobj):
    """Refuse an XLSX whose members unpack past the limit or whose sheets declare more rows
    or columns than allowed, reading only the zip's directory and the first bytes of each
    sheet. Leaves the file at its start."""
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise ImportRejected(
            [error(_("Tệp không phải là tệp Excel (.xlsx) hợp lệ: %(exc)s") % {"exc": exc.__class__.__name__})])
    with archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        if unpacked > max_unpacked_bytes():
            mb = 1024 * 1024
            raise ImportRejected([error(
                _("Tệp Excel khi giải nén lớn %(size)s MB, quá giới hạn %(limit)s MB; hãy chia thành nhiều tệp.")
                % {"size": _n(unpacked // mb), "limit": _n(max_unpacked_bytes() // mb)})])
        for member in members:
            if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
                continue
            try:
                with archive.open(member) as sheet:
                    head = sheet.read(64 * 1024)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError) as exc:
                raise ImportRejected([error(_("Tệp Excel bị hỏng: %(exc)s") % {"exc": exc.__class__.__name__})])
            found = _DIMENSION.search(head)
            if found:
                last_column, last_row = (part.decode() if part else "" for part in
                                         (found.group(3) or found.group(1), found.group(4) or found.group(2)))
                if last_row and int(last_row) > max_rows() + 1:
                    raise _too_many_rows(int(last_row) - 1)
                if last_column and _column_number(last_column) > max_columns():
                    raise _too_many_columns(_column_number(last_column))
    fileobj.seek(0)


def _bounded(rows):
    """The rows, refused as they stream past the row or column limit (a sheet's declared
    dimension may lie; a CSV declares none)."""
    for number, cells in rows:
        if number > max_rows() + 1:
            raise _too_many_rows(number - 1)
        if len(cells) > max_columns() and any(c not in (None, "") for c in cells[max_columns():]):
            raise _too_many_columns(len(cells))
        yield number, cells


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
    rows = _bounded(rows)
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
    lines = decoded.count("\n")
    if lines > max_rows() + 1:
        raise _too_many_rows(lines - 1)
    sample = decoded[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter)

    def rows():
        number = 0
        try:
            for number, cells in enumerate(reader, start=1):
                if any(c.strip() for c in cells):
                    yield number, cells
        except csv.Error:
            raise ImportRejected([error(_("Tệp CSV bị lỗi định dạng, không đọc được từ dòng %(row)s. Hãy lưu lại tệp "
                                          "dưới dạng CSV UTF-8 hoặc dùng tệp mẫu.") % {"row": number + 1})]) from None

    return rows(), decoded.count("\n")


def _read_xlsx(fileobj, spec):
    from openpyxl import load_workbook

    check_xlsx_limits(fileobj)
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
                if number > max_rows() + 1:  # blank rows count too: they cost as much to read
                    raise _too_many_rows(number - 1)
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

    declared = sheet.max_row  # the estimate the progress bar shows
    # openpyxl stops at the declared dimension; a wrong one (some writers leave "A1") would
    # drop rows silently. Read what is there; _bounded keeps that within the limits.
    sheet.reset_dimensions()
    return rows(), declared
