"""The public site's ways in and the path to a seat: where login and sign-up land, the
header's account state, and the forms (error summary, errors beside their fields, nothing
preset). HTML is read with BeautifulSoup, as a browser would build it."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from campaigns.programme.models import OrganisationUnit, UnitLevel, UnitType
from tests.campaigns.training.factories import PersonFactory, UserFactory, run_with_sessions

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-2026"
SIGN_UP = {
    "full_name": "Lò Thị Hoa", "gender": "female", "email": "lo.hoa@example.vn", "phone": "",
    "password": "Lanh-dao-2026!", "password_again": "Lanh-dao-2026!", "consent": "on",
}


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_login_without_next_lands_on_my_courses(client):
    person = PersonFactory()
    response = client.post(reverse("accounts:login"), {"username": person.user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("training:mine")
    assert client.get(response["Location"]).status_code == 200


def test_login_sends_staff_to_the_dashboard_and_honours_next(client):
    staff = UserFactory(is_staff=True)
    response = client.post(reverse("accounts:login"), {"username": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("wagtailadmin_home")
    client.logout()
    run = run_with_sessions()
    person = PersonFactory()
    back = reverse("training:run", args=[run.pk])
    response = client.post(reverse("accounts:login"), {"username": person.user.email, "password": PASSWORD, "next": back})
    assert response["Location"] == back
    response = client.post(reverse("accounts:login"), {"username": person.user.email, "password": PASSWORD,
                                                       "next": "https://elsewhere.example/"})
    assert response["Location"] == reverse("training:mine")  # another site is never a destination


def test_signed_in_visitor_on_the_login_page_goes_to_her_courses(client):
    client.force_login(PersonFactory().user)
    assert client.get(reverse("accounts:login"))["Location"] == reverse("training:mine")


def test_visitor_on_a_run_is_offered_sign_up_and_login_that_come_back_to_it(client):
    run = run_with_sessions()
    page = soup(client.get(reverse("training:run", args=[run.pk])))
    panel = page.select_one(".action-panel")
    assert panel.find("form") is None  # no POST a visitor would bounce off
    links = {a.get_text(strip=True): a["href"] for a in panel.find_all("a")}
    back = reverse("training:run", args=[run.pk])
    for text in ("Tạo tài khoản để đăng ký", "Đăng nhập"):
        url = urlsplit(links[text])
        assert parse_qs(url.query)["next"] == [back]


def test_sign_up_then_verification_lands_back_on_the_run_with_registration_one_click_away(client):
    run = run_with_sessions()
    back = reverse("training:run", args=[run.pk])
    page = soup(client.get(reverse("accounts:sign_up") + f"?next={back}"))
    assert page.select_one("input[name=next]")["value"] == back
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "next": back})
    assert response["Location"] == reverse("accounts:verify_pending")
    link = re.search(r"http\S+/xac-minh/\S+/", mail.outbox[-1].body).group(0)
    response = client.get(link, follow=True)
    assert response.redirect_chain[-1][0] == back
    page = soup(response)
    assert "Email của bạn đã được xác minh" in page.get_text()
    form = page.select_one(".action-panel form")
    assert form["action"] == reverse("training:register", args=[run.pk])
    assert form.find("button").get_text(strip=True) == "Đăng ký vào lớp"


def test_verification_link_opened_in_another_browser_goes_through_login(client, django_user_model):
    client.post(reverse("accounts:sign_up"), SIGN_UP)
    link = re.search(r"http\S+/xac-minh/\S+/", mail.outbox[-1].body).group(0)
    client.logout()
    response = client.get(link)
    url = urlsplit(response["Location"])
    assert url.path == reverse("accounts:login") and parse_qs(url.query)["next"] == [reverse("training:mine")]


def test_registering_when_logged_out_comes_back_to_the_run_not_to_a_post_only_url(client):
    run = run_with_sessions()
    page = reverse("training:run", args=[run.pk])
    response = client.post(reverse("training:register", args=[run.pk]), HTTP_REFERER=f"http://testserver{page}")
    url = urlsplit(response["Location"])
    assert url.path == reverse("accounts:login") and parse_qs(url.query)["next"] == [f"http://testserver{page}"]


def _account_nav(response):
    return soup(response).select_one("nav.account-nav")


def test_header_shows_account_state(client, site_pages):
    for url in (reverse("training:runs"), "/"):  # a Django view, and a Wagtail page (cached for visitors)
        client.logout()
        nav = _account_nav(client.get(url))
        texts = [a.get_text(strip=True) for a in nav.find_all("a")]
        assert texts == ["Đăng nhập", "Đăng ký tài khoản"], url
        person = PersonFactory(full_name="Hà Thị Mai")
        client.force_login(person.user)
        nav = _account_nav(client.get(url))
        assert "Hà Thị Mai" in nav.get_text()
        assert [a.get_text(strip=True) for a in nav.find_all("a")] == ["Khóa học của tôi", "Hồ sơ"]
        logout = nav.find("form")
        assert logout["action"] == reverse("accounts:logout") and logout.find("button").get_text(strip=True) == "Đăng xuất"
    main_nav = soup(client.get("/")).select_one("nav.site-nav")
    assert main_nav.find("a", string="Đào tạo")["href"] == reverse("training:runs")


@pytest.fixture
def site_pages(db):
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)


def test_error_summary_links_each_error_to_its_field_and_fields_describe_their_errors(client):
    response = client.post(reverse("accounts:sign_up"), {"email": "khong-phai-email", "password": "a", "password_again": "b"})
    page = soup(response)
    summary = page.select_one(".error-summary")
    assert summary is not None and summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    assert page.select_one("main form").find(class_="error-summary") is summary  # at the top of the form
    links = summary.find_all("a")
    assert {a.get_text(strip=True) for a in links} >= {
        "Hãy nhập họ và tên.", "Hãy chọn giới tính.", "Địa chỉ email chưa đúng, ví dụ: ten@coquan.gov.vn.",
        "Hai mật khẩu không khớp.", "Bạn cần đồng ý xử lý dữ liệu cá nhân để đăng ký tài khoản.",
    }
    for link in links:
        target = page.find(id=link["href"].lstrip("#"))
        assert target is not None and target.name == "input", link
        field = target.find_parent(class_="field")
        assert "field--error" in field["class"]
        error = field.find(class_="field-error")
        assert link.get_text(strip=True) in error.get_text()
        described = target.get("aria-describedby", "") or target.find_parent("fieldset").get("aria-describedby", "")
        assert error["id"] in described.split()
        assert target.get("aria-invalid") == "true" or target.find_parent("fieldset") is not None


def test_labels_are_above_fields_with_hints_and_required_marks(client):
    page = soup(client.get(reverse("accounts:sign_up")))
    name = page.find(id="id_full_name")
    label = page.find("label", attrs={"for": "id_full_name"})
    assert label.find(class_="required-mark") is not None
    assert name.find_previous("label") is label  # the label comes before the input
    hint = page.find(id="id_full_name_helptext")
    assert "giấy tờ" in hint.get_text() and "id_full_name_helptext" in name["aria-describedby"]
    phone_label = page.find("label", attrs={"for": "id_phone"})
    assert phone_label.find(class_="required-mark") is None  # optional: not marked


def test_no_preset_answers_to_personal_questions(client):
    unit = OrganisationUnit.add_root(code="T1", name="Tỉnh Thử", level=UnitLevel.PROVINCE, unit_type=UnitType.PEOPLES_COMMITTEE)
    assert unit
    page = soup(client.get(reverse("accounts:sign_up")))
    assert page.select("input[name=gender]") and not page.select("input[name=gender][checked]")
    assert not page.select_one("input[name=consent]").has_attr("checked")
    user = UserFactory()  # signed up elsewhere: no person yet
    client.force_login(user)
    page = soup(client.get(reverse("accounts:profile")))
    assert page.select("input[name=gender]") and not page.select("input[name=gender][checked]")
    for name in ("ethnicity", "unit"):
        select = page.select_one(f"select[name={name}]")
        chosen = select.select("option[selected]")
        assert chosen == [] or chosen[0]["value"] == "", name
        assert select.find("option")["value"] == ""  # the first choice is "none chosen"


def test_withdrawing_consent_asks_first_and_is_a_secondary_action(client):
    person = PersonFactory()
    client.force_login(person.user)
    profile = soup(client.get(reverse("accounts:profile")))
    link = profile.select_one(".danger-zone").find("a", string="Rút lại sự đồng ý")
    assert link["href"] == reverse("accounts:withdraw_consent")
    main_button = profile.select_one("main form").find("button", type="submit")
    assert main_button.get_text(strip=True) == "Lưu hồ sơ"
    confirm = soup(client.get(link["href"]))
    assert "button--warning" in confirm.select_one("main form button")["class"]
    person.user.refresh_from_db()
    assert person.user.has_consented  # asking changed nothing
    client.post(link["href"])
    person.user.refresh_from_db()
    assert not person.user.has_consented
