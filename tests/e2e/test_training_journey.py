"""The trainee's journey in a real browser (Playwright driving Debian's Chromium), with a
real Celery worker sending the emails: sign up, verify, register, receive the confirmation
with .ics and QR, get checked in by the organizer's scanner and by the rotating session
code, give feedback, download the certificate and verify its code; meanwhile another
trainee is waitlisted, then promoted when a seat frees and accepts the offer by link."""

import datetime
import os
import re
from email import policy
from email.parser import BytesParser

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Locale

from campaigns.accounts import roles
from campaigns.accounts.role_setup import setup_roles
from campaigns.training.models import Registration
from campaigns.training.models import RegistrationStatus as S
from campaigns.training.services import registration as service
from campaigns.training.services.attendance import session_code
from tests import waiting
from tests.campaigns.training.factories import PersonFactory, UserFactory, run_with_sessions

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
]
PASSWORD = "Mat-khau-2026"


@pytest.fixture
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield browser
        browser.close()


def _wait_for_mail(predicate, timeout=30):
    found = waiting.poll(lambda: [m for m in mail.outbox if predicate(m)], timeout=timeout, interval=0.2)
    if not found:
        raise AssertionError("the expected email was not sent: " + repr([m.subject for m in mail.outbox]))
    return found[-1]


def _link(message, path):
    return re.search(rf"http\S+{path}\S+/", message.body).group(0)


