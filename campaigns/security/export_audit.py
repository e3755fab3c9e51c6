"""Every file staff download from the admin or the API (an export of registrations, a
report, the programme's spreadsheet for the national database) is written to the personal-
data audit log, whichever area's view produced it: the middleware sees the attachment
leave. Views that audit their own downloads mark the response so it is not logged twice."""

import io
import re

from django.conf import settings
from django.utils.translation import gettext as _

from config.hot import header

from .audit import record_export
from .models import ExportKind

AUDITED_ATTRIBUTE = "_personal_data_audited"
ETHNICITY_HEADINGS = re.compile(r"dân tộc|ethnicity|ethnic", re.IGNORECASE)
_FILENAME = re.compile(r'filename\*?=(?:UTF-8\'\')?"?([^";]+)"?')


def mark_audited(response):
    setattr(response, AUDITED_ATTRIBUTE, True)
    return response


def _summary(response, extension):
    """(data rows, whether a heading names ethnicity) of a CSV or XLSX body; (0, False)
    for anything else or a streamed body."""
    if getattr(response, "streaming", False):
        return 0, False
    return _summary_of(response.content, extension)


def _summary_of(body, extension):
    if extension == "csv":
        text = body.decode("utf-8-sig", errors="replace")
        lines = [line for line in text.splitlines() if line.strip()]
        return max(len(lines) - 1, 0), bool(lines and ETHNICITY_HEADINGS.search(lines[0]))
    if extension == "xlsx":
        try:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(body), read_only=True)
            rows, ethnicity = 0, False
            for sheet in book.worksheets:
                first = next(sheet.iter_rows(max_row=1, values_only=True), ())
                ethnicity = ethnicity or any(ETHNICITY_HEADINGS.search(str(v)) for v in first if v)
                if sheet.max_row is not None:
                    rows += max(sheet.max_row - 1, 0)
                else:  # written without its dimensions (openpyxl's write-only mode): count
                    rows += sum(1 for _row in sheet.iter_rows(min_row=2, values_only=True))
            return rows, ethnicity
        except Exception:  # a broken workbook is still an export that happened
            return 0, False
    return 0, False


class ExportAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        disposition = header(response, "content-disposition") or ""
        if (
            response.status_code == 200
            and "attachment" in disposition
            and not getattr(response, AUDITED_ATTRIBUTE, False)
            and request.path_info.startswith(tuple(settings.EXPORT_AUDIT_PREFIXES))
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            match = _FILENAME.search(disposition)
            filename = match.group(1) if match else request.path_info
            extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""

            def audit(rows, ethnicity):
                record_export(
                    request=request,
                    kind=ExportKind.STAFF_EXPORT,
                    description=_("Tải tệp %(file)s từ %(path)s") % {"file": filename, "path": request.path_info},
                    file_format=extension,
                    record_count=rows,
                    includes_ethnicity=ethnicity,
                )

            if getattr(response, "streaming", False) and extension == "xlsx":
                # A workbook (Wagtail's listings send it as a FileResponse) is built in memory
                # anyway: read it once to count its rows, then send the same bytes.
                body = b"".join(response.streaming_content)
                response.streaming_content = [body]
                audit(*_summary_of(body, extension))
            elif getattr(response, "streaming", False):
                response.streaming_content = _counted(response.streaming_content, audit)
            else:
                audit(*_summary(response, extension))
        return response


def _counted(chunks, audit):
    """Pass a streamed CSV through, counting its lines; audit once it has been sent."""
    lines, header = 0, None
    try:
        for chunk in chunks:
            data = chunk.encode() if isinstance(chunk, str) else chunk
            if header is None:
                header = data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
            lines += data.count(b"\n")
            yield chunk
    finally:
        audit(max(lines - 1, 0), bool(header and ETHNICITY_HEADINGS.search(header)))
