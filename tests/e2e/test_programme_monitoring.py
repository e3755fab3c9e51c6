"""A monitor imports the demo spreadsheets, reads the four indicators for Đồng Nai today and
for Bình Phước as of 30/06/2025, drills into a commune and exports the table (Chromium)."""

import io
import os
import shutil

import pytest
from openpyxl import load_workbook

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"), reason="Chromium is not installed"),
]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


@pytest.fixture
def page(live_server, transactional_db):
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
    from playwright.sync_api import sync_playwright

    from demo import programme, users

    programme.load_units_and_plans(users.load())  # units and plans only: the people come from the spreadsheets
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.base_url = live_server.url
        yield page
        browser.close()


def card(page, code):
    return page.locator(f'article[data-indicator="{code}"]')


def test_monitor_imports_reads_drills_down_and_exports(page, tmp_path, celery_worker):
    from demo.programme import demo_spreadsheets

    base = page.base_url
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", "giamsat@demo.local")
    page.fill("input[name=password]", "Demo@2026")
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")

    for (name, content), kind in zip(demo_spreadsheets().items(), ["posts", "pool", "training"], strict=True):
        path = tmp_path / name
        path.write_bytes(content)
        page.goto(base + "/admin/chuong-trinh/nhap/")
        page.select_option("select[name=kind]", kind)
        page.set_input_files("input[type=file]", str(path))
        page.click("button:has-text('Chạy thử')")
        page.wait_for_selector("text=Không có lỗi.", timeout=90_000)  # a worker checks it meanwhile
        assert page.locator("#import-preview tbody tr").count() > 0
        page.click("button:has-text('Nhập dữ liệu')")
        page.wait_for_selector("text=Đã nhập", timeout=90_000)

    page.goto(base + "/admin/chuong-trinh/")
    page.select_option("select[name=unit]", "DN")
    page.click("button:has-text('Xem')")
    page.wait_for_selector("h2:has-text('Tỉnh Đồng Nai — tính đến ngày')")
    assert "3 / 4" in card(page, "key_leader").inner_text()
    assert "7 / 14" in card(page, "pool_women").inner_text()
    trained = card(page, "pool_trained").inner_text()
    assert "6 / 7" in trained and "Cần thêm 1 phụ nữ được đào tạo để đạt 90%." in trained
    assert "1 / 1" in card(page, "minority_leaders").inner_text()

    page.select_option("select[name=unit]", "BP")
    page.fill("input[name=as_of]", "30/06/2025")
    page.click("button:has-text('Xem')")
    page.wait_for_selector("h2:has-text('Tỉnh Bình Phước — tính đến ngày 30/06/2025')")
    assert "4 / 6" in card(page, "key_leader").inner_text()
    assert "Cần thêm 2 phụ nữ vào quy hoạch để đạt 40%." in card(page, "pool_women").inner_text()
    assert "2 / 3" in card(page, "pool_trained").inner_text()
    assert "1 / 2" in card(page, "minority_leaders").inner_text()

    page.click("#breakdown >> text=Huyện Bù Gia Mập")
    page.click("#breakdown >> text=Xã Đắk Ơ")
    page.wait_for_selector("h2:has-text('Xã Đắk Ơ — tính đến ngày 30/06/2025')")
    assert "1 / 1" in card(page, "key_leader").inner_text()
    assert "1 / 2" in card(page, "pool_women").inner_text()  # Thảo and Lâm Văn Hậu
    page.click("h2 >> text=← Huyện Bù Gia Mập")
    page.wait_for_selector("h2:has-text('Huyện Bù Gia Mập')")

    with page.expect_download() as download_info:
        page.click("text=Xuất bảng (XLSX)")
    sheet = load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read())).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["BP-BGM-DO"][2:5] == (1, 1, 100)
