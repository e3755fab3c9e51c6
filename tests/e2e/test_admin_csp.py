"""With the Content-Security-Policy on, an administrator logs in (password, then the TOTP
code), opens the page editor and the editor works: no script is refused by the policy."""

import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) or shutil.which("chromium") is None, reason="Debian's Chromium is not installed"
    ),
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.mark.django_db(transaction=True)
def test_admin_login_with_totp_and_page_editor_work_under_csp(live_server, browser, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cms.models import ArticlePage
    from tests.security.otp import current_code

    call_command("load_demo_data", verbosity=0)
    article = ArticlePage.objects.live().first()
    device = TOTPDevice.objects.get(user__email="quantri@demo.local", confirmed=True)

    page = browser.new_page()
    violations, errors = [], []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    response = page.goto(f"{live_server.url}/admin/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("input[name=username]", "quantri@demo.local")
    page.fill("input[name=password]", settings.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/two-factor/verify/**")
    page.fill("input[name=token]", current_code(device))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    # The editor is built by JavaScript: the rich-text editor and the action menu appear
    # only when Wagtail's scripts ran.
    page.wait_for_selector(".Draftail-Editor", timeout=15000)
    page.wait_for_selector("[data-w-dropdown-target='toggle'], .dropdown-toggle, footer .button", timeout=15000)
    # The date chooser used to be started by an inline script; now by our static file.
    widgets = page.locator("script[data-csp-init]")
    assert widgets.count() >= 1
    page.wait_for_function("document.querySelectorAll('script[data-csp-init]:not([data-csp-done])').length === 0")
    assert page.locator(".xdsoft_datetimepicker").count() == page.locator("script[data-csp-init*=Date]").count()
    # Choosers (image, snippet) are started too: their "choose" buttons are wired.
    assert page.locator("script[data-csp-init$=Chooser]").count() >= 1
    page.fill("input[name=title]", "Tiêu đề đã sửa dưới CSP")
    page.locator("form[method=post] footer button[type=submit]").first.click()
    page.wait_for_load_state()
    article.refresh_from_db()
    assert article.get_latest_revision().content["title"] == "Tiêu đề đã sửa dưới CSP"

    assert not violations, violations
    assert not errors, errors
