"""Attendance: roster marking, QR and self check-in, apologies, and the completion rule.

Completion is recomputed whenever a registration's attendance changes: reaching the
course's minimum attendance completes the registration, records the person as trained in
the programme (campaigns.programme.services.record_training) and issues the certificate,
all in the same transaction; falling below it again undoes all three.

Attendance is a fact about a session that has begun: presence, lateness and absence are
refused before a session's start (on the roster, the scanner and self check-in alike), and
only sessions that have begun count towards completion, so a completion or certificate date
is never in the future and the run report's "sessions held" counts the same sessions the
certificate rests on. Only an apology (excused) may be recorded in advance."""

import hashlib
import hmac
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.programme.services import record_training, withdraw_training
from config.formats.times import time_range

from ..models import Registration, RegistrationStatus, Session
from ..records import ATTENDED, Attendance, AttendanceSource, AttendanceStatus, Certificate
from . import notify
from .errors import TrainingError

S = RegistrationStatus
# Registrations that have a seat in the class and so appear on the roster.
ON_ROSTER = (S.CONFIRMED, S.COMPLETED, S.NO_SHOW)


def _check_roster(session, registration):
    if registration.run_id != session.run_id or registration.status not in ON_ROSTER:
        raise TrainingError(_("Học viên này không có chỗ trong lớp học của buổi này."), code="not_on_roster")
    if session.is_cancelled:
        raise TrainingError(_("Buổi học này đã bị hủy."), code="session_cancelled")


def _check_begun(session, now):
    if session.starts_at > now:
        raise TrainingError(
            _("Buổi học chưa bắt đầu (%(when)s); chỉ điểm danh được từ giờ bắt đầu buổi học.")
            % {"when": time_range(session.starts_at, session.ends_at)},
            code="session_not_started",
        )


def _set(session, registration, status, *, source, by=None, note="", now=None):
    """Write one attendance mark; returns True if anything changed."""
    current = Attendance.objects.filter(session=session, registration=registration).first()
    if current is not None and current.status == status and current.note == note:
        return False
    if current is None:
        Attendance.objects.create(session=session, registration=registration, status=status, source=source, marked_by=by, note=note)
    else:
        current.status, current.source, current.marked_by, current.note = status, source, by, note
        current.save()
    recompute_completion(registration=registration, now=now)
    return True


@transaction.atomic
def mark(*, session, registrations, status, by=None, note="", now=None):
    """Mark `registrations` (one or many, for bulk marking) with `status` for `session`.
    Returns how many marks changed; marking the same again changes nothing. Before the
    session begins only "excused" may be recorded."""
    if status not in AttendanceStatus.values:
        raise TrainingError(_("Trạng thái điểm danh không hợp lệ."), code="bad_status")
    if status != AttendanceStatus.EXCUSED:
        _check_begun(session, now or timezone.now())
    now = now or timezone.now()
    changed = 0
    for registration in registrations:
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        _check_roster(session, registration)
        changed += _set(session, registration, status, source=AttendanceSource.ROSTER, by=by, note=note, now=now)
    return changed


def _arrived(session, registration, *, source, by, now):
    """Present (or late after a quarter of an hour); an existing arrival is kept as is."""
    current = Attendance.objects.filter(session=session, registration=registration).first()
    if current is not None and current.status in ATTENDED:
        return False
    late = now > session.starts_at + timezone.timedelta(minutes=15)
    status = AttendanceStatus.LATE if late else AttendanceStatus.PRESENT
    return _set(session, registration, status, source=source, by=by, now=now)


@transaction.atomic
def check_in(*, session, code, by=None, now=None):
    """Check in the trainee whose personal code (from the QR code or typed) is `code`.
    Returns (registration, changed); scanning twice changes nothing."""
    now = now or timezone.now()
    code = (code or "").strip().upper().removeprefix("WLP:")
    registration = Registration.objects.select_for_update().filter(run_id=session.run_id, code=code).first()
    if registration is None:
        raise TrainingError(_("Mã điểm danh không đúng với lớp học này."), code="unknown_code")
    _check_roster(session, registration)
    _check_begun(session, now)
    return registration, _arrived(session, registration, source=AttendanceSource.SCAN, by=by, now=now)


