"""The publishing journey in a browser (Playwright + Debian's Chromium, headless): a reader
subscribes and confirms; an officer writes an article, uploads its image through the image
chooser and submits it; an approver sets a go-live time in the publishing schedule and
approves; when beat's publish_scheduled (sent to a real worker) runs at that time, and not
before, the article appears on the home page, in its topic list, in the feed, in the sitemap
and in search by an unaccented query; the next digest brings it to the subscriber, once.
The clock is the real one, so the test waits for the go-live minute (about a minute).

What made this test flaky before, each fixed by waiting on the state the server will read:
- Draftail (the rich-text editor) copies its content into the hidden `body-0-value` input
  250 ms after the last keystroke (its stateSaveInterval). A robot that submitted sooner
  sent an empty paragraph: either the submission was refused as "required" (the awaited
  navigation never came) or, when the empty paragraph went out as `<p></p>` and was
  accepted, the approver's editor read it back as nothing and the approval was refused
  with "Trường này là bắt buộc" on body-0-value. The officer now waits until the hidden
  input holds the text, and the server refuses an empty paragraph at submission
  (cms/blocks.py ParagraphBlock), so a person cannot get into that state either.
- The go-live time was written by script into the schedule dialog's input, which Wagtail
  resets when the dialog closes without "Save schedule"; the approver now types it, closes
  the date picker, saves the schedule and then approves.
- Time-machine also moves time.monotonic: a worker thread waiting on its broker when a
  travel ended never woke up again, so the test no longer travels in time."""

import datetime
import io
import os
import re
import shutil
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium") and not shutil.which("chromium"),
                       reason="Chromium is not installed"),
]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
OFFICER, APPROVER, READER = "truyenthong@demo.local", "nguoiduyet@demo.local", "doc-gia@example.vn"
TITLE = "Nữ phó chủ tịch xã trẻ nhất tỉnh Đồng Nai"
SUMMARY = "Chị được bầu làm phó chủ tịch xã khi mới 29 tuổi."
BODY = "Chị bắt đầu từ cán bộ đoàn xã và được đưa vào diện quy hoạch năm 2021."
IMAGE_TITLE = "Nữ phó chủ tịch xã tại hội nghị"
TIMEOUT = 30_000  # ms; generous for a loaded 2-core machine, never waited out when things work
GO_LIVE_MARGIN = datetime.timedelta(seconds=45)  # time the approver's save and approval may take
BEAT_INTERVAL = 5  # seconds between the test's beat ticks (beat itself: every minute)


@pytest.fixture
def browser(live_server, transactional_db, settings, monkeypatch):
    # Approvers prove a second factor at login; that step is covered in tests/security.
    settings.TWO_FACTOR_REQUIRED = False
    # Wagtail 7.4 autosaves the draft in the background while the form is filled; a robot
    # typing at machine speed races it and can create the page twice.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    # The test runs the dispatcher itself (once the ledger carries the digest); a kick would
    # have the worker race it for the same rows.
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here
    from playwright.sync_api import sync_playwright

    call_command("load_demo_data", verbosity=0)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        chromium.base_url = live_server.url
        yield chromium
        chromium.close()


def new_page(browser):
    page = browser.new_context(locale="vi-VN").new_page()
    page.set_default_timeout(TIMEOUT)
    page.set_default_navigation_timeout(TIMEOUT)
    return page


def log_in(browser, email):
    page = new_page(browser)
    page.goto(browser.base_url + "/admin/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", "Demo@2026")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))
    return page


def delivered_to(address):
    """The mail sent to `address` so far. Messages may be queued in the notifications ledger
    rather than sent at once, so the dispatcher runs first (it does nothing when the ledger
    holds nothing due)."""
    from campaigns.notifications.services.dispatch import run_dispatcher

    run_dispatcher()
    return [message for message in mail.outbox if address in message.to]


def form_errors(page):
    """What the admin says is wrong with the form it re-rendered, with the fields concerned."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
            '.error-message, .w-field__errors, .help-critical, .messages .error'))
        .filter(e => e.textContent.trim())
        .map(e => [(e.closest('[id]') || {}).id, e.textContent.trim()])""")


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), (138, 28, 74)).save(buffer, "PNG")
    return buffer.getvalue()


