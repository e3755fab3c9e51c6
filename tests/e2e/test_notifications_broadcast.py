"""An organizer writes a broadcast in the admin, sends a test to themself, schedules it and
watches it complete: a real browser, a real worker, a real SMTP server."""

import os
import re

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from tests.campaigns.notifications.factories import RegistrationFactory, RunFactory, UserFactory
from tests.campaigns.notifications.sink import start_sink
from tests.campaigns.notifications.test_broadcasts_and_admin import access_admin_permission

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture
def sink(settings):
    sink = start_sink()
    settings.NOTIFICATIONS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = True  # the request asks a worker to dispatch at once
    yield sink
    sink.controller.stop()


@pytest.fixture
def browser_page(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the test makes
    # around it are ordinary synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        context = browser.new_context(locale="vi-VN")
        yield context
        browser.close()


def test_organizer_schedules_a_broadcast_and_watches_it_complete(live_server, celery_worker, sink, browser_page):
    from django.contrib.auth.models import Group
    from django.test import Client

    from campaigns.accounts import roles
    from campaigns.accounts.role_setup import setup_roles

    setup_roles()
    organizer = UserFactory(email="tochuc@example.vn")
    organizer.groups.add(Group.objects.get(name=roles.ORGANIZER))
    organizer.user_permissions.add(access_admin_permission())
    run = RunFactory(title="Lớp E2E/2027")
    RegistrationFactory.create_batch(5, run=run)

    client = Client()
    client.force_login(organizer)
    browser_page.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    page = browser_page.new_page()
    page.set_default_timeout(30_000)

    page.goto(f"{live_server.url}/admin/snippets/notifications/broadcast/add/")
    page.fill("#id_title", "Thông báo đổi phòng học")
    page.fill("#id_subject", "Đổi phòng học buổi 1")
    page.fill("#id_body", "Chào {{ name }}, buổi 1 chuyển sang phòng 204.")
    page.select_option("#id_audience", "run")
    page.select_option("#id_run", str(run.pk))
    page.check("input[name=channels][value=email]")
    page.click("button.action-save")
    page.get_by_role("link", name="Thông báo đổi phòng học").click()

    assert page.locator("[data-recipient-count]").inner_text().strip() == "5"
    page.get_by_role("button", name="Gửi thử cho tôi").click()
    page.wait_for_selector("text=Đã gửi thử tới tochuc@example.vn")

    send_at = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    page.fill("#id_send_at", send_at)
    page.get_by_role("button", name="Gửi", exact=True).click()
    # The confirmation names the audience's size before anything is sent.
    page.get_by_role("button", name="Xác nhận gửi cho 5 người").click()
    page.wait_for_selector("text=Đợt gửi đã được đưa vào hàng đợi.")

    # The page polls its progress: it ends with every message sent.
    page.wait_for_selector("[data-broadcast-state][data-value=done]", timeout=90_000)
    assert page.locator("td[data-state=sent]").inner_text() == "5"
    assert page.locator("td[data-state=failed]").inner_text() == "0"
    assert re.search("Đã gửi xong", page.locator("[data-broadcast-state]").inner_text())
    assert len(sink.accepted) == 6 and sink.duplicates() == {}  # 5 + the test to self
