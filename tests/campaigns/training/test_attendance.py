"""Attendance, the completion rule, the training record it writes, and certificates."""

import datetime
import io

import pytest
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from campaigns.programme.models import TrainingRecord
from campaigns.training.certificates import render_pdf
from campaigns.training.models import Attendance, Certificate
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.records import AttendanceStatus as A
from campaigns.training.services import TrainingError, attendance, feedback
from campaigns.training.services import registration as service

from .factories import PersonFactory, hold_sessions, run_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_and_trainee():
    # Five sessions, all held by now (registered before they began).
    run = run_with_sessions(capacity=3, sessions=5)
    registration = service.register(run=run, person=PersonFactory(full_name="Lò Thị Ánh Tuyết"))[0]
    return run, registration, hold_sessions(run)


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
    late = service.register(run=run, person=PersonFactory(), now=sessions[0].starts_at - datetime.timedelta(days=1))[0]
    assert late.status == S.WAITLISTED
    with pytest.raises(TrainingError):
        attendance.mark(session=sessions[0], registrations=[late], status=A.PRESENT)
    assert not Attendance.objects.filter(registration=late).exists()


def test_bulk_marking_is_one_transaction(run_and_trainee):
    run, registration, sessions = run_and_trainee
    other = service.register(run=run, person=PersonFactory(), now=sessions[0].starts_at - datetime.timedelta(days=1))[0]
    assert attendance.mark(session=sessions[0], registrations=[registration, other], status=A.PRESENT) == 2
    assert attendance.mark(session=sessions[0], registrations=[registration, other], status=A.PRESENT) == 0
    outsider = run_with_sessions(capacity=1)
    stranger = service.register(run=outsider, person=PersonFactory())[0]
    hold_sessions(outsider)
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
    good = service.register(run=run, person=PersonFactory(), now=sessions[0].starts_at - datetime.timedelta(days=1))[0]
    attendance.mark(session=sessions[0], registrations=[good], status=A.PRESENT)
    attendance.mark(session=sessions[0], registrations=[registration], status=A.ABSENT)
    summary = attendance.attendance_summary(run, now=sessions[0].ends_at)
    flags = {row["registration"].pk: row["flagged"] for row in summary["rows"]}
    assert flags == {registration.pk: True, good.pk: False}


def test_apology_in_advance_excuses_one_session(run_and_trainee):
    run, registration, sessions = run_and_trainee
    attendance.send_apology(registration=registration, session=sessions[2], note="Đi công tác", now=sessions[2].starts_at - datetime.timedelta(days=1))
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
    came = service.register(run=run, person=PersonFactory(), now=sessions[0].starts_at - datetime.timedelta(days=1))[0]
    attendance.mark(session=sessions[0], registrations=[came], status=A.PRESENT)
    during = sessions[-1].starts_at
    assert attendance.mark_no_shows(now=during) == 0
    after = sessions[-1].ends_at + datetime.timedelta(minutes=1)
    assert attendance.mark_no_shows(now=after) == 1
    assert attendance.mark_no_shows(now=after) == 0
    registration.refresh_from_db()
    came.refresh_from_db()
    assert (registration.status, came.status) == (S.NO_SHOW, S.CONFIRMED)


# Attendance only for sessions that have begun (issue 12, item 5).


@pytest.fixture
def december_course():
    # Three sessions three weeks ahead, like the December course marked on 6 December.
    run = run_with_sessions(capacity=3, sessions=3, start=timezone.now() + datetime.timedelta(days=21))
    registration = service.register(run=run, person=PersonFactory(full_name="Nguyễn Thị Lan"))[0]
    return run, registration, list(run.sessions.order_by("starts_at"))


def test_roster_refuses_presence_before_the_session_begins_and_writes_nothing(december_course):
    run, registration, sessions = december_course
    for status in (A.PRESENT, A.LATE, A.ABSENT):
        with pytest.raises(TrainingError, match="Buổi học chưa bắt đầu") as refused:
            attendance.mark(session=sessions[0], registrations=[registration], status=status)
        assert refused.value.code == "session_not_started"
    assert not Attendance.objects.exists()
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED and not Certificate.objects.exists()
    # An apology recorded by the organizer in advance is still allowed.
    assert attendance.mark(session=sessions[1], registrations=[registration], status=A.EXCUSED) == 1


def test_scanner_and_self_check_in_refuse_before_the_start(december_course):
    run, registration, sessions = december_course
    session = sessions[0]
    early = session.starts_at - datetime.timedelta(minutes=30)
    with pytest.raises(TrainingError, match="chưa bắt đầu"):
        attendance.check_in(session=session, code=registration.code, now=early)
    code = attendance.session_code(session, at=early.timestamp())
    with pytest.raises(TrainingError, match="chưa bắt đầu"):
        attendance.self_check_in(session=session, person=registration.person, code=code, now=early)
    assert not Attendance.objects.exists()
    at_start = session.starts_at
    assert attendance.check_in(session=session, code=registration.code, now=at_start)[1] is True


def test_completion_and_certificate_never_carry_a_future_date_and_agree_with_the_report(december_course):
    run, registration, sessions = december_course
    for session in sessions:  # all three refused while the course lies ahead
        with pytest.raises(TrainingError):
            attendance.mark(session=session, registrations=[registration], status=A.PRESENT)
    # The first two are held; the third (a week later than planned) is not.
    sessions = hold_sessions(run, ago=datetime.timedelta(days=2))
    sessions[2].starts_at = timezone.now() + datetime.timedelta(days=7)
    sessions[2].ends_at = sessions[2].starts_at + datetime.timedelta(hours=3)
    sessions[2].save()
    run.course.min_attendance_percent = 60
    run.course.save()
    for session in sessions[:2]:
        attendance.mark(session=session, registrations=[registration], status=A.PRESENT)
    registration.refresh_from_db()
    certificate = Certificate.objects.get(registration=registration)
    today = timezone.localdate()
    assert registration.status == S.COMPLETED
    assert registration.completed_on <= today and certificate.issued_on <= today
    summary = attendance.attendance_summary(run)
    (row,) = summary["rows"]
    assert summary["held"] == 2 and row["attended"] == 2


def test_a_mark_for_a_session_moved_into_the_future_no_longer_counts(december_course):
    run, registration, sessions = december_course
    run.course.min_attendance_percent = 30
    run.course.save()
    sessions = hold_sessions(run, ago=datetime.timedelta(days=5))
    attendance.mark(session=sessions[0], registrations=[registration], status=A.PRESENT)
    registration.refresh_from_db()
    assert registration.status == S.COMPLETED
    moved = run.sessions.order_by("starts_at").first()
    moved.starts_at = timezone.now() + datetime.timedelta(days=30)
    moved.ends_at = moved.starts_at + datetime.timedelta(hours=3)
    moved.save()
    with transaction.atomic():
        assert attendance.recompute_completion(registration=registration) == S.CONFIRMED
    summary = attendance.attendance_summary(run)
    assert summary["held"] == 2 and summary["rows"][0]["attended"] == 0
    assert not Certificate.objects.get(registration=registration).is_valid
