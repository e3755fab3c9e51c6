"""Import units, posts and holdings, the planning pool and external training from XLSX or
CSV. All or nothing: every row is checked first and the whole file is written in one
transaction, or nothing is written and the error report names each row and column.

    summary = import_file(kind="pool", fileobj=f, name="quy-hoach.xlsx", dry_run=True)
"""

from django.db import transaction
from django.utils.translation import gettext as _

from .cells import CellError
from .kinds import SPECS
from .reading import ImportRejected, error, read_table

__all__ = ["SPECS", "ImportRejected", "import_file", "import_rows"]

MAX_ERRORS = 500
PROGRESS_EVERY = 1000


def _spec(kind):
    try:
        return SPECS[kind]
    except KeyError:
        raise ImportRejected([error(_("Không có loại dữ liệu “%(kind)s”.") % {"kind": kind})])


def parse_rows(spec, numbered_cells, positions, progress=None):
    """Parse every row; returns [(row number, dict)] or raises ImportRejected with every error."""
    errors, rows, seen = [], [], {}
    for count, (number, values) in enumerate(numbered_cells, start=1):
        row, row_errors = {}, []
        for column in spec.columns:
            index = positions[column.header]
            raw = values[index] if index < len(values) else None
            try:
                row[column.key] = column.parse(raw)
            except CellError as exc:
                row_errors.append(error(str(exc), number, column.header))
        if not row_errors:
            for check in spec.checks:
                problem = check(row)
                if problem:
                    row_errors.append(error(problem[1], number, problem[0]))
        if not row_errors:
            key = spec.key(row)
            if key in seen:
                row_errors.append(
                    error(_("Trùng với dòng %(row)s.") % {"row": seen[key]}, number, spec.columns[0].header)
                )
            else:
                seen[key] = number
        errors.extend(row_errors)
        rows.append((number, row))
        if progress and count % PROGRESS_EVERY == 0:
            progress(count)
        if len(errors) >= MAX_ERRORS:
            errors.append(error(_("Dừng kiểm tra sau %(n)s lỗi.") % {"n": MAX_ERRORS}))
            break
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([error(_("Tệp không có dòng dữ liệu nào."))])
    if progress:
        progress(len(rows))
    return rows


def _write(spec, rows, dry_run, on_written=None):
    with transaction.atomic():
        summary = spec.write(rows)
        summary["rows"] = len(rows)
        if dry_run:
            transaction.set_rollback(True)
        elif on_written is not None:
            on_written(summary)  # in the same transaction: an exception there rolls it all back
    return summary


def import_file(*, kind, fileobj, name, dry_run=True, progress=None, on_total=None, on_written=None):
    """Check (and unless `dry_run`, import) the file; returns a summary dict with rows,
    created and updated counts. Raises ImportRejected (nothing written) on any error.
    `on_total(n)` receives the estimated row count, `progress(n)` the rows checked so far,
    `on_written(summary)` runs inside the import's transaction before it commits."""
    spec = _spec(kind)
    header, numbered, total = read_table(fileobj, name=name, spec=spec)
    if on_total:
        on_total(total)
    names = [str(h).strip() if h is not None else "" for h in header[1]]
    positions = {c.header: names.index(c.header) for c in spec.columns}
    rows = parse_rows(spec, numbered, positions, progress)
    return _write(spec, rows, dry_run, on_written)


def import_rows(*, kind, rows, dry_run=False):
    """Import rows given as dicts keyed by column header (used by the demo loader)."""
    spec = _spec(kind)
    positions = {c.header: i for i, c in enumerate(spec.columns)}
    numbered = [(n, [r.get(c.header) for c in spec.columns]) for n, r in enumerate(rows, start=2)]
    return _write(spec, parse_rows(spec, numbered, positions), dry_run)
