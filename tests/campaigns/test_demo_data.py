"""The demo loader is rerunnable and never duplicates."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from campaigns.accounts import roles
from campaigns.programme.models import OrganisationUnit, Person
from campaigns.training.models import Course, CourseRun, Session


def counts():
    return {
        "users": get_user_model().objects.count(),
        "units": OrganisationUnit.objects.count(),
        "people": Person.objects.count(),
        "courses": Course.objects.count(),
        "runs": CourseRun.objects.count(),
        "sessions": Session.objects.count(),
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
    }


def test_loading_demo_data_twice_creates_nothing_new(db):
    call_command("load_demo_data", verbosity=0)
    first = counts()
    call_command("load_demo_data", verbosity=0)
    assert counts() == first
    assert first["sessions"] >= 3 and first["users"] == len(roles.ROLES)


def test_demo_has_one_account_per_role(demo_data):
    for role in roles.ROLES:
        assert get_user_model().objects.filter(groups__name=role).count() == 1, role


def test_demo_units_record_the_2025_merger_of_binh_phuoc_into_dong_nai(demo_data):
    import datetime

    dong_nai = OrganisationUnit.objects.get(code="DN")
    assert set(dong_nai.predecessors.values_list("code", flat=True)) == {"BP", "DN-OLD"}
    before = set(OrganisationUnit.objects.valid_on(datetime.date(2025, 6, 30)).filter(depth=1).values_list("code", flat=True))
    after = set(OrganisationUnit.objects.valid_on(datetime.date(2025, 7, 1)).filter(depth=1).values_list("code", flat=True))
    assert before == {"BP", "DN-OLD"}
    assert after == {"DN"}


def test_home_page_is_served_in_vietnamese(demo_data, client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Phụ nữ tham gia lãnh đạo, quản lý" in html
    assert "Bình Phước đặt mục tiêu 65%" in html


def test_a_demo_user_can_log_in_to_the_admin(demo_data, client):
    response = client.post("/admin/login/", {"username": "truyenthong@demo.local", "password": "Demo@2026"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
