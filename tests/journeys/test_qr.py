"""Every QR code a person scans reads as a standard QR code with ordinary scanners: the
check-in code attached to the confirmation email (PNG), the same code on "Các khóa học của
tôi" (SVG, drawn by Chromium and read off the screenshot, as a phone reads a screen), the
certificate's verification link (PDF, drawn by poppler) and the two-factor set-up code.

segno.make() chose Micro QR for data as short as "WLP:K7PX2M9Q"; zbar and phone cameras
cannot read Micro QR. Decoders: zxing-cpp (PyPI), which also names the symbology, and zbarimg."""

import datetime
import os
from email import policy
from email.parser import BytesParser

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.training.certificates import render_pdf
from campaigns.training.records import Certificate
from campaigns.training.services import registration as service
from tests.campaigns.training.factories import PersonFactory, UserFactory, run_with_sessions

from .readers import assert_scans_as, launch_chromium, needs_chromium, pdf_page_png


@pytest.mark.django_db
def test_check_in_code_attached_to_the_confirmation_is_a_standard_qr_code(settings):
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False
    registration = service.register(run=run_with_sessions(), person=PersonFactory())[0]
    run_dispatcher(budget_seconds=10)
    (sent,) = mail.outbox
    parsed = BytesParser(policy=policy.default).parsebytes(sent.message().as_bytes())
    (png,) = [part.get_content() for part in parsed.iter_attachments() if part.get_content_type() == "image/png"]
    assert_scans_as(png, f"WLP:{registration.code}")


@pytest.mark.django_db
def test_certificate_verification_code_scans_to_the_public_verification_page():
    registration = service.register(run=run_with_sessions(), person=PersonFactory(full_name="Trần Thị Mai"))[0]
    certificate = Certificate.objects.create(registration=registration, issued_on=timezone.localdate())
    page = pdf_page_png(render_pdf(certificate))
    assert_scans_as(page, f"{settings.SITE_URL}/dao-tao/chung-nhan/xac-minh/{certificate.code}/")


def screens(live_server, client, path, *, widths):
    """The page at `path` for the client's logged-in user, as a phone and a desktop show it
    (PNG per width). Playwright runs only inside: its event loop would give ORM calls made
    meanwhile a connection of their own, which nobody closes."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
              "url": live_server.url}
    shots = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for width in widths:
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="vi-VN")
            context.add_cookies([cookie])
            page = context.new_page()
            page.goto(f"{live_server.url}{path}")
            shots.append(page.screenshot(full_page=True))
            context.close()
        browser.close()
    return shots


@needs_chromium
@pytest.mark.e2e
@pytest.mark.usefixtures("wagtail_roots")
def test_check_in_code_on_my_courses_page_scans_off_the_screen(live_server, client):
    person = PersonFactory()
    registration = service.register(run=run_with_sessions(start=timezone.now() + datetime.timedelta(days=3)), person=person)[0]
    client.force_login(person.user)
    for screen in screens(live_server, client, "/dao-tao/cua-toi/", widths=(375, 1366)):
        assert_scans_as(screen, f"WLP:{registration.code}")


@needs_chromium
@pytest.mark.e2e
@pytest.mark.usefixtures("wagtail_roots")
def test_two_factor_set_up_code_scans_into_an_authenticator(live_server, client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    administrator = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(administrator)
    (screen,) = screens(live_server, client, "/admin/two-factor/setup/", widths=(375,))
    device = TOTPDevice.objects.get(user=administrator, confirmed=False)
    assert_scans_as(screen, device.config_url)
