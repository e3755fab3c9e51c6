"""The results as spreadsheets: one XLSX workbook with a sheet per table, or one table as
CSV. Every cell goes through the formula-safe writer (campaigns/spreadsheets.py): page
titles, paths, link addresses and message names are text someone else typed."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from campaigns.spreadsheets import CSV_TYPE, XLSX_TYPE, csv_bytes, xlsx_append

TABLES = ("funnel", "runs", "daily", "pages", "messages", "outcome")


def table_titles():
    return [("funnel", _("Phễu")), ("runs", _("Theo lớp học")), ("daily", _("Theo ngày")), ("pages", _("Trang xem nhiều")),
            ("messages", _("Tin nhắn")), ("outcome", _("Chỉ tiêu"))]


def _pct(value):
    return float(value) if value is not None else None


def tables(results):
    """{code: (sheet title, headers, rows)} of `results` (a results.Results)."""
    funnel = [[s["label"], s["value"], s["rate"]] for s in results.funnel]
    runs = [[f"{r.run.course.title} – {r.run.title}", r.visits, r.registrations, r.confirmed, r.attended, r.completed,
             r.certificates] for r in results.runs]
    daily = [[d.strftime("%d/%m/%Y"), v, visits, regs] for d, v, visits, regs in results.daily]
    pages = [[p["title"], p["path"], p["views"]] for p in results.top_pages]
    messages = [
        [m.label, m.ref, m.sent_on.strftime("%d/%m/%Y") if m.sent_on else "", m.recipients, m.delivered, m.failed,
         m.unsubscribed, m.clicks, "; ".join(f"{link['url']} ({link['clicks']})" for link in m.links)]
        for m in results.messages
    ]
    outcome = [
        [r.unit.name, r.label,
         _pct(r.start.value) if r.start else None, r.start.as_of.strftime("%d/%m/%Y") if r.start else "",
         _pct(r.end.value) if r.end else None, r.end.as_of.strftime("%d/%m/%Y") if r.end else "",
         _pct(r.change), _pct(r.goal.target) if r.goal else None, r.goal.note if r.goal else ""]
        for r in results.outcome
    ]
    return {
        "funnel": (_("Phễu"), [_("Bước"), _("Số lượng"), _("Tỷ lệ so với bước trước (%)")], funnel),
        "runs": (_("Theo lớp học"), [_("Lớp học"), _("Lượt truy cập"), _("Đăng ký"), _("Được xác nhận"), _("Có tham dự"),
                                     _("Hoàn thành"), _("Được cấp chứng nhận")], runs),
        "daily": (_("Theo ngày"), [_("Ngày"), _("Lượt xem"), _("Lượt truy cập từ chiến dịch"), _("Đăng ký")], daily),
        "pages": (_("Trang xem nhiều"), [_("Trang"), _("Đường dẫn"), _("Lượt xem")], pages),
        "messages": (_("Tin nhắn"), [_("Tin nhắn"), _("Mã"), _("Ngày gửi"), _("Người nhận"), _("Đã gửi"), _("Thất bại"),
                                     _("Hủy nhận"), _("Lượt nhấp"), _("Lượt nhấp theo đường dẫn")], messages),
        "outcome": (_("Chỉ tiêu"), [_("Đơn vị"), _("Chỉ tiêu"), _("Đầu kỳ (%)"), _("Ngày đầu kỳ"), _("Cuối kỳ (%)"),
                                    _("Ngày cuối kỳ"), _("Thay đổi (điểm %)"), _("Mục tiêu (%)"), _("Ghi chú mục tiêu")], outcome),
    }


def xlsx_bytes(results):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in tables(results).values():
        sheet = workbook.create_sheet(title[:31])
        xlsx_append(sheet, headers)
        for row in rows:
            xlsx_append(sheet, row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export(results, fmt, table):
    """(body, content type, extension)."""
    if fmt == "csv":
        _title, headers, rows = tables(results)[table if table in TABLES else "daily"]
        return csv_bytes(headers, rows), CSV_TYPE, "csv"
    return xlsx_bytes(results), XLSX_TYPE, "xlsx"
