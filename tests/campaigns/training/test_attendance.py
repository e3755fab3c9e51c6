"""Attendance, the completion rule, the training record it writes, and certificates."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from campaigns.programme.models import TrainingRecord
from campaigns.training.certificates import render_pdf
from campaigns.training.models import Attendance, Certificate
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.records import AttendanceStatus as A
from campaigns.training.services import TrainingError, attendance, feedback
from campaigns.training.services import registration as service

from .factories import PersonFactory, run_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_and_trainee():
    # Five sessions that started yesterday onwards (registered before they began).
    run = run_with_sessions(capacity=3, sessions=5)
    registration = service.register(run=run, person=PersonFactory(full_name="Lò Thị Ánh Tuyết"))[0]
    return run, registration, list(run.sessions.order_by("starts_at"))


def test_reaching_the_rule_completes_records_training_and_issues_a_certificate(run_and_trainee):
    run, registration, sessions = run_and_trainee
    for session in sessions[:3]:
        attendance.mark(session=session, registrations=[registration], status=A.PRESENT)
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED  # 3/5 = 60% < 80%
    attendance.mark(session=sessions[3], registrations=[registration], status=A.LATE)  # 4/5 = 80%
    registration.refresh_from_db()
    assert registration.status == S.COMPLETED
    assert registration.completed_on == timezone.localdate(sessions[3].starts_at)
    record = TrainingRecord.objects.get(source="course", reference=f"registration:{registration.pk}")
    assert (record.person_id, record.completed_on, record.title) == (registration.person_id, registration.completed_on, run.course.title)
    assert Certificate.objects.get(registration=registration).is_valid


def test_correcting_attendance_below_the_rule_undoes_completion_and_revokes(run_and_trainee):
    run, registration, sessions = run_and_trainee
    attendance.mark(session=sessions[0], registrations=[registration], status=A.PRESENT)
    for session in sessions[1:4]:
        attendance.mark(session=session, registrations=[registration], status=A.PRESENT)
    code = Certificate.objects.get(registration=registration).code
    attendance.mark(session=sessions[1], registrations=[registration], status=A.ABSENT)
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED and registration.completed_on is None
    assert not TrainingRecord.objects.filter(reference=f"registration:{registration.pk}").exists()
    certificate = Certificate.objects.get(code=code)
    assert not certificate.is_valid
    attendance.mark(session=sessions[4], registrations=[registration], status=A.PRESENT)
    certificate.refresh_from_db()
    assert certificate.is_valid and certificate.code == code  # the same code, reinstated


def test_scanning_twice_changes_nothing(run_and_trainee):
    run, registration, sessions = run_and_trainee
    now = sessions[0].starts_at + datetime.timedelta(minutes=5)
    assert attendance.check_in(session=sessions[0], code=f"WLP:{registration.code}", now=now)[1] is True
    assert attendance.check_in(session=sessions[0], code=registration.code.lower(), now=now)[1] is False
    mark = Attendance.objects.get()
    assert (mark.status, mark.source) == (A.PRESENT, "scan")


def test_unknown_code_and_waitlisted_trainee_are_refused(run_and_trainee):
    run, registration, sessions = run_and_trainee
    with pytest.raises(TrainingError, match="Mã điểm danh"):
        attendance.check_in(session=sessions[0], code="NOTACODE")
    run.capacity = 1
    run.save()
    late = service.register(run=run, person=PersonFactory())[0]
    assert late.status == S.WAITLISTED
    with pytest.raises(TrainingError):
        attendance.mark(session=sessions[0], registrations=[late], status=A.PRESENT)
    assert not Attendance.objects.filter(registration=late).exists()


def test_bulk_marking_is_one_transaction(run_and_trainee):
    run, registration, sessions = run_and_trainee
    other = service.register(run=run, person=PersonFactory())[0]
    assert attendance.mark(session=sessions[0], registrations=[registration, other], status=A.PRESENT) == 2
    assert attendance.mark(session=sessions[0], registrations=[registration, other], status=A.PRESENT) == 0
    outsider = run_with_sessions(capacity=1)
    stranger = service.register(run=outsider, person=PersonFactory())[0]
    with pytest.raises(TrainingError):
        attendance.mark(session=sessions[1], registrations=[registration, stranger], status=A.ABSENT)
    assert not Attendance.objects.filter(session=sessions[1]).exists()  # nothing half-written


def test_self_check_in_with_the_rotating_code(run_and_trainee):
    run, registration, sessions = run_and_trainee
    session = sessions[0]
    now = session.starts_at + datetime.timedelta(minutes=1)
    code = attendance.session_code(session, at=now.timestamp())
    with pytest.raises(TrainingError):
        attendance.self_check_in(session=session, person=registration.person, code="000000" if code != "000000" else "111111", now=now)
    stale = attendance.session_code(session, at=now.timestamp() - 180)
    if stale != code:
        with pytest.raises(TrainingError, match="hết hạn"):
            attendance.self_check_in(session=session, person=registration.person, code=stale, now=now)
    assert attendance.self_check_in(session=session, person=registration.person, code=code, now=now)[1] is True
    assert attendance.self_check_in(session=session, person=registration.person, code=code, now=now)[1] is False


def test_low_attendance_is_flagged(run_and_trainee):
    run, registration, sessions = run_and_trainee
    good = service.register(run=run, person=PersonFactory())[0]
    attendance.mark(session=sessions[0], registrations=[good], status=A.PRESENT)
    attendance.mark(session=sessions[0], registrations=[registration], status=A.ABSENT)
    summary = attendance.attendance_summary(run, now=sessions[0].ends_at)
    flags = {row["registration"].pk: row["flagged"] for row in summary["rows"]}
    assert flags == {registration.pk: True, good.pk: False}


def test_apology_in_advance_excuses_one_session(run_and_trainee):
    run, registration, sessions = run_and_trainee
    attendance.send_apology(registration=registration, session=sessions[2], note="Đi công tác")
    mark = Attendance.objects.get()
    assert (mark.status, mark.source, mark.note) == (A.EXCUSED, "apology", "Đi công tác")
    with pytest.raises(TrainingError, match="đã bắt đầu"):
        attendance.send_apology(registration=registration, session=sessions[0], now=sessions[0].starts_at)


def test_feedback_is_summarised_and_refused_before_attending(run_and_trainee):
    run, registration, sessions = run_and_trainee
    with pytest.raises(TrainingError):
        feedback.submit_feedback(registration=registration, rating=5)
    attendance.mark(session=sessions[0], registrations=[registration], status=A.PRESENT)
    with pytest.raises(TrainingError):
        feedback.submit_feedback(registration=registration, rating=7)
    feedback.submit_feedback(registration=registration, rating=4, comment="Rất bổ ích")
    feedback.submit_feedback(registration=registration, rating=5, comment="Rất bổ ích, thực tế")
    summary = feedback.feedback_summary(run)
    assert summary["count"] == 1 and summary["average"] == 5
    assert summary["comments"] == ["Rất bổ ích, thực tế"]


def test_certificate_pdf_is_in_vietnamese_with_every_diacritic(run_and_trainee):
    run, registration, sessions = run_and_trainee
    run.course.title = "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ"
    run.course.save()
    for session in sessions[:4]:
        attendance.mark(session=session, registrations=[registration], status=A.PRESENT)
    certificate = Certificate.objects.get(registration=registration)
    text = PdfReader(io.BytesIO(render_pdf(certificate))).pages[0].extract_text()
    for expected in ["GIẤY CHỨNG NHẬN", "Lò Thị Ánh Tuyết", "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc", certificate.code]:
        assert expected in text


def test_after_the_run_those_who_never_came_are_no_shows(run_and_trainee):
    run, registration, sessions = run_and_trainee
    came = service.register(run=run, person=PersonFactory())[0]
    attendance.mark(session=sessions[0], registrations=[came], status=A.PRESENT)
    during = sessions[-1].starts_at
    assert attendance.mark_no_shows(now=during) == 0
    after = sessions[-1].ends_at + datetime.timedelta(minutes=1)
    assert attendance.mark_no_shows(now=after) == 1
    assert attendance.mark_no_shows(now=after) == 0
    registration.refresh_from_db()
    came.refresh_from_db()
    assert (registration.status, came.status) == (S.NO_SHOW, S.CONFIRMED)
