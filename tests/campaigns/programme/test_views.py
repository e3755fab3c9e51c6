"""The monitoring screens in the Wagtail admin: who may see them, what they show, exports
and the upload → dry run → confirm flow."""

import io
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from campaigns.accounts import roles
from campaigns.programme.models import ImportJob, ImportStatus, PostHolding
from demo.programme import demo_spreadsheets

DASHBOARD = "/admin/chuong-trinh/"


def login(client, role):
    user = get_user_model().objects.get(groups__name=role)
    if role in roles.TWO_FACTOR_ROLES:
        from tests.security.otp import login_verified

        login_verified(client, user)
    else:
        client.force_login(user)
    return user


@pytest.mark.parametrize("role", [roles.TRAINEE, roles.COMMUNICATIONS_OFFICER, roles.APPROVER])
def test_other_roles_are_refused(programme_demo, client, role):
    login(client, role)
    for url in (DASHBOARD, DASHBOARD + "chua-dao-tao/?unit=DN", DASHBOARD + "xuat/?unit=DN", DASHBOARD + "nhap/"):
        assert client.get(url).status_code in (302, 403), url


def test_anonymous_is_sent_to_login(programme_demo, client):
    assert client.get(DASHBOARD)["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("role", [roles.ORGANIZER, roles.MONITOR])
def test_organizers_and_monitors_read_but_may_not_import(programme_demo, client, role):
    """Monitors only read (PRODUCT.md): imports belong to administrators (docs/security.md)."""
    login(client, role)
    page = client.get(DASHBOARD)
    assert page.status_code == 200 and "Nhập dữ liệu từ Excel" not in page.content.decode()
    for url in (DASHBOARD + "nhap/",):
        refused = client.get(url)  # Wagtail turns PermissionDenied into a redirect home
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    content = demo_spreadsheets()["chuc-danh.xlsx"]
    refused = client.post(DASHBOARD + "nhap/", {"kind": "posts", "file": SimpleUploadedFile("chuc-danh.xlsx", content)})
    assert refused.status_code == 302 and not ImportJob.objects.exists()


def test_monitor_sees_binh_phuoc_before_the_merger_with_drill_down(programme_demo, client):
    login(client, roles.MONITOR)
    html = client.get(DASHBOARD, {"unit": "BP", "as_of": "30/06/2025"}).content.decode()
    assert "Tỉnh Bình Phước — tính đến ngày 30/06/2025" in html
    assert "Cần thêm 2 phụ nữ vào quy hoạch để đạt 40%." in html
    assert "4 / 6" in html and "66,7" in html
    assert "?unit=BP-BGM&amp;as_of=30%2F06%2F2025" in html  # drill-down keeps the date
    assert '<svg width="560"' in html and 'id="chart-table"' in html


def test_bad_date_is_explained_and_today_used(programme_demo, client):
    login(client, roles.MONITOR)
    html = client.get(DASHBOARD, {"unit": "DN", "as_of": "2025-06-30"}).content.decode()
    assert "Nhập ngày theo dạng dd/mm/yyyy." in html and "Tỉnh Đồng Nai — tính đến ngày" in html


def test_unit_that_did_not_exist_yet_gets_a_clear_message(programme_demo, client):
    login(client, roles.MONITOR)
    html = client.get(DASHBOARD, {"unit": "DN", "as_of": "30/06/2025"}).content.decode()
    assert "Đơn vị Tỉnh Đồng Nai không tồn tại vào ngày 30/06/2025." in html


def test_exports_match_the_screen(programme_demo, client):
    login(client, roles.MONITOR)
    response = client.get(DASHBOARD + "xuat/", {"unit": "DN", "table": "breakdown", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["DN-DO"][2:5] == (1, 1, 100)
    csv = client.get(DASHBOARD + "xuat/", {"unit": "BP", "as_of": "30/06/2025", "format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert "Nữ trong quy hoạch lãnh đạo,3,10,30.0,40.0,2025,347/KH-UBND,Có nguy cơ không đạt,2" in csv


def test_untrained_list_and_export(programme_demo, client):
    login(client, roles.ORGANIZER)
    html = client.get(DASHBOARD + "chua-dao-tao/", {"unit": "DN"}).content.decode()
    assert "Võ Thị Kim Liên" in html and "Điểu Thị Thảo" not in html
    assert 'href="/admin/snippets/notifications/broadcast/add/"' in html  # compose a broadcast to them
    before = client.get(DASHBOARD + "chua-dao-tao/", {"unit": "BP", "as_of": "30/06/2025"}).content.decode()
    assert "Điểu Thị Thảo" in before  # trained only on 10/09/2025
    csv = client.get(DASHBOARD + "chua-dao-tao/", {"unit": "DN", "format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[1].startswith("Võ Thị Kim Liên,1989,")


def test_template_download_is_an_xlsx_with_the_columns(programme_demo, client):
    login(client, roles.MONITOR)
    sheet = load_workbook(io.BytesIO(client.get(DASHBOARD + "mau/pool.xlsx").content))["Quy hoạch"]
    assert [c.value for c in sheet[1]][:2] == ["Họ và tên", "Giới tính"]


def _finished(job):
    """The job once the worker is done with it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status not in (ImportStatus.PENDING, ImportStatus.RUNNING):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job stayed {job.status}")


def test_the_upload_request_only_stores_and_hands_over(programme_demo, client):
    """No worker runs here: the request answers without checking the file itself."""
    user = login(client, roles.ADMINISTRATOR)
    content = demo_spreadsheets()["chuc-danh.xlsx"]
    client.post(DASHBOARD + "nhap/", {"kind": "posts", "file": SimpleUploadedFile("chuc-danh.xlsx", content)})
    job = ImportJob.objects.get(created_by=user)
    assert job.status == ImportStatus.PENDING and job.summary == {}
    assert 'id="job-progress"' in client.get(f"{DASHBOARD}nhap/{job.pk}/").content.decode()


def test_upload_dry_run_then_confirm(programme_demo, client, celery_worker):
    user = login(client, roles.ADMINISTRATOR)
    PostHolding.objects.all().delete()
    content = demo_spreadsheets()["chuc-danh.xlsx"]
    response = client.post(
        DASHBOARD + "nhap/", {"kind": "posts", "file": SimpleUploadedFile("chuc-danh.xlsx", content)}
    )
    job = _finished(ImportJob.objects.get(created_by=user))
    assert response["Location"] == f"{DASHBOARD}nhap/{job.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Không có lỗi. Sẽ nhập 18 dòng: thêm mới 18, cập nhật 0." in html and not PostHolding.objects.exists()
    client.post(f"{DASHBOARD}nhap/{job.pk}/xac-nhan/")
    job = _finished(job)
    assert job.status == ImportStatus.DONE and PostHolding.objects.count() == 18


def test_upload_errors_are_listed_by_row(programme_demo, client, celery_worker):
    user = login(client, roles.ADMINISTRATOR)
    response = client.post(
        DASHBOARD + "nhap/",
        {"kind": "pool", "file": SimpleUploadedFile("sai.xlsx", demo_spreadsheets()["chuc-danh.xlsx"])},
    )
    _finished(ImportJob.objects.get(created_by=user))
    html = client.get(response["Location"]).content.decode()
    assert "Không có trang tính “Quy hoạch”" in html or "Thiếu cột" in html
    bad_type = client.post(DASHBOARD + "nhap/", {"kind": "pool", "file": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in bad_type.content.decode()


def test_cards_draw_the_trend_from_snapshots_with_its_table(programme_demo, client):
    import datetime

    from campaigns.programme.models import OrganisationUnit
    from campaigns.programme.snapshots import take_snapshots

    dong_nai = OrganisationUnit.objects.get(code="DN")
    for day in (datetime.date(2025, 8, 1), datetime.date(2026, 4, 1)):
        take_snapshots(as_of=day, units=[dong_nai])
    login(client, roles.MONITOR)
    html = client.get(DASHBOARD, {"unit": "DN", "as_of": "01/06/2026"}).content.decode()
    assert html.count("<polyline") == 4 and "<td>01/08/2025</td>" in html and "<td>01/04/2026</td>" in html
    by_level = client.get(DASHBOARD, {"unit": "DN", "as_of": "01/06/2026", "level": "commune"}).content.decode()
    assert "<polyline" not in by_level and "Xu hướng chỉ có khi xem tất cả các cấp." in by_level


def test_snapshot_on_demand_is_saved_once_by_an_organizer_never_by_a_monitor(programme_demo, client):
    from campaigns.programme.models import IndicatorSnapshot

    login(client, roles.MONITOR)
    assert "Lưu ảnh chụp chỉ tiêu" not in client.get(DASHBOARD, {"unit": "BP", "as_of": "30/06/2025"}).content.decode()
    assert client.post(DASHBOARD + "chup/", {"unit": "BP", "as_of": "30/06/2025"}).status_code in (302, 403)
    assert not IndicatorSnapshot.objects.exists()
    client.logout()
    login(client, roles.ORGANIZER)
    assert "Lưu ảnh chụp chỉ tiêu" in client.get(DASHBOARD, {"unit": "BP", "as_of": "30/06/2025"}).content.decode()
    for _ in range(2):
        response = client.post(DASHBOARD + "chup/", {"unit": "BP", "as_of": "30/06/2025"})
    assert response.status_code == 302 and "unit=BP" in response["Location"]
    assert IndicatorSnapshot.objects.filter(unit__code="BP", as_of="2025-06-30").count() == 4
    client.post(DASHBOARD + "chup/", {"unit": "DN", "as_of": "30/06/2025"})  # not yet existing: nothing saved
    assert not IndicatorSnapshot.objects.filter(unit__code="DN").exists()
