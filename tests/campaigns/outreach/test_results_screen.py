"""The results screen in the admin: who reads which campaign, what it shows (figures, reasons
for zeros, filters), its formula-safe exports and the comparison of campaigns."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from campaigns.accounts import roles
from campaigns.outreach.models import Campaign
from campaigns.outreach.rollup import refresh_campaign
from campaigns.security.models import StaffScope
from tests.security.helpers import make_user

from . import world as world_module


@pytest.fixture
def refreshed(db):
    data = world_module.build(broadcast_title="=HYPERLINK(\"http://evil.example\",\"Bấm\")")
    refresh_campaign(campaign_id=data["campaign"].pk)
    return data


def _client(client, role, unit=None):
    user = make_user(role)
    if unit is not None:
        StaffScope.objects.create(user=user, unit=unit)
    client.force_login(user)
    return client


def url(campaign, suffix=""):
    return f"/admin/chien-dich/{campaign.pk}/ket-qua/{suffix}"


def test_officer_of_the_campaign_unit_reads_the_figures(refreshed, client):
    _client(client, roles.COMMUNICATIONS_OFFICER, unit=refreshed["province"])
    response = client.get(url(refreshed["campaign"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Phễu: từ lượt xem đến hoàn thành" in html
    funnel = response.context["results"].funnel
    assert [s["value"] for s in funnel] == [180, 20, 5, 4, 3, 2, 1]
    assert 'id="daily-table"' in html and "<svg" in html
    assert refreshed["page"].title in html
    assert "Đạt mục tiêu" in html  # pool_trained 50% against a goal of 40%


def test_monitor_reads_but_the_screen_changes_nothing(refreshed, client):
    _client(client, roles.MONITOR)
    assert client.get(url(refreshed["campaign"])).status_code == 200
    assert client.post(url(refreshed["campaign"])).status_code == 405
    # Monitors view campaigns but may not edit them.
    campaign = refreshed["campaign"]
    assert client.get(f"/admin/snippets/outreach/campaign/edit/{campaign.pk}/").status_code in (302, 403)
    assert client.get("/admin/snippets/outreach/campaign/").status_code == 200


def test_officer_of_another_unit_gets_404_everywhere(refreshed, client):
    _client(client, roles.COMMUNICATIONS_OFFICER, unit=refreshed["b"])  # the campaign is the province's
    campaign = refreshed["campaign"]
    assert client.get(url(campaign)).status_code == 404
    assert client.get(url(campaign, "xuat/?format=csv")).status_code == 404
    assert client.get(f"/admin/chien-dich/so-sanh/?c={campaign.pk}&c={campaign.pk}").status_code == 404
    assert client.get(f"/admin/snippets/outreach/campaign/edit/{campaign.pk}/").status_code == 404
    listing = client.get("/admin/chien-dich/").content.decode()
    assert campaign.title not in listing


def test_organizers_and_trainees_are_refused(refreshed, client):
    _client(client, roles.ORGANIZER)
    response = client.get(url(refreshed["campaign"]))
    # Wagtail answers a refusal inside the admin with a redirect to its dashboard.
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")
    client.logout()
    _client(client, roles.TRAINEE)
    assert client.get(url(refreshed["campaign"])).status_code in (302, 403)


def test_unit_filter_offers_only_the_campaigns_units_and_refuses_others(refreshed, client):
    _client(client, roles.MONITOR)
    campaign = refreshed["campaign"]
    response = client.get(url(campaign), {"unit": refreshed["province"].code})
    assert response.status_code == 200
    assert "không chia theo đơn vị" in response.content.decode()
    assert client.get(url(campaign), {"unit": refreshed["a"].code}).status_code == 404  # not one of its units


def test_bad_dates_are_explained_in_vietnamese(refreshed, client):
    _client(client, roles.MONITOR)
    campaign = refreshed["campaign"]
    html = client.get(url(campaign), {"start": "2026-13-45"}).content.decode()
    assert "Nhập ngày theo dạng dd/mm/yyyy." in html
    start = campaign.starts_on.strftime("%d/%m/%Y")
    html = client.get(url(campaign), {"start": start, "end": (campaign.starts_on - datetime.timedelta(days=1)).strftime("%d/%m/%Y")}).content.decode()
    assert "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu." in html


def test_date_range_narrows_the_figures(refreshed, client):
    _client(client, roles.MONITOR)
    day = refreshed["d0"].strftime("%d/%m/%Y")
    results = client.get(url(refreshed["campaign"]), {"start": day, "end": day}).context["results"]
    assert (results.totals["views"], results.totals["referral_visits"], results.totals["registrations"]) == (130, 12, 0)


def test_exports_are_formula_safe(refreshed, client):
    _client(client, roles.MONITOR)
    campaign = refreshed["campaign"]
    response = client.get(url(campaign, "xuat/"), {"format": "csv", "table": "messages"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Tin nhắn"
    broadcast = next(row for row in rows if row[1].startswith("broadcast:"))
    assert broadcast[0].startswith("'=HYPERLINK")
    assert broadcast[3:8] == ["4", "3", "1", "1", "9"]
    response = client.get(url(campaign, "xuat/"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Phễu", "Theo lớp học", "Theo ngày", "Trang xem nhiều", "Tin nhắn", "Chỉ tiêu"]
    assert any(str(c.value).startswith("'=HYPERLINK") for c in book["Tin nhắn"]["A"])
    assert not any(str(c.value).startswith("=") for row in book["Tin nhắn"].iter_rows() for c in row)
    assert [c.value for c in book["Phễu"]["B"]][1:] == [180, 20, 5, 4, 3, 2, 1]


def test_campaign_with_nothing_shows_zeros_and_says_why(refreshed, client):
    today = refreshed["today"]
    empty = Campaign.objects.create(title="Chiến dịch trống", slug="trong", starts_on=today - datetime.timedelta(days=3),
                                    ends_on=today + datetime.timedelta(days=3))
    _client(client, roles.MONITOR)
    html = client.get(url(empty)).content.decode()
    assert "Kết quả chưa được tổng hợp" in html
    refresh_campaign(campaign_id=empty.pk)
    response = client.get(url(empty))
    html = response.content.decode()
    assert all(step["value"] == 0 for step in response.context["results"].funnel)
    for reason in ("Chiến dịch chưa có trang nào", "Chiến dịch chưa gắn đợt gửi nào", "Chiến dịch chưa gắn khóa học",
                   "Chiến dịch chưa gắn đơn vị nào"):
        assert reason in html
    assert "Kết quả chưa được tổng hợp" not in html


def test_comparison_side_by_side(refreshed, client):
    today = refreshed["today"]
    other = Campaign.objects.create(title="Chiến dịch mùa thu", slug="mua-thu", starts_on=today - datetime.timedelta(days=60),
                                    ends_on=today - datetime.timedelta(days=40))
    refresh_campaign(campaign_id=other.pk)
    _client(client, roles.MONITOR)
    response = client.get("/admin/chien-dich/so-sanh/", {"c": [refreshed["campaign"].pk, other.pk]})
    assert response.status_code == 200
    columns = response.context["columns"]
    assert [c["campaign"] for c in columns] == [refreshed["campaign"], other]
    assert columns[0]["totals"]["registrations"] == 5 and columns[1]["totals"]["registrations"] == 0
    assert columns[0]["per_thousand"] == 27.8  # 5 registrations per 180 views
    html = response.content.decode()
    assert "Chiến dịch mùa thu" in html and "+50" in html
    one = client.get("/admin/chien-dich/so-sanh/", {"c": [other.pk]}).content.decode()
    assert "Chọn ít nhất hai chiến dịch để so sánh." in one


def test_officer_creates_a_campaign_with_a_goal_for_her_units_only(refreshed, client):
    _client(client, roles.COMMUNICATIONS_OFFICER, unit=refreshed["b"])
    form = client.get("/admin/snippets/outreach/campaign/add/").context["form"]
    assert list(form.fields["units"].queryset) == [refreshed["b"]]
    data = {
        "title": "Chiến dịch xã Minh Hưng", "slug": "xa-minh-hung", "summary": "", "topic": "",
        "starts_on": "2026-12-01", "ends_on": "2026-12-31", "units": [refreshed["b"].pk], "include_digests": "on",
        "goals-TOTAL_FORMS": "1", "goals-INITIAL_FORMS": "0", "goals-MIN_NUM_FORMS": "0", "goals-MAX_NUM_FORMS": "1000",
        "goals-0-indicator": "pool_women", "goals-0-target": "45", "goals-0-note": "", "goals-0-ORDER": "0", "goals-0-id": "",
    }
    response = client.post("/admin/snippets/outreach/campaign/add/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    campaign = Campaign.objects.get(slug="xa-minh-hung")
    assert list(campaign.units.all()) == [refreshed["b"]] and campaign.goals.get().target == 45
    # A unit outside her scope is refused by the form.
    data.update(slug="tinh", units=[refreshed["province"].pk])
    assert client.post("/admin/snippets/outreach/campaign/add/", data).status_code == 200
    assert not Campaign.objects.filter(slug="tinh").exists()
