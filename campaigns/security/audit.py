"""The audit trail of personal data leaving the system. Every export of personal data —
a trainee downloading their own file, an organizer exporting a registration list, the
programme's export to the national database — calls record_export()."""

from .models import ExportKind, PersonalDataAudit
from .ratelimit import client_ip


def record_export(
    *,
    request=None,
    actor=None,
    kind=ExportKind.STAFF_EXPORT,
    description,
    file_format="",
    record_count=0,
    includes_ethnicity=False,
    subject_person_id=None,
):
    """Write one audit row and return it. `request` gives the actor and address when set."""
    if (
        request is not None
        and actor is None
        and getattr(request, "user", None) is not None
        and request.user.is_authenticated
    ):
        actor = request.user
    return PersonalDataAudit.objects.create(
        kind=kind,
        actor=actor,
        subject_person_id=subject_person_id,
        description=str(description)[:255],
        file_format=file_format[:8],
        record_count=record_count,
        includes_ethnicity=includes_ethnicity,
        ip_address=(client_ip(request) or None) if request is not None else None,
    )
