"""Trainee sign-up, email verification, password reset, profile and consent."""

import re
import unicodedata

import pytest
from django.core import mail
from django.urls import reverse

from campaigns.accounts import roles
from campaigns.accounts.models import User
from campaigns.programme.models import OrganisationUnit, Person, UnitLevel, UnitType

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh"),  # typed on a phone, decomposed
    "gender": "female",
    "email": "Ngoc.Anh@Example.vn",
    "phone": "0912 345 678",
    "password": "Lanh-dao-2026!",
    "password_again": "Lanh-dao-2026!",
    "consent": "on",
}


def _link(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_sign_up_creates_account_and_person_with_consent_and_sends_verification(client, settings):
    response = client.post(reverse("accounts:sign_up"), SIGN_UP)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:verify_pending")
    user = User.objects.get()
    person = Person.objects.get(user=user)
    assert user.email == "ngoc.anh@example.vn" and user.phone == "0912345678"
    assert person.full_name == "Nguyễn Thị Ngọc Ánh" and unicodedata.is_normalized("NFC", person.full_name)
    assert user.consent_version == settings.TRAINING_CONSENT_VERSION and user.consent_given_at is not None
    assert user.groups.filter(name=roles.TRAINEE).exists()
    assert not user.email_verified
    client.get(_link(mail.outbox[0], r"http\S+/xac-minh/\S+/"))
    user.refresh_from_db()
    assert user.email_verified


def test_consent_box_is_unticked_and_required(client):
    page = client.get(reverse("accounts:sign_up")).content.decode()
    box = re.search(r'<input type="checkbox" name="consent"[^>]*>', page).group(0)
    assert "checked" not in box
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "consent": ""})
    assert "Bạn cần đồng ý" in response.content.decode()
    assert not User.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"password_again": "khac"}, "Hai mật khẩu không khớp"),
        ({"email": "khong-phai-email"}, "email"),
        ({"phone": "12"}, "Số điện thoại không hợp lệ"),
        ({"full_name": "   "}, "Hãy nhập họ và tên"),
    ],
)
def test_bad_sign_up_input_gets_a_message_and_writes_nothing(client, change, message):
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, **change})
    assert response.status_code == 200 and message in response.content.decode()
    assert not User.objects.exists()


def test_email_already_used_is_refused(client):
    client.post(reverse("accounts:sign_up"), SIGN_UP)
    client.logout()
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "email": "NGOC.ANH@example.vn"})
    assert "đã có tài khoản" in response.content.decode()
    assert User.objects.count() == 1


def test_tampered_verification_link_is_refused(client):
    client.post(reverse("accounts:sign_up"), SIGN_UP)
    link = _link(mail.outbox[0], r"http\S+/xac-minh/\S+/")
    response = client.get(link.replace("/xac-minh/", "/xac-minh/x"))
    assert response.status_code == 400 and "không hợp lệ" in response.content.decode()


def test_password_reset_by_email(client):
    client.post(reverse("accounts:sign_up"), SIGN_UP)
    client.logout()
    client.post(reverse("accounts:password_reset"), {"email": "ngoc.anh@example.vn"})
    link = _link(mail.outbox[-1], r"http\S+/dat-lai-mat-khau/\S+/")
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": "Moi-mat-khau-2027", "new_password2": "Moi-mat-khau-2027"})
    assert client.login(username="ngoc.anh@example.vn", password="Moi-mat-khau-2027")


def test_profile_records_everything_and_withdrawing_consent_erases_ethnicity(client):
    unit = OrganisationUnit.add_root(code="P1", name="UBND xã Tân Lợi", level=UnitLevel.COMMUNE, unit_type=UnitType.PEOPLES_COMMITTEE)
    client.post(reverse("accounts:sign_up"), SIGN_UP)
    response = client.post(reverse("accounts:profile"), {
        "full_name": "Nguyễn Thị Ngọc Ánh", "gender": "female", "birth_year": 1988, "ethnicity": "22",
        "unit": unit.pk, "position": "Phó Chủ tịch UBND xã", "phone": "0912345678",
        "declares_planning_pool": "on", "preferred_language": "en", "preferred_channels": ["email", "zalo"],
    })
    assert response.status_code == 302
    person = Person.objects.get()
    user = person.user
    assert (person.birth_year, person.ethnicity, person.unit, person.position) == (1988, "22", unit, "Phó Chủ tịch UBND xã")
    assert user.preferred_language == "en" and user.preferred_channels == ["email", "zalo"] and user.declares_planning_pool
    client.post(reverse("accounts:withdraw_consent"))
    person.refresh_from_db()
    user.refresh_from_db()
    assert person.ethnicity == "" and not user.has_consented
    response = client.post(reverse("accounts:profile"), {"full_name": "X", "gender": "female", "preferred_language": "vi"})
    assert "Bạn cần đồng ý" in response.content.decode()


def test_sign_up_is_rate_limited_per_address(client):
    for n in range(10):
        client.post(reverse("accounts:sign_up"), {**SIGN_UP, "email": f"a{n}@example.vn", "consent": ""})
    response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "email": "late@example.vn"})
    assert response.status_code == 429
    assert not User.objects.filter(email="late@example.vn").exists()


def test_the_profile_service_creates_then_updates_her_person_and_records_consent_once():
    from campaigns.accounts import services
    from campaigns.programme.ethnicities import KINH

    user = User.objects.create_user(username="lan", email="lan@example.vn", password="Mat-khau-dai-2026")
    unit = OrganisationUnit.add_root(code="X1", name="Xã Tân Lập", level=UnitLevel.COMMUNE,
                                     unit_type=UnitType.PEOPLES_COMMITTEE, is_state_agency=True)
    data = {"full_name": "Nguyễn Thị Lan", "gender": "female", "birth_year": 1988, "ethnicity": KINH, "unit": unit,
            "position": "Phó Chủ tịch", "phone": "0912345678", "preferred_language": "vi",
            "preferred_channels": ["email"], "declares_planning_pool": True}
    first = services.save_profile(user=user, data=data, consent=True)
    second = services.save_profile(user=user, data={**data, "position": "Chủ tịch"})
    assert first.pk == second.pk and Person.objects.filter(user=user).count() == 1
    user.refresh_from_db()
    second.refresh_from_db()
    assert second.position == "Chủ tịch" and user.phone == "0912345678" and user.declares_planning_pool
    assert user.has_consented
