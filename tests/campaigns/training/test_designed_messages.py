"""Messages that look designed, read as a mail reader reads them (the standard library's email
parser on the bytes that would go over SMTP): a heading, a button for the main action, the
check-in QR shown inside the email and attached, a plain-text part that reads well; the
confirmation of a trainee's own cancellation; the congratulations with the certificate link."""

import datetime
import email
from email import policy
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import transaction
from django.utils import timezone

from campaigns.notifications.models import Delivery, DeliveryState
from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import attendance
from campaigns.training.services import registration as service
from config.formats.times import time_range

from .factories import PersonFactory, run_with_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_kick(settings):
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False
    settings.SITE_URL = "http://testserver"


def dispatch():
    before = len(mail.outbox)
    run_dispatcher(budget_seconds=10)
    return mail.outbox[before:]


def parsed(message):
    """The message as a mail reader gets it."""
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


def test_confirmation_email_has_a_heading_a_button_and_the_qr_inline_and_attached(client):
    run = run_with_sessions(capacity=2, sessions=2)
    registration = service.register(run=run, person=PersonFactory(full_name="Điểu Thị Thảo"))[0]
    (sent,) = dispatch()
    msg = parsed(sent)
    assert msg.get_content_type() == "multipart/mixed"
    alternative = next(part for part in msg.iter_parts() if part.get_content_type() == "multipart/alternative")
    text, related = alternative.iter_parts()
    assert text.get_content_type() == "text/plain" and related.get_content_type() == "multipart/related"
    html_part, image = related.iter_parts()
    assert image.get_content_type() == "image/png" and image["Content-ID"] == "<ma-diem-danh>"
    attached = next(part for part in msg.iter_attachments() if part.get_filename() == f"ma-diem-danh-{registration.code}.png")
    assert image.get_content() == attached.get_content()  # the same QR, shown and attached

    html = BeautifulSoup(html_part.get_content(), "html.parser")
    assert html.find("h1").get_text(strip=True) == sent.subject
    button = html.find("a", string="Xem khóa học của tôi")
    assert urlsplit(button["href"]).path == "/dao-tao/cua-toi/"
    assert html.find("img", src="cid:ma-diem-danh")["alt"].startswith(f"Mã QR điểm danh {registration.code}")
    client.force_login(registration.person.user)
    assert client.get(urlsplit(button["href"]).path).status_code == 200

    body = text.get_content()
    first = run.sessions.order_by("starts_at").first()
    assert f"- {time_range(first.starts_at, first.ends_at)}: Buổi 1" in body  # "08:00–11:00, thứ Hai 14/12/2026: Buổi 1"
    assert "<" not in body and "Chào Điểu Thị Thảo," in body


def test_a_trainee_who_cancels_gets_a_confirmation_an_organizers_rejection_does_not_say_she_did(client):
    run = run_with_sessions(capacity=2)
    registration = service.register(run=run, person=PersonFactory())[0]
    dispatch()
    client.force_login(registration.person.user)
    page = client.get(f"/dao-tao/cua-toi/{registration.pk}/huy/")
    assert page.status_code == 200 and "Xác nhận hủy đăng ký" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED  # asking changed nothing
    client.post(f"/dao-tao/cua-toi/{registration.pk}/huy/")
    (sent,) = dispatch()
    assert sent.subject == f"Đã hủy đăng ký: {run.course.title}" and sent.to == [registration.person.user.email]
    assert f"http://testserver/dao-tao/lop/{run.pk}/" in sent.body
    html = BeautifulSoup(sent.alternatives[0][0], "html.parser")
    assert html.find("a", string="Xem lớp học")["href"] == f"http://testserver/dao-tao/lop/{run.pk}/"

    approval = run_with_sessions(capacity=2, requires_approval=True)
    pending = service.register(run=approval, person=PersonFactory())[0]
    assert [m.subject.split(":")[0] for m in dispatch()] == ["Đăng ký đang chờ duyệt"]
    service.decide(registration=pending, approve=False)
    assert dispatch() == []  # not "you cancelled": the organizer decided


def test_completing_a_course_brings_congratulations_with_the_certificate_link(client):
    run = run_with_sessions(capacity=2, sessions=1)
    run.course.min_attendance_percent = 100
    run.course.save()
    registration = service.register(run=run, person=PersonFactory(full_name="Hoàng Thị Thu"))[0]
    dispatch()
    session = run.sessions.get()
    session.starts_at = timezone.now() - datetime.timedelta(hours=2)
    session.ends_at = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    with transaction.atomic():
        attendance.mark(session=session, registrations=[registration], status="present")
    registration.refresh_from_db()
    assert registration.status == S.COMPLETED
    (sent,) = dispatch()
    assert sent.subject == f"Chúc mừng bạn đã hoàn thành khóa học: {run.course.title}"
    code = registration.certificate.code
    html = BeautifulSoup(sent.alternatives[0][0], "html.parser")
    button = html.find("a", string="Tải giấy chứng nhận")
    assert button["href"] == f"http://testserver/dao-tao/chung-nhan/{code}.pdf"
    assert f"http://testserver/dao-tao/chung-nhan/xac-minh/{code}/" in sent.body
    assert "Hoàng Thị Thu" in client.get(f"/dao-tao/chung-nhan/xac-minh/{code}/").content.decode()
    client.force_login(registration.person.user)
    pdf = client.get(urlsplit(button["href"]).path)
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    assert dispatch() == []
    assert Delivery.objects.about(registration).filter(kind="completion", state=DeliveryState.SENT).count() == 1


def test_a_long_course_title_reads_back_exactly_in_the_subject():
    run = run_with_sessions(capacity=2, sessions=1)
    run.course.title = "Bồi dưỡng kiến thức, kỹ năng lãnh đạo, quản lý cho nữ cán bộ trong diện quy hoạch cấp tỉnh"
    run.course.save()
    service.register(run=run, person=PersonFactory())
    (sent,) = dispatch()
    assert run.course.title in sent.subject
    assert parsed(sent)["Subject"] == sent.subject  # no leading space, nothing cut