def _login(page, base, email):
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def test_trainee_journey_from_sign_up_to_verified_certificate(live_server, celery_worker, browser, settings):
    settings.SITE_URL = live_server.url
    base = live_server.url
    # An earlier transactional test may have flushed the locales Wagtail's migrations made.
    for code in ("vi", "en"):
        Locale.objects.get_or_create(language_code=code)
    setup_roles()
    run = run_with_sessions(capacity=2, sessions=2)
    run.course.min_attendance_percent = 100
    run.course.save()
    other = service.register(run=run, person=PersonFactory(full_name="Thị Ba"))[0]
    waiting_user = PersonFactory(full_name="Lê Thị Chờ").user
    organizer = UserFactory(is_staff=True)
    organizer.groups.add(roles.ensure_role_groups()[roles.ORGANIZER])

    trainee = browser.new_context(locale="vi-VN").new_page()
    # Sign up and verify the address.
    trainee.goto(f"{base}/tai-khoan/dang-ky/")
    assert not trainee.is_checked("input[name=consent]")
    trainee.fill("input[name=full_name]", "Hoàng Thị Thu Hương")
    trainee.check("input[name=gender][value=female]")
    trainee.fill("input[name=email]", "thu.huong@example.vn")
    trainee.fill("input[name=password]", PASSWORD)
    trainee.fill("input[name=password_again]", PASSWORD)
    trainee.check("input[name=consent]")
    trainee.click("main button[type=submit]")
    trainee.wait_for_url("**/xac-minh/")
    trainee.goto(_link(_wait_for_mail(lambda m: m.to == ["thu.huong@example.vn"]), "/xac-minh/"))
    assert "đã được xác minh" in trainee.content()

    # Find the run in the catalogue and register: confirmed, with .ics and QR by email.
    trainee.goto(f"{base}/dao-tao/")
    trainee.click(f"text={run.course.title}")
    trainee.click("button:has-text('Đăng ký')")
    trainee.wait_for_url("**/dao-tao/cua-toi/")
    assert "Đăng ký thành công" in trainee.content() and "Đã xác nhận" in trainee.content()
    confirmation = _wait_for_mail(lambda m: m.to == ["thu.huong@example.vn"] and "Xác nhận" in m.subject)
    parsed = BytesParser(policy=policy.default).parsebytes(confirmation.message().as_bytes())
    names = [part.get_filename() for part in parsed.iter_attachments()]
    assert any(n.endswith(".ics") for n in names) and any(n.endswith(".png") for n in names)

    # A second trainee finds the run full and is waitlisted.
    waiting = browser.new_context(locale="vi-VN").new_page()
    _login(waiting, base, waiting_user.email)
    waiting.goto(f"{base}/dao-tao/lop/{run.pk}/")
    waiting.click("button:has-text('Vào danh sách chờ')")
    waiting.wait_for_selector("text=bạn đã được đưa vào danh sách chờ")

    # A confirmed trainee cancels by the link in her email (no login): the seat is offered.
    cancel_mail = _wait_for_mail(lambda m: m.to == [other.person.user.email])
    stranger = browser.new_context(locale="vi-VN").new_page()
    stranger.goto(re.search(r"http\S+/dao-tao/lien-ket/\S+/", cancel_mail.body.split("Hủy đăng ký:")[1]).group(0))
    stranger.click("button:has-text('Xác nhận hủy đăng ký')")
    offer = _wait_for_mail(lambda m: m.to == [waiting_user.email] and "Đã có chỗ" in m.subject)
    accept = re.search(r"http\S+/dao-tao/lien-ket/\S+/", offer.body.split("Nhận chỗ:")[1]).group(0)
    waiting.goto(accept)
    waiting.click("button:has-text('Nhận chỗ')")
    waiting.wait_for_selector("text=Bạn đã nhận chỗ")
    promoted = Registration.objects.get(person__user=waiting_user)
    assert promoted.status == S.CONFIRMED

    # The day of the course: both sessions are on now.
    sessions = list(run.sessions.order_by("starts_at"))
    now = timezone.now()
    for index, session in enumerate(sessions):
        session.starts_at = now - datetime.timedelta(minutes=5) + datetime.timedelta(minutes=30 * index)
        session.ends_at = session.starts_at + datetime.timedelta(hours=2)
        session.save()
    mine = Registration.objects.get(person__user__email="thu.huong@example.vn")

    # The organizer checks her in at session 1 with the scanner page (typed code).
    desk = browser.new_context(locale="vi-VN").new_page()
    desk.goto(f"{base}/admin/login/")
    desk.fill("input[name=username]", organizer.email)
    desk.fill("input[name=password]", PASSWORD)
    desk.click("form button[type=submit]")
    desk.wait_for_url(f"{base}/admin/")
    desk.goto(f"{base}/admin/dao-tao/buoi/{sessions[0].pk}/quet/")
    desk.fill("input[name=code]", mine.code)
    desk.click("#code-form button[type=submit]")
    desk.wait_for_selector("text=Đã điểm danh: Hoàng Thị Thu Hương")

    # She checks herself in at session 2 with the code on screen.
    trainee.goto(f"{base}/dao-tao/cua-toi/")
    trainee.click(f"a[href='/dao-tao/buoi/{sessions[1].pk}/diem-danh/']")
    trainee.fill("input[name=code]", session_code(sessions[1]))
    trainee.click("main button[type=submit]")
    trainee.wait_for_selector("text=Điểm danh thành công")
    trainee.wait_for_selector("strong.status:has-text('Hoàn thành')")

    # Feedback, then the certificate: download it and verify its code.
    trainee.click("text=Đánh giá khóa học")
    trainee.check("input[name=rating][value='5']")
    trainee.fill("textarea[name=comment]", "Nội dung thiết thực, giảng viên nhiệt tình.")
    trainee.click("main button[type=submit]")
    trainee.wait_for_selector("text=Cảm ơn bạn đã góp ý")
    with trainee.expect_download() as download:
        trainee.click("text=Tải giấy chứng nhận (PDF)")
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    code = trainee.inner_text("code.certificate-code")
    public = browser.new_context(locale="vi-VN").new_page()
    public.goto(f"{base}/dao-tao/chung-nhan/xac-minh/{code}/")
    assert "Hợp lệ" in public.content() and "Hoàng Thị Thu Hương" in public.content() and run.course.title in public.content()
