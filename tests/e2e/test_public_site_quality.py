"""The public pages and the trainee's own pages checked by independent tools, on the demo
site served by a live server: axe-core (WCAG 2.1 A and AA rules, from the pinned
axe-playwright-python) in Chromium at 1366 px and 375 px, and the Nu HTML Checker (vnu.jar
from npm's vnu-jar, run with java; .ci/run installs it under var/tools, and the test is
skipped where it or java is missing)."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

from campaigns.training.models import Course, CourseRun, Registration
from cms.models import ArticlePage, CampaignPage

from .test_training_journey import CHROMIUM, browser  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
]
ROOT = pathlib.Path(__file__).resolve().parents[2]
VNU_JAR = pathlib.Path(os.environ.get("VNU_JAR", ROOT / "var" / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"))
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}


@pytest.fixture
def demo_site(live_server, settings):
    settings.SITE_URL = live_server.url
    call_command("load_demo_data", verbosity=0)
    return live_server.url


def public_pages():
    run = CourseRun.objects.get(title="Lớp 01/2027")
    return {
        "home": "/",
        "article": ArticlePage.objects.live().filter(locale__language_code="vi").first().url,
        "course list": "/dao-tao/",
        "course": Course.objects.get(slug="ky-nang-lanh-dao-can-bo-nu").get_absolute_url(),
        "run": f"/dao-tao/lop/{run.pk}/",
        "sign-up form": "/tai-khoan/dang-ky/",
        "login": "/tai-khoan/dang-nhap/",
        "campaign": CampaignPage.objects.live().first().url,
        "search": "/tim-kiem/?q=lanh+dao",
        "newsletter": "/ban-tin/",
    }


def trainee_pages():
    registration = Registration.objects.get(person__user__email="hocvien@demo.local")
    return {
        "my courses": "/dao-tao/cua-toi/",
        "profile": "/tai-khoan/ho-so/",
        "cancel (confirm)": f"/dao-tao/cua-toi/{registration.pk}/huy/",
        "withdraw consent (confirm)": "/tai-khoan/ho-so/rut-dong-y/",
        "my data": "/du-lieu-ca-nhan/",
        "erase my data": "/du-lieu-ca-nhan/xoa/",
    }


def _violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG_21_AA)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})" for v in results.response["violations"]]


def _log_in(page, base):
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "hocvien@demo.local")
    page.fill("#id_password", settings.DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dao-tao/cua-toi/")


@pytest.mark.parametrize("width", [1366, 375])
def test_axe_finds_no_wcag_21_aa_violation(demo_site, browser, width):  # noqa: F811
    page = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900}).new_page()
    found = {}
    for name, path in public_pages().items():
        page.goto(demo_site + path)
        found[name] = _violations(page)
    page.goto(demo_site + "/tai-khoan/dang-ky/")
    page.locator("main").get_by_role("button", name="Tạo tài khoản").click()
    page.wait_for_selector(".error-summary")
    found["sign-up form with errors"] = _violations(page)
    _log_in(page, demo_site)
    for name, path in trainee_pages().items():
        page.goto(demo_site + path)
        found[name] = _violations(page)
    print(f"\naxe-core WCAG 2.1 AA at {width}px: " + ", ".join(f"{name} {len(v)}" for name, v in found.items()))
    assert not {name: v for name, v in found.items() if v}


@pytest.mark.skipif(not VNU_JAR.exists() or shutil.which("java") is None,
                    reason="the Nu HTML Checker is not installed (npm install --prefix var/tools vnu-jar; needs java)")
def test_nu_html_checker_finds_no_error(demo_site, client, tmp_path):
    pages = {**public_pages()}
    files = []
    for name, path in pages.items():
        files.append(_save(tmp_path, name, client.get(path)))
    files.append(_save(tmp_path, "sign-up form with errors", client.post("/tai-khoan/dang-ky/", {})))
    client.login(username="hocvien@demo.local", password=settings.DEMO_PASSWORD)
    for name, path in trainee_pages().items():
        files.append(_save(tmp_path, name, client.get(path)))
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{pathlib.Path(m.get('url', '')).name}: {m.get('message')} «{m.get('extract', '')}»" for m in messages
              if m.get("type") == "error"]
    print(f"\nNu HTML Checker: {len(files)} pages, {len(errors)} errors")
    assert not errors


def _save(folder, name, response):
    assert response.status_code == 200, (name, response.status_code)
    path = folder / (name.replace(" ", "-").replace("(", "").replace(")", "") + ".html")
    path.write_bytes(response.content)
    return path
