"""Public and trainee pages: catalogue filters, run detail, registering, signed links,
certificate verification, the iCal feed."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from campaigns.training.models import Attendance, Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.records import AttendanceStatus as A
from campaigns.training.services import attendance
from campaigns.training.services import registration as service
from campaigns.training.services.links import make_token

from .factories import CourseFactory, PersonFactory, hold_sessions, run_with_sessions

pytestmark = pytest.mark.django_db


def test_catalogue_filters_by_topic_format_dates_and_seats(client):
    soon = run_with_sessions(capacity=1, course=CourseFactory(topic="Bình đẳng giới", format="online"))
    later = run_with_sessions(capacity=5, start=timezone.now() + datetime.timedelta(days=60))
    service.register(run=soon, person=PersonFactory())
    url = reverse("training:runs")
    body = client.get(url).content.decode()
    assert soon.title in body and later.title in body
    body = client.get(url, {"topic": "Bình đẳng giới"}).content.decode()
    assert soon.title in body and later.title not in body
    body = client.get(url, {"format": "online"}).content.decode()
    assert soon.title in body and later.title not in body
    from_day = (timezone.localdate() + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    body = client.get(url, {"date_from": from_day}).content.decode()
    assert soon.title not in body and later.title in body
    body = client.get(url, {"seats_left": "on"}).content.decode()
    assert soon.title not in body and later.title in body


def test_catalogue_rejects_a_month_first_date_with_a_message(client):
    response = client.get(reverse("training:runs"), {"date_from": "31/12/2027", "date_to": "01/01/2027"})
    assert "Từ ngày" in response.content.decode() and "phải trước" in response.content.decode()


def test_run_detail_shows_sessions_and_seats_left(client):
    run = run_with_sessions(capacity=3, sessions=2)
    service.register(run=run, person=PersonFactory())
    body = client.get(reverse("training:run", args=[run.pk])).content.decode()
    assert "Buổi 1" in body and "Buổi 2" in body and "Còn 2/3 chỗ" in body


def test_registering_from_the_page_then_again_and_a_closed_run(client):
    run = run_with_sessions(capacity=1)
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post(reverse("training:register", args=[run.pk]), follow=True)
    assert "Đăng ký thành công" in response.content.decode()
    response = client.post(reverse("training:register", args=[run.pk]), follow=True)
    assert "đã đăng ký lớp này rồi" in response.content.decode()
    assert Registration.objects.count() == 1
    closed = run_with_sessions(registration_closes_at=timezone.now() - datetime.timedelta(days=1))
    response = client.post(reverse("training:register", args=[closed.pk]), follow=True)
    assert "hết hạn đăng ký" in response.content.decode()


def test_full_run_puts_the_trainee_on_the_waiting_list_with_a_message(client):
    run = run_with_sessions(capacity=1)
    service.register(run=run, person=PersonFactory())
    person = PersonFactory()
    client.force_login(person.user)
    response = client.post(reverse("training:register", args=[run.pk]), follow=True)
    assert "danh sách chờ" in response.content.decode()


def test_unverified_or_profile_less_users_are_sent_to_finish_first(client, django_user_model):
    run = run_with_sessions()
    person = PersonFactory(user__email_verified_at=None)
    client.force_login(person.user)
    response = client.post(reverse("training:register", args=[run.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:verify_pending")
    assert not Registration.objects.exists()


def test_cancel_by_signed_link_without_login(client):
    run = run_with_sessions(capacity=1)
    registration = service.register(run=run, person=PersonFactory())[0]
    url = reverse("training:link", args=[make_token(registration, "cancel")])
    assert client.get(url).status_code == 200
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED  # GET (a mail scanner) changes nothing
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED


def test_tampered_and_expired_links_are_refused_with_a_message(client):
    run = run_with_sessions()
    registration = service.register(run=run, person=PersonFactory())[0]
    token = make_token(registration, "cancel")
    response = client.post(reverse("training:link", args=[token[:-2] + ("AA" if token[-2:] != "AA" else "BB")]))
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=61)):
        response = client.post(reverse("training:link", args=[token]))
    assert response.status_code == 400 and "hết hạn" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


def test_a_link_from_a_past_registration_is_refused_after_registering_again(client):
    """The row is reused when the trainee registers again: the old cancel link (and every
    other link of the past registration) must not act on the new one."""
    run = run_with_sessions(capacity=5)
    person = PersonFactory()
    first = service.register(run=run, person=person)[0]
    old_cancel = reverse("training:link", args=[make_token(first, "cancel")])
    old_apology = reverse("training:link", args=[make_token(first, "apology", run.sessions.first())])
    client.post(old_cancel)
    again, created = service.register(run=run, person=person)
    assert created and again.pk == first.pk and again.status == S.CONFIRMED and again.cycle == first.cycle + 1
    for url in (old_cancel, old_apology):
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 410
            assert "thuộc một lần đăng ký trước của bạn" in response.content.decode()
    again.refresh_from_db()
    assert again.status == S.CONFIRMED and not Attendance.objects.exists()
    new_cancel = reverse("training:link", args=[make_token(again, "cancel")])  # the newest link works
    client.post(new_cancel)
    again.refresh_from_db()
    assert again.status == S.CANCELLED


def test_a_registration_read_before_registering_again_cancels_nothing():
    """The service checks the cycle again under the run's lock: a link checked just before
    the trainee registered again still acts on nothing."""
    from campaigns.training.services import TrainingError

    run = run_with_sessions(capacity=5)
    person = PersonFactory()
    old = service.register(run=run, person=person)[0]
    service.cancel(registration=old)
    service.register(run=run, person=person)
    stale = Registration.objects.get(pk=old.pk)
    stale.cycle -= 1  # as read by a request that checked the old link a moment before
    with pytest.raises(TrainingError) as refused:
        service.cancel(registration=stale)
    assert refused.value.code == "stale"
    assert Registration.objects.get(pk=old.pk).status == S.CONFIRMED


def test_a_link_made_before_cycles_existed_counts_as_the_first(client):
    from django.core import signing

    from campaigns.training.services.links import SALT

    run = run_with_sessions(capacity=5)
    registration = service.register(run=run, person=PersonFactory())[0]
    legacy = signing.dumps({"r": registration.pk, "a": "cancel"}, salt=SALT, compress=True)
    client.post(reverse("training:link", args=[legacy]))
    registration.refresh_from_db()
    assert registration.status == S.CANCELLED
    service.register(run=run, person=registration.person)
    assert client.post(reverse("training:link", args=[legacy])).status_code == 410


def test_apology_link_excuses_one_session(client):
    run = run_with_sessions()
    registration = service.register(run=run, person=PersonFactory())[0]
    session = run.sessions.last()
    client.post(reverse("training:link", args=[make_token(registration, "apology", session)]), {"note": "Họp HĐND"})
    assert Attendance.objects.get().status == A.EXCUSED


def test_accept_offer_by_link(client):
    run = run_with_sessions(capacity=1)
    holder = service.register(run=run, person=PersonFactory())[0]
    waiting = service.register(run=run, person=PersonFactory())[0]
    service.cancel(registration=holder)
    service.promote(run=run)
    client.post(reverse("training:link", args=[make_token(waiting, "accept")]))
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED


def _complete(run, registration):
    for session in hold_sessions(run):
        attendance.mark(session=session, registrations=[registration], status=A.PRESENT)
    registration.refresh_from_db()
    return registration.certificate


def test_certificate_verification_page_shows_name_course_date_or_revoked(client):
    run = run_with_sessions(sessions=1)
    registration = service.register(run=run, person=PersonFactory(full_name="Y Hương Niê"))[0]
    certificate = _complete(run, registration)
    body = client.get(reverse("training:verify", args=[certificate.code])).content.decode()
    assert "Y Hương Niê" in body and run.course.title in body and "Hợp lệ" in body
    attendance.mark(session=run.sessions.first(), registrations=[registration], status=A.ABSENT)
    body = client.get(reverse("training:verify", args=[certificate.code])).content.decode()
    assert "Đã thu hồi" in body and "Y Hương Niê" not in body
    assert client.get(reverse("training:verify", args=["NOPE-NOPE-NOPE"])).status_code == 404


def test_certificate_pdf_only_for_its_owner(client):
    run = run_with_sessions(sessions=1)
    registration = service.register(run=run, person=PersonFactory())[0]
    certificate = _complete(run, registration)
    url = reverse("training:certificate", args=[certificate.code])
    client.force_login(PersonFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(registration.person.user)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_certificate_pdf_for_staff_only_with_the_permission_within_their_scope(client):
    from campaigns.accounts import roles
    from campaigns.security.models import StaffScope
    from tests.security.helpers import make_unit_tree, make_user

    _province, a, b = make_unit_tree()
    run = run_with_sessions(sessions=1, course=CourseFactory(organiser_unit=a))
    registration = service.register(run=run, person=PersonFactory())[0]
    url = reverse("training:certificate", args=[_complete(run, registration).code])
    inside, outside = make_user(roles.ORGANIZER, username="tc-a"), make_user(roles.ORGANIZER, username="tc-b")
    StaffScope.objects.create(user=inside, unit=a)
    StaffScope.objects.create(user=outside, unit=b)
    officer = make_user(roles.COMMUNICATIONS_OFFICER, username="tt")  # staff, no certificate permission
    for user, expected in ((inside, 200), (outside, 404), (officer, 404), (make_user(roles.MONITOR, username="gs"), 200)):
        client.force_login(user)
        assert client.get(url).status_code == expected, user.username


def test_ical_feed_lists_the_sessions(client):
    run = run_with_sessions(sessions=2)
    response = client.get(reverse("training:run_calendar", args=[run.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


def test_my_registrations_shows_the_qr_code_and_the_feedback_form_works(client):
    run = run_with_sessions(sessions=1)
    registration = service.register(run=run, person=PersonFactory())[0]
    client.force_login(registration.person.user)
    body = client.get(reverse("training:mine")).content.decode()
    assert "<svg" in body and registration.code in body
    response = client.post(reverse("training:feedback", args=[registration.pk]), {"rating": 5}, follow=True)
    assert "chỉ có thể đánh giá" in response.content.decode()
    _complete(run, registration)
    response = client.post(reverse("training:feedback", args=[registration.pk]), {"rating": 5, "comment": "Hay"}, follow=True)
    assert "Cảm ơn" in response.content.decode()