def subscribe_and_confirm(browser):
    from playwright.sync_api import expect

    page = new_page(browser)
    page.goto(browser.base_url + "/ban-tin/")
    page.fill("input[name=email]", READER)
    with page.expect_navigation():
        page.locator("form:has(input[name=email]) [type=submit]").click()
    expect(page.get_by_text("Vui lòng xác nhận email")).to_be_visible()
    (message,) = delivered_to(READER)
    link = re.search(r"https?://\S+/ban-tin/xac-nhan/\S+/", message.body).group(0)
    page.goto(browser.base_url + urlsplit(link).path)  # the link opens a page with one button
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận đăng ký").click()
    expect(page.locator("h1")).to_have_text("Đã xác nhận đăng ký")
    page.context.close()


def officer_writes_and_submits(browser, news, topic):
    from playwright.sync_api import expect

    page = log_in(browser, OFFICER)
    page.goto(f"{browser.base_url}/admin/pages/add/cms/articlepage/{news.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)

    # The hero image: uploaded from the image chooser's "upload" tab, which then chooses it.
    page.locator("#id_hero_image-chooser .unchosen [data-chooser-action-choose]").click()
    modal = page.locator(".modal")
    modal.locator("#tab-label-upload").click()
    modal.locator("#id_image-chooser-upload-title").fill(IMAGE_TITLE)
    modal.locator("#id_image-chooser-upload-file").set_input_files(
        {"name": "pho-chu-tich-xa.png", "mimeType": "image/png", "buffer": png_bytes()})
    modal.locator("form[data-chooser-modal-creation-form] [type=submit]").click()
    expect(page.locator("input[name=hero_image]")).to_have_value(re.compile(r"^\d+$"))
    expect(modal).to_be_hidden()
    page.fill("#id_hero_alt", "Nữ phó chủ tịch xã phát biểu tại hội nghị")
    page.check(f"input[name=topics][value='{topic.pk}']")

    # The body: one paragraph. Draftail copies what is typed into the hidden input 250 ms
    # after the last keystroke; submit only once the input holds the text.
    body = "[id^='panel-child-'][id$='-body-content']"  # ids come from translated headings
    page.locator(f"{body} button[title], {body} .c-sf-add-button").first.click()
    page.locator("[role=option]", has_text="Đoạn văn").click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.press_sequentially(BODY)
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(re.escape(BODY)))

    page.locator("footer .w-dropdown__toggle").first.click()
    submit = page.locator("button[name='action-submit']")
    expect(submit).to_be_visible()
    with page.expect_navigation():
        submit.click()
    # Submitted pages go back to their parent's listing; a refused form stays on "add".
    assert urlsplit(page.url).path == f"/admin/pages/{news.pk}/", form_errors(page)
    page.context.close()


def approver_schedules_and_approves(browser, article, news):
    """Returns the go-live time set: the next whole minute at least GO_LIVE_MARGIN ahead (the
    field has minutes only), so that it is still ahead when the approval lands."""
    from playwright.sync_api import expect

    page = log_in(browser, APPROVER)
    page.goto(f"{browser.base_url}/admin/pages/{article.pk}/edit/")
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile(re.escape(BODY)))
    soon = timezone.now() + GO_LIVE_MARGIN
    go_live = soon.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    typed = timezone.localtime(go_live).strftime("%d/%m/%Y %H:%M")

    # Status side panel → "Set schedule" → go-live time → "Save schedule". Closing the
    # dialog any other way resets the field (w-dialog:hidden → w-action#reset), so the
    # schedule is saved as a draft first and then approved.
    page.locator("[data-side-panel-toggle='status']").click()
    page.locator("[data-side-panel='status'] [data-a11y-dialog-show='schedule-publishing-dialog']").click()
    dialog = page.locator("#schedule-publishing-dialog")
    go_live_field = dialog.locator("input[name=go_live_at]")
    expect(go_live_field).to_be_visible()
    go_live_field.fill(typed)
    # The date picker opens (shortly) on focus and covers "Save schedule"; once it is open,
    # a click away from the field closes it, as it does for a person.
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    dialog.locator("#title-schedule-publishing-dialog").click()
    expect(picker).to_have_count(0)
    with page.expect_navigation():
        dialog.locator("button.action-save[type=submit]").click()
    assert urlsplit(page.url).path == f"/admin/pages/{article.pk}/edit/", form_errors(page)
    expect(page.locator("input[name=go_live_at]")).to_have_value(typed)

    # "Duyệt" (approve) without a comment: the action whose button opens no modal.
    approve = page.locator("footer button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])")
    if not approve.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    expect(approve).to_be_visible()
    with page.expect_navigation():
        approve.click()
    # After a workflow action the editor goes back to the parent's listing.
    assert urlsplit(page.url).path == f"/admin/pages/{news.pk}/", form_errors(page)
    page.context.close()
    return go_live


