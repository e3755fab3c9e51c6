"""The certificate: its PDF for its owner (or staff holding training.view_certificate whose
scope covers the course), and the public verification page."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from ..certificates import render_pdf
from ..permissions import scoped_registrations
from ..records import Certificate
from .common import person_of


def may_download(user, certificate):
    """The trainee it was awarded to, or a staff account with the certificate permission
    whose scope includes the registration (training/permissions.py)."""
    person = person_of(user)
    if person is not None and certificate.registration.person_id == person.pk:
        return True
    return (
        user.is_authenticated and user.is_staff and user.has_perm("training.view_certificate")
        and scoped_registrations(user).filter(pk=certificate.registration_id).exists()
    )


def download(request, code):
    certificate = Certificate.objects.select_related("registration__person", "registration__run__course").filter(code=code).first()
    if certificate is None or not certificate.is_valid:
        raise Http404
    if not may_download(request.user, certificate):
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