def session_code(session, *, at=None):
    """The six-digit self check-in code shown on screen for `session`; rotates every step."""
    step = int((at if at is not None else time.time()) // settings.TRAINING_SELF_CHECKIN_STEP)
    digest = hmac.new(settings.SECRET_KEY.encode(), f"session:{session.pk}:{step}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:4], 'big') % 1_000_000:06d}"


@transaction.atomic
def self_check_in(*, session, person, code, now=None):
    """Check `person` in with the code on screen (this step's or the previous one, so a code
    read just before it rotates still works). Returns (registration, changed)."""
    now = now or timezone.now()
    stamp = now.timestamp()
    valid = {session_code(session, at=stamp), session_code(session, at=stamp - settings.TRAINING_SELF_CHECKIN_STEP)}
    if (code or "").strip() not in valid:
        raise TrainingError(_("Mã buổi học không đúng hoặc đã hết hạn; hãy nhập mã đang hiển thị."), code="bad_session_code")
    _check_begun(session, now)
    if now > session.ends_at:
        raise TrainingError(_("Chỉ điểm danh được trong thời gian diễn ra buổi học."), code="not_in_session")
    registration = Registration.objects.select_for_update().filter(run_id=session.run_id, person=person).first()
    if registration is None:
        raise TrainingError(_("Bạn không có chỗ trong lớp học này."), code="not_on_roster")
    _check_roster(session, registration)
    return registration, _arrived(session, registration, source=AttendanceSource.SELF, by=None, now=now)


@transaction.atomic
def send_apology(*, registration, session, note="", now=None):
    """Excuse the trainee from one future session in advance (by the signed link)."""
    now = now or timezone.now()
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    _check_roster(session, registration)
    if session.starts_at <= now:
        raise TrainingError(_("Buổi học đã bắt đầu; không thể báo vắng trước."), code="session_started")
    _set(session, registration, AttendanceStatus.EXCUSED, source=AttendanceSource.APOLOGY, note=note[:500])
    return registration


def _sessions(run):
    return Session.objects.filter(run=run, is_cancelled=False)


def recompute_completion(*, registration, now=None):
    """Apply the course's completion rule to `registration` (inside the caller's
    transaction); returns its status afterwards. Only attendance at sessions that have
    begun counts, so the completion date is never later than today."""
    if registration.status not in (S.CONFIRMED, S.COMPLETED):
        return registration.status
    now = now or timezone.now()
    run = registration.run
    total = _sessions(run).count()
    attended = Attendance.objects.filter(
        registration=registration, status__in=ATTENDED, session__in=_sessions(run), session__starts_at__lte=now
    ).select_related("session").order_by("session__starts_at")
    count = attended.count()
    complete = total > 0 and count * 100 >= run.course.min_attendance_percent * total
    reference = f"registration:{registration.pk}"
    if complete and registration.status != S.COMPLETED:
        completed_on = min(timezone.localdate(attended.last().session.starts_at), timezone.localdate(now))
        registration.status, registration.completed_on = S.COMPLETED, completed_on
        registration.save(update_fields=["status", "completed_on", "updated_at"])
        record_training(person=registration.person, completed_on=completed_on, title=run.course.title, source="course", reference=reference)
        certificate, created = Certificate.objects.get_or_create(registration=registration, defaults={"issued_on": completed_on})
        if not created:
            certificate.issued_on, certificate.revoked_at, certificate.revoked_reason = completed_on, None, ""
            certificate.save()
        notify.completion_changed(registration, completed=True)
    elif not complete and registration.status == S.COMPLETED:
        registration.status, registration.completed_on = S.CONFIRMED, None
        registration.save(update_fields=["status", "completed_on", "updated_at"])
        notify.completion_changed(registration, completed=False)
        withdraw_training(source="course", reference=reference)
        Certificate.objects.filter(registration=registration, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=_("Điểm danh được sửa, chưa đạt điều kiện hoàn thành.")
        )
    return registration.status


def attendance_summary(run, *, now=None):
    """One row per trainee on the run's roster: attended, excused and absent counts, the rate
    over sessions held so far, and `flagged` when the course's rule is at risk (the rate so
    far is below it, or it can no longer be reached)."""
    now = now or timezone.now()
    sessions = list(_sessions(run).order_by("starts_at"))
    held = [s for s in sessions if s.starts_at <= now]
    minimum = run.course.min_attendance_percent
    marks = {}
    for a in Attendance.objects.filter(session__in=sessions, registration__run=run):
        marks.setdefault(a.registration_id, {})[a.session_id] = a.status
    held_ids = {s.pk for s in held}
    rows = []
    registrations = run.registrations.filter(status__in=ON_ROSTER).select_related("person").order_by("person__full_name")
    for registration in registrations:
        own = marks.get(registration.pk, {})
        # Only sessions held count as attended, as in recompute_completion.
        attended = sum(1 for pk, status in own.items() if status in ATTENDED and pk in held_ids)
        future = sum(1 for s in sessions if s.starts_at > now and own.get(s.pk) not in ATTENDED)
        rate = round(100 * attended / len(held)) if held else None
        reachable = bool(sessions) and (attended + future) * 100 >= minimum * len(sessions)
        rows.append(
            {
                "registration": registration,
                "marks": [own.get(s.pk, "") for s in sessions],
                "attended": attended,
                "excused": sum(1 for status in own.values() if status == AttendanceStatus.EXCUSED),
                "absent": sum(1 for status in own.values() if status == AttendanceStatus.ABSENT),
                "rate": rate,
                "flagged": bool(held) and (rate < minimum or not reachable),
            }
        )
    return {"sessions": sessions, "held": len(held), "minimum": minimum, "rows": rows}


def mark_no_shows(*, now=None):
    """After a run's last session has ended, a confirmed trainee who attended none of its
    sessions becomes a no-show (organizers see it; reminders skip it). Returns how many.
    Idempotent: a second call finds nobody left to change."""
    from django.db.models import Exists, Max, OuterRef, Q

    now = now or timezone.now()
    attended = Attendance.objects.filter(registration=OuterRef("pk"), status__in=ATTENDED)
    with transaction.atomic():
        ids = list(
            Registration.objects.filter(status=S.CONFIRMED)
            .annotate(last_end=Max("run__sessions__ends_at", filter=Q(run__sessions__is_cancelled=False)))
            .filter(last_end__lt=now)
            .exclude(Exists(attended))
            .values_list("pk", flat=True)
        )
        return Registration.objects.filter(pk__in=ids, status=S.CONFIRMED).update(status=S.NO_SHOW, updated_at=now)