def beat_publishes_when_due(article, go_live):
    """Send publish_scheduled to the worker the way beat does, every few seconds instead of
    every minute, until the article is live; runs before the go-live time must not publish
    it. The clock is the real one: time-machine also moves time.monotonic, and a worker
    thread waiting on its broker when the travel ends would never wake up again."""
    from tasks.publishing import publish_scheduled

    deadline = go_live + datetime.timedelta(minutes=2)
    while True:
        publish_scheduled.delay().get(timeout=60)
        article.refresh_from_db()
        if article.live:
            # Stamped by the publication itself, when the worker ran the task.
            published = article.first_published_at
            assert published >= go_live, f"published at {published}, before its go-live time {go_live}"
            return
        assert timezone.now() < deadline, f"not published by {deadline}"
        time.sleep(BEAT_INTERVAL)


def test_officer_to_approver_to_scheduled_publication_to_digest(browser, celery_worker):
    from wagtail.models import PageLogEntry

    from cms.models import ArticleIndexPage, ArticlePage, Topic
    from tasks.cms import send_newsletter_digest

    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    topic = Topic.objects.get(slug="lanh-dao-nu")
    subscribe_and_confirm(browser)

    officer_writes_and_submits(browser, news, topic)
    (article,) = ArticlePage.objects.filter(title=TITLE)
    log = list(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert not article.live and article.current_workflow_state is not None, log
    assert article.current_workflow_state.status == "in_progress"
    draft = article.get_latest_revision_as_object()
    assert draft.hero_image.title == IMAGE_TITLE
    assert BODY in str(draft.body[0].value)
    assert [t.slug for t in draft.topics.all()] == ["lanh-dao-nu"]

    go_live = approver_schedules_and_approves(browser, article, news)
    article.refresh_from_db()
    assert not article.live and article.go_live_at == go_live
    assert article.current_workflow_state is None  # approved: the workflow is over

    reader = new_page(browser)
    base = browser.base_url
    path = f"/tin-tuc/{article.slug}/"
    assert reader.goto(base + path).status == 404  # not before its time
    beat_publishes_when_due(article, go_live)
    assert article.url == path

    reader.goto(base + "/")
    assert reader.locator(f"a[href='{path}']").count() >= 1
    reader.goto(base + f"/tin-tuc/?topic={topic.slug}")
    assert reader.locator(f"a[href='{path}']").count() == 1
    assert TITLE in reader.goto(base + "/feeds/rss/").text()
    assert path in reader.goto(base + "/sitemap.xml").text()
    reader.goto(base + "/tim-kiem/?q=" + "pho chu tich xa tre nhat")
    assert reader.locator(".search-result h2 a").first.inner_text() == TITLE
    assert reader.locator(".search-result mark").first.inner_text().lower() == "phó"
    reader.goto(base + path)
    assert reader.locator("img.hero__image").get_attribute("src").endswith(".webp")

    mail.outbox.clear()
    send_newsletter_digest.delay().get(timeout=120)  # as beat sends it
    first = delivered_to(READER)
    send_newsletter_digest.delay().get(timeout=120)  # a second run (a retry, a double beat)
    again = delivered_to(READER)
    assert len(first) == 1 and len(again) == 1, [m.subject for m in again]
    assert TITLE in first[0].body
    tracked = re.search(r"http\S+(/r/\S+)", first[0].body).group(1)  # the article's link, tracked (campaigns/reach)
    reader.goto(base + tracked)
    assert reader.url.split("?")[0] == base + path
