"""QR codes (segno): a trainee's personal check-in code and a certificate's verification URL."""

import io

import segno


def checkin_payload(registration):
    return f"WLP:{registration.code}"


def png(data, *, scale=8):
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


def svg(data, *, scale=6):
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=scale, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()
