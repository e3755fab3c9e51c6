"""The publishing journey in a browser (Playwright + Debian's Chromium, headless): a reader
subscribes and confirms; an officer writes an article with an image and submits it; an
approver approves it with a go-live time; when beat's publish_scheduled runs at that time
the article appears on the home page, in its topic list, in the feed, in the sitemap and in
search by an unaccented query; the next digest brings it to the subscriber, once."""

import datetime
import os
import re
import shutil
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

pytestmark = [
    pytest.mark.e2e,
    # Known flaky (see the CMS report): on a loaded machine the admin's scripts (StreamField,
    # autosave, the action dropdown) are sometimes not ready when the robot acts, and the
    # approver's form then comes back with "required" errors. The server-side flow is
    # covered deterministically in tests/cms/test_workflow.py.
    pytest.mark.xfail(strict=False, reason="admin editor timing under load; see tests/cms/test_workflow.py"),
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium") and not shutil.which("chromium"),
                       reason="Chromium is not installed"),
]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
TITLE = "Nữ phó chủ tịch xã trẻ nhất tỉnh Đồng Nai"
SLUG = "nu-pho-chu-tich-xa-tre-nhat"


@pytest.fixture
def browser(live_server, transactional_db, settings):
    # Approvers prove a second factor at login; that step is covered in tests/security.
    settings.TWO_FACTOR_REQUIRED = False
    # Wagtail 7.4 autosaves the draft in the background while the form is filled; a robot
    # typing at machine speed races it and can create the page twice.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop here
    from playwright.sync_api import sync_playwright

    call_command("load_demo_data", verbosity=0)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        chromium.base_url = live_server.url
        yield chromium
        chromium.close()


def new_page(browser):
    page = browser.new_context(locale="vi-VN").new_page()
    page.set_default_timeout(20_000)
    return page


def log_in(browser, email):
    page = new_page(browser)
    page.goto(browser.base_url + "/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", "Demo@2026")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page


def subscribe_and_confirm(browser):
    page = new_page(browser)
    page.goto(browser.base_url + "/ban-tin/")
    page.get_by_label("Địa chỉ email").fill("doc-gia@example.vn")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_selector("text=Vui lòng xác nhận email")
    link = re.search(r"http://\S+/ban-tin/xac-nhan/\S+/", mail.outbox[-1].body).group(0)
    page.goto(browser.base_url + urlsplit(link).path)
    assert page.locator("h1").inner_text() == "Đã xác nhận đăng ký"
    page.context.close()


def officer_writes_and_submits(browser, news_id, image_id):
    page = log_in(browser, "truyenthong@demo.local")
    page.goto(f"{browser.base_url}/admin/pages/add/cms/articlepage/{news_id}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Chị được bầu làm phó chủ tịch xã khi mới 29 tuổi.")
    page.fill("#id_hero_alt", "Nữ phó chủ tịch xã tại hội nghị")
    page.evaluate("id => { document.querySelector('input[name=hero_image]').value = String(id); }", image_id)
    page.get_by_label("Lãnh đạo nữ").check()
    # Panel ids come from the (translated) tab headings, so match the body panel by its suffix.
    body = "[id^='panel-child-'][id$='-body-content']"
    page.locator(f"{body} button[title], {body} .c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Chị bắt đầu từ cán bộ đoàn xã và được đưa vào diện quy hoạch năm 2021.")
    page.evaluate("slug => { document.querySelector('#id_slug').value = slug; }", SLUG)
    page.locator("footer .w-dropdown__toggle").first.click()
    page.locator("button[name='action-submit']").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/(edit/)?$"))
    page.wait_for_load_state()
    page.context.close()


def approver_approves_with_go_live(browser, article_id, go_live):
    page = log_in(browser, "nguoiduyet@demo.local")
    page.goto(f"{browser.base_url}/admin/pages/{article_id}/edit/")
    page.locator(".public-DraftEditor-content").first.wait_for()  # the StreamField is built by script
    page.evaluate("value => { document.querySelector('input[name=go_live_at]').value = value; }",
                  timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"))
    approve = page.locator("button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
    if not approve.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    with page.expect_navigation():
        approve.click()
    page.wait_for_load_state()
    errors = page.locator(".error-message, .w-field__errors, .help-critical, .messages").all_inner_texts()
    fields = page.evaluate("""() => Array.from(document.querySelectorAll('.error-message, .w-field__errors'))
        .filter(e => e.textContent.trim()).map(e => (e.closest('[id]') || {}).id)""")
    assert not [e for e in errors if "bắt buộc" in e or "could not be saved" in e], (errors, fields)
    page.context.close()


def test_officer_to_approver_to_scheduled_publication_to_digest(browser):
    from wagtail.images import get_image_model

    from cms.models import ArticleIndexPage, ArticlePage
    from cms.newsletter.services import send_digests
    from tasks.publishing import publish_scheduled

    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    image = get_image_model().objects.first()
    subscribe_and_confirm(browser)

    officer_writes_and_submits(browser, news.pk, image.pk)
    article = ArticlePage.objects.filter(title=TITLE).latest("pk")
    assert ArticlePage.objects.filter(title=TITLE).count() == 1
    from wagtail.models import PageLogEntry

    log = list(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert not article.live and article.current_workflow_state is not None, log
    assert article.current_workflow_state.status == "in_progress"
    assert article.get_latest_revision_as_object().hero_image_id == image.pk

    go_live = timezone.now() + datetime.timedelta(hours=1)
    approver_approves_with_go_live(browser, article.pk, go_live)
    article.refresh_from_db()
    assert not article.live and article.go_live_at is not None

    reader = new_page(browser)
    base = browser.base_url
    assert reader.goto(f"{base}/tin-tuc/{SLUG}/").status == 404
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        publish_scheduled()
    article.refresh_from_db()
    assert article.live

    reader.goto(base + "/")
    assert reader.get_by_role("link", name=TITLE).count() >= 1
    reader.goto(base + "/tin-tuc/?topic=lanh-dao-nu")
    assert reader.get_by_role("link", name=TITLE).count() == 1
    assert TITLE in reader.goto(base + "/feeds/rss/").text()
    assert f"/tin-tuc/{SLUG}/" in reader.goto(base + "/sitemap.xml").text()
    reader.goto(base + "/tim-kiem/?q=" + "pho chu tich xa tre nhat")
    assert reader.locator(".search-result h2 a").first.inner_text() == TITLE
    assert reader.locator(".search-result mark").first.inner_text().lower() == "phó"
    reader.goto(f"{base}/tin-tuc/{SLUG}/")
    assert reader.locator("img.hero__image").get_attribute("src").endswith(".webp")

    mail.outbox.clear()
    with time_machine.travel(go_live + datetime.timedelta(hours=1)):
        assert send_digests() == 1
        assert send_digests() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["doc-gia@example.vn"]
    assert TITLE in mail.outbox[0].body
