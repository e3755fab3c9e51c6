"""The certificate PDF (ReportLab) in Vietnamese, with its verification QR code.

The font is DejaVu Sans 2.37 from Debian's fonts-dejavu-core package, shipped in fonts/
with its licence: ReportLab's built-in fonts have no Vietnamese glyphs, DejaVu Sans covers
every precomposed Vietnamese letter (ắ, ệ, ở, ự, đ …), and it is embedded as a subset so
the PDF's text can be extracted and searched."""

import io
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from config.formats.times import hours_label
from config.links import absolute_reverse

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _register_fonts():
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))


def verification_url(certificate):
    return absolute_reverse("training:verify", args=[certificate.code])


def _centred(pdf, text, y, *, font=REGULAR, size=14, width):
    pdf.setFont(font, size)
    pdf.drawCentredString(width / 2, y, text)


def render_pdf(certificate):
    """The certificate as PDF bytes, always in Vietnamese (the official language)."""
    _register_fonts()
    registration = certificate.registration
    person, run = registration.person, registration.run
    width, height = landscape(A4)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    with translation.override("vi"):
        pdf.setTitle(_("Giấy chứng nhận hoàn thành khóa học"))
        pdf.setAuthor(settings.WAGTAIL_SITE_NAME)
        pdf.setLineWidth(3)
        pdf.rect(28, 28, width - 56, height - 56)
        _centred(pdf, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), height - 80, font=BOLD, size=13, width=width)
        _centred(pdf, _("Độc lập – Tự do – Hạnh phúc"), height - 98, size=12, width=width)
        _centred(pdf, _("GIẤY CHỨNG NHẬN"), height - 160, font=BOLD, size=30, width=width)
        _centred(pdf, _("Hoàn thành khóa bồi dưỡng"), height - 190, size=15, width=width)
        _centred(pdf, _("Chứng nhận Ông/Bà:"), height - 235, size=14, width=width)
        _centred(pdf, person.full_name, height - 268, font=BOLD, size=24, width=width)
        _centred(pdf, _("đã hoàn thành khóa học"), height - 300, size=14, width=width)
        _centred(pdf, run.course.title, height - 328, font=BOLD, size=15, width=width)
        details = _("Lớp: %(run)s · Thời lượng: %(hours)s · Ngày hoàn thành: %(date)s") % {
            "run": run.title, "hours": hours_label(run.course.hours), "date": certificate.issued_on.strftime("%d/%m/%Y"),
        }
        _centred(pdf, details, height - 356, size=12, width=width)
        if run.course.organiser_unit:
            _centred(pdf, _("Đơn vị tổ chức: %(unit)s") % {"unit": run.course.organiser_unit.name}, height - 378, size=12, width=width)
        url = verification_url(certificate)
        pdf.setFont(REGULAR, 10)
        pdf.drawString(60, 90, _("Mã xác minh: %(code)s") % {"code": certificate.code})
        pdf.drawString(60, 74, _("Kiểm tra tại: %(url)s") % {"url": url})
        widget = QrCodeWidget(url)
        x0, y0, x1, y1 = widget.getBounds()
        size = 100
        drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
        drawing.add(widget)
        renderPDF.draw(drawing, pdf, width - 60 - size, 50)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
