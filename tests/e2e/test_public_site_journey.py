"""A new visitor finds a course from the home page and ends with a confirmed seat, clicking
only what she sees, on a wide screen (1366 px) and on a phone (375 px): the home page's next
courses (on the phone through the menu button), the run's page, sign-up (first sent empty:
the error summary takes the focus), the verification email's button, back on the run with
registration one click away, "Khóa học của tôi" with her check-in QR, the designed
confirmation email's button, then logging out and in again without a destination: she lands
on "Khóa học của tôi". Each step is saved as a screenshot (the folder is printed; set
E2E_SHOTS_DIR to choose it)."""

import base64
import os
import pathlib
import re

import pytest
from django.core import mail
from django.core.management import call_command

from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.training.models import CourseRun, Registration
from campaigns.training.models import RegistrationStatus as S

from .test_training_journey import CHROMIUM, browser  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
]
PASSWORD = "Lanh-dao-2026!"
SHOTS = pathlib.Path(os.environ.get("E2E_SHOTS_DIR", pathlib.Path(__file__).resolve().parents[2] / "var" / "e2e-shots"))


class Shots:
    """Numbered full-page screenshots of one journey."""

    def __init__(self, page, folder):
        self.page, self.folder, self.count = page, folder, 0
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()

    def __call__(self, name):
        self.count += 1
        self.page.screenshot(path=self.folder / f"{self.count:02d}-{name}.png", full_page=True)


def _open_menu_if_folded(page):
    button = page.locator("button.menu-button")
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()
        assert button.get_attribute("aria-expanded") == "true"


def _show_email(page, message):
    """The HTML part of `message` in the browser, its cid: images inlined as data: URLs (what
    a mail reader does with the related parts)."""
    html = message.alternatives[0][0]
    for content_id, content, mimetype, _alt in getattr(message, "inline", []):
        html = html.replace(f"cid:{content_id}", f"data:{mimetype};base64,{base64.b64encode(content).decode()}")
    page.set_content(html)


@pytest.fixture
def demo_site(live_server, settings):
    settings.SITE_URL = live_server.url
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False  # the test runs the dispatcher itself
    call_command("load_demo_data", verbosity=0)
    return live_server.url


@pytest.mark.parametrize("width, height", [(1366, 900), (375, 812)], ids=["wide", "phone"])
def test_a_new_visitor_goes_from_the_home_page_to_a_confirmed_seat(demo_site, browser, width, height):  # noqa: F811
    base = demo_site
    email = f"nguyen.thi.an.{width}@example.vn"
    page = browser.new_context(locale="vi-VN", viewport={"width": width, "height": height}).new_page()
    shot = Shots(page, SHOTS / f"{width}px")
    print(f"\nscreenshots: {shot.folder}")

    page.goto(base + "/")
    shot("trang-chu")
    run = CourseRun.objects.get(title="Lớp 01/2027")
    if width < 500:
        # On a phone the first screen is content; the sections are behind one button.
        assert not page.locator("nav.site-nav").is_visible()
        page.click("button.menu-button")
        shot("trinh-don")
        page.locator("nav.site-nav").get_by_role("link", name="Đào tạo").click()
        page.wait_for_url("**/dao-tao/")
        shot("danh-muc-lop")
        page.locator(f"a[href='/dao-tao/lop/{run.pk}/']").first.click()  # the course has more than one run
    else:
        page.locator("#runs-heading").scroll_into_view_if_needed()
        page.locator(f"section[aria-labelledby=runs-heading] a[href='/dao-tao/lop/{run.pk}/']").first.click()
    page.wait_for_url(f"**/dao-tao/lop/{run.pk}/")
    assert "Còn 29/30 chỗ" in page.inner_text("#seats-left")
    shot("lop-hoc")

    page.get_by_role("link", name="Tạo tài khoản để đăng ký").click()
    page.wait_for_url("**/tai-khoan/dang-ky/**")
    shot("dang-ky-tai-khoan")
    page.locator("main").get_by_role("button", name="Tạo tài khoản").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    shot("dang-ky-loi")
    page.locator(".error-summary").get_by_role("link", name="Hãy nhập họ và tên.").click()
    assert page.evaluate("document.activeElement.id") == "id_full_name"
    page.keyboard.type("Nguyễn Thị An")
    page.get_by_label("Nữ", exact=True).check()
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile("^Mật khẩu")).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.locator("label[for=id_consent]").click()
    shot("dang-ky-da-dien")
    page.locator("main").get_by_role("button", name="Tạo tài khoản").click()
    page.wait_for_url("**/tai-khoan/xac-minh/**")  # with the #fragment the summary's link left
    shot("kiem-tra-hop-thu")

    # She opens the verification email (its HTML part, as a mail reader shows it) and presses
    # its button: the link opens in her browser, which takes her back to the run.
    verification = next(m for m in reversed(mail.outbox) if m.to == [email])
    page = page.context.new_page()
    shot.page = page
    _show_email(page, verification)
    shot("thu-xac-minh")
    page.get_by_role("link", name="Xác minh email").click()
    page.wait_for_url(f"**/dao-tao/lop/{run.pk}/")
    assert "Email của bạn đã được xác minh" in page.inner_text("main")
    shot("lop-hoc-sau-xac-minh")
    page.locator(".action-panel").get_by_role("button", name="Đăng ký vào lớp").click()
    page.wait_for_url("**/dao-tao/cua-toi/")
    assert "Đăng ký thành công" in page.inner_text("main")
    registration = Registration.objects.get(person__user__email=email)
    assert registration.status == S.CONFIRMED
    assert page.locator(f"[data-registration='{registration.pk}'] .checkin-qr svg").is_visible()
    shot("khoa-hoc-cua-toi")

    run_dispatcher(budget_seconds=10)
    confirmation = next(m for m in reversed(mail.outbox) if m.to == [email] and "Xác nhận đăng ký" in m.subject)
    _show_email(page, confirmation)
    assert page.locator("img[src^='data:image/png']").is_visible()
    shot("thu-xac-nhan")
    page.get_by_role("link", name="Xem khóa học của tôi").click()
    page.wait_for_url("**/dao-tao/cua-toi/")

    # Log out and in again from the header, with no destination: "Khóa học của tôi".
    _open_menu_if_folded(page)
    page.locator("nav.account-nav").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(base + "/")
    _open_menu_if_folded(page)
    page.locator("nav.account-nav").get_by_role("link", name="Đăng nhập").click()
    page.wait_for_url("**/tai-khoan/dang-nhap/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile("^Mật khẩu")).fill(PASSWORD)
    shot("dang-nhap")
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dao-tao/cua-toi/")
    assert page.locator("h1").inner_text() == "Khóa học của tôi"
    _open_menu_if_folded(page)
    assert "Nguyễn Thị An" in page.inner_text("nav.account-nav")
    shot("dang-nhap-lai")

