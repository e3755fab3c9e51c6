"""The certificate: its PDF for the trainee (or staff), and the public verification page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from ..certificates import render_pdf
from ..records import Certificate
from .common import person_of


def download(request, code):
    certificate = Certificate.objects.select_related("registration__person", "registration__run__course").filter(code=code).first()
    if certificate is None or not certificate.is_valid:
        raise Http404
    person = person_of(request.user)
    if not (request.user.is_staff or (person is not None and certificate.registration.person_id == person.pk)):
        raise Http404  # not yours: as if it did not exist
    response = HttpResponse(render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-{certificate.code}.pdf"'
    return response


def verify(request, code):
    """Public: name, course and date for a valid code; "revoked" for a revoked one."""
    certificate = (
        Certificate.objects.select_related("registration__person", "registration__run__course")
        .filter(code=(code or "").strip().upper())
        .first()
    )
    status = 200 if certificate else 404
    return render(request, "training/verify.html", {"certificate": certificate, "code": code}, status=status)
