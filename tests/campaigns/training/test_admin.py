"""Organizer tools in the Wagtail admin: what organizers see and do, and who is kept out."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.accounts import roles
from campaigns.programme.models import OrganisationUnit, UnitLevel, UnitType
from campaigns.training.models import Attendance
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import registration as service

from .factories import PersonFactory, UserFactory, hold_sessions, run_with_sessions

pytestmark = pytest.mark.django_db


def _user_in(role, **kwargs):
    user = UserFactory(is_staff=role != roles.TRAINEE, **kwargs)
    user.groups.add(roles.ensure_role_groups()[role])
    return user


@pytest.fixture
def organizer(client):
    user = _user_in(roles.ORGANIZER)
    client.force_login(user)
    return user


@pytest.fixture
def full_run():
    run = run_with_sessions(capacity=1, requires_approval=False)
    holder = service.register(run=run, person=PersonFactory(full_name="Trần Thị Bích"))[0]
    waiting = service.register(run=run, person=PersonFactory(full_name="Hà Thị Cúc"))[0]
    hold_sessions(run)
    return run, holder, waiting


def test_run_report_shows_seats_waiting_list_and_attendance(client, organizer, full_run):
    run, holder, waiting = full_run
    response = client.get(reverse("training_admin:run_report", args=[run.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Hà Thị Cúc" in body and "Trần Thị Bích" in body and "Danh sách chờ" in body


def test_roster_marks_in_bulk(client, organizer, full_run):
    run, holder, waiting = full_run
    session = run.sessions.first()
    url = reverse("training_admin:roster", args=[session.pk])
    response = client.post(url, {"registration": [holder.pk], "status": "present"})
    assert response.status_code == 302
    assert Attendance.objects.get().status == "present"
    response = client.post(url, {"registration": [waiting.pk], "status": "present"}, follow=True)
    assert "không có chỗ" in response.content.decode()
    assert Attendance.objects.count() == 1


def test_roster_refuses_a_session_that_has_not_begun_in_vietnamese(client, organizer):
    run = run_with_sessions(capacity=2, requires_approval=False)
    holder = service.register(run=run, person=PersonFactory(full_name="Nguyễn Thị Lan"))[0]
    session = run.sessions.order_by("starts_at").first()
    url = reverse("training_admin:roster", args=[session.pk])
    response = client.post(url, {"registration": [holder.pk], "status": "present"}, follow=True)
    assert "Buổi học chưa bắt đầu" in response.content.decode()
    scan = client.post(reverse("training_admin:scanner", args=[session.pk]), {"code": holder.code}, HTTP_ACCEPT="application/json")
    assert scan.status_code == 400 and "chưa bắt đầu" in scan.json()["message"]
    assert not Attendance.objects.exists()


def test_scanner_checks_in_by_code_and_twice_changes_nothing(client, organizer, full_run):
    run, holder, waiting = full_run
    session = run.sessions.first()
    url = reverse("training_admin:scanner", args=[session.pk])
    assert client.get(url).status_code == 200
    first = client.post(url, {"code": f"WLP:{holder.code}"}, HTTP_ACCEPT="application/json").json()
    second = client.post(url, {"code": holder.code}, HTTP_ACCEPT="application/json").json()
    assert first["ok"] and first["changed"] and not second["changed"]
    bad = client.post(url, {"code": "ZZZZ"}, HTTP_ACCEPT="application/json")
    assert bad.status_code == 400 and "Mã điểm danh" in bad.json()["message"]


def test_registrations_export_to_xlsx_and_csv(client, organizer, full_run):
    run, holder, waiting = full_run
    index = reverse("training_registration:index")
    response = client.get(index, {"run": run.pk, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Họ và tên"
    assert {row[0] for row in rows[1:]} == {"Trần Thị Bích", "Hà Thị Cúc"}
    csv = client.get(index, {"status": S.WAITLISTED, "export": "csv"})
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Hà Thị Cúc" in text and "Trần Thị Bích" not in text


def test_organizer_of_another_unit_does_not_see_the_run(client, full_run):
    run, holder, waiting = full_run
    mine = OrganisationUnit.add_root(code="X1", name="Sở Y tế", level=UnitLevel.PROVINCE, unit_type=UnitType.DEPARTMENT)
    theirs = OrganisationUnit.add_root(code="X2", name="Sở Tài chính", level=UnitLevel.PROVINCE, unit_type=UnitType.DEPARTMENT)
    run.course.organiser_unit = theirs
    run.course.save()
    user = _user_in(roles.ORGANIZER)
    PersonFactory(user=user, unit=mine)
    client.force_login(user)
    assert client.get(reverse("training_admin:run_report", args=[run.pk])).status_code == 404
    listing = client.get(reverse("training_registration:index")).content.decode()
    assert "Hà Thị Cúc" not in listing


def test_trainees_and_anonymous_are_kept_out(client, full_run):
    run, holder, waiting = full_run
    url = reverse("training_admin:run_report", args=[run.pk])
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(_user_in(roles.TRAINEE))
    assert client.get(url).status_code in (302, 403)


def test_approval_from_the_run_report(client, organizer):
    run = run_with_sessions(capacity=1, requires_approval=True)
    pending = service.register(run=run, person=PersonFactory())[0]
    client.post(reverse("training_admin:decide", args=[pending.pk]), {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.status == S.CONFIRMED


def test_session_code_screen_shows_the_current_code(client, organizer, full_run):
    from campaigns.training.services.attendance import session_code

    run, holder, waiting = full_run
    session = run.sessions.first()
    body = client.get(reverse("training_admin:session_code", args=[session.pk])).content.decode()
    assert session_code(session) in body


def test_run_report_names_attendance_in_vietnamese(client, organizer, full_run):
    run, holder, waiting = full_run
    first, second = run.sessions.order_by("starts_at")[:2]
    Attendance.objects.create(session=first, registration=holder, status="present")
    Attendance.objects.create(session=second, registration=holder, status="excused")
    body = client.get(reverse("training_admin:run_report", args=[run.pk])).content.decode()
    assert "<td>Có mặt</td>" in body and "<td>Vắng có phép</td>" in body
    assert ">present<" not in body and ">excused<" not in body


def test_add_registration_registers_through_the_service(client, organizer):
    run = run_with_sessions(capacity=1, requires_approval=False)
    first, second = PersonFactory(full_name="Lò Thị Mai"), PersonFactory(full_name="Vi Thị Đào")
    url = reverse("training_registration:add")
    index = client.get(reverse("training_registration:index")).content.decode()
    assert f'href="{url}"' in index
    assert client.get(url).status_code == 200
    response = client.post(url, {"person": first.pk, "run": run.pk}, follow=True)
    assert response.status_code == 200
    assert run.registrations.get(person=first).status == S.CONFIRMED
    assert "Đã đăng ký Lò Thị Mai" in response.content.decode()
    client.post(url, {"person": second.pk, "run": run.pk})
    assert run.registrations.get(person=second).status == S.WAITLISTED  # the seat rule holds
    again = client.post(url, {"person": first.pk, "run": run.pk})
    assert again.status_code == 200 and "đã có đăng ký ở lớp này" in again.content.decode()
    assert run.registrations.count() == 2


def test_admin_lists_and_screens_write_times_and_hours_one_way(client, organizer):
    import datetime as dt

    from django.utils import timezone

    from campaigns.training.models import Course, CourseRun, Session

    course = Course.objects.create(title="Khóa 24 giờ", slug="khoa-24-gio", hours=24)
    run = CourseRun.objects.create(course=course, title="Lớp thử", capacity=5)
    start = timezone.make_aware(dt.datetime(2026, 12, 27, 8, 0))
    session = Session.objects.create(run=run, title="Buổi sáng", starts_at=start, ends_at=start + dt.timedelta(hours=3, minutes=30))
    sessions = client.get(reverse("session:index")).content.decode()
    assert "08:00–11:30, Chủ nhật 27/12/2026" in sessions
    courses = client.get(reverse("course:index")).content.decode()
    assert "24 giờ" in courses and "24,0" not in courses
    for name in ("training_admin:roster", "training_admin:scanner"):
        assert "08:00–11:30, Chủ nhật 27/12/2026" in client.get(reverse(name, args=[session.pk])).content.decode()
