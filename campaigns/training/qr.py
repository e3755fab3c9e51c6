"""QR codes (segno): a trainee's personal check-in code and a certificate's verification URL.

Always a standard QR code (segno.make_qr): segno.make() picks the smaller Micro QR for short
data such as "WLP:K7PX2M9Q", which phone cameras and most scanners cannot read."""

import io

import segno


def checkin_payload(registration):
    return f"WLP:{registration.code}"


def png(data, *, scale=8):
    buffer = io.BytesIO()
    segno.make_qr(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def svg(data, *, scale=6):
    buffer = io.BytesIO()
    segno.make_qr(data, error="m").save(buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()
