"""Login by email, lockout, two-factor for approvers and administrators, session expiry,
password reset by email."""

import re
import time

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from campaigns.accounts import roles
from campaigns.security.sessions import LAST_SEEN, STARTED

from .helpers import make_user
from .otp import current_code, login_verified

pytestmark = pytest.mark.django_db
PASSWORD = "Mk@khau-2026"
LOGIN = "/admin/login/"


def post_login(client, login, password=PASSWORD, ip="10.0.0.1", next_url="/admin/"):
    return client.post(LOGIN, {"username": login, "password": password, "next": next_url}, REMOTE_ADDR=ip)


def test_officer_logs_in_with_email_in_any_case(client):
    make_user(roles.COMMUNICATIONS_OFFICER, username="lan", email="lan@donggnai.gov.vn")
    response = post_login(client, "  LAN@donggnai.gov.vn ")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_wrong_password_shows_vietnamese_error(client):
    make_user(roles.COMMUNICATIONS_OFFICER, username="lan")
    response = post_login(client, "lan@example.vn", "sai-mat-khau")
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_five_failures_lock_the_login_even_with_the_right_password(client):
    make_user(roles.COMMUNICATIONS_OFFICER, username="lan")
    for _ in range(5):
        post_login(client, "lan@example.vn", "sai-mat-khau")
    response = post_login(client, "Lan@Example.vn")  # right password, other spelling
    assert response.status_code == 429
    assert "bị khóa" in response.content.decode()
    assert not client.session.get("_auth_user_id")
    # Another address is not locked out: one office cannot lock out a colleague elsewhere.
    other = post_login(client.__class__(), "lan@example.vn", ip="10.0.0.2")
    assert other.status_code == 302


def test_lockout_ends_after_cooloff(client):
    make_user(roles.COMMUNICATIONS_OFFICER, username="lan")
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False):
        for _ in range(5):
            post_login(client, "lan@example.vn", "sai")
        assert post_login(client, "lan@example.vn").status_code == 429
    with time_machine.travel("2026-03-02 08:16 +0700", tick=False):
        assert post_login(client, "lan@example.vn").status_code == 302


@pytest.mark.parametrize("role", [roles.APPROVER, roles.ADMINISTRATOR])
def test_two_factor_roles_must_set_up_totp_then_verify_on_each_login(client, role):
    user = make_user(role, username="duyet")
    response = post_login(client, "duyet@example.vn", next_url="/admin/account/")
    assert response.status_code == 302
    # Any admin page sends the half-logged-in account to set up its authenticator.
    response = client.get("/admin/account/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/setup/")
    page = client.get(response["Location"])
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        "/admin/two-factor/setup/?next=/admin/account/",
        {"token": "000000" if current_code(device) != "000000" else "111111"},
    )
    assert wrong.status_code == 200 and "Mã không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    ok = client.post("/admin/two-factor/setup/", {"token": current_code(device), "next": "/admin/account/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/account/"
    assert client.get("/admin/account/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    # Next login: a code from the confirmed device is asked for, not a new setup.
    client.logout()
    post_login(client, "duyet@example.vn")
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    with time_machine.travel(time.time() + 60, tick=False):  # a fresh code (no reuse)
        ok = client.post("/admin/two-factor/verify/", {"token": current_code(device), "next": "/admin/"})
        assert ok.status_code == 302 and ok["Location"] == "/admin/"
        assert client.get("/admin/").status_code == 200


def test_two_factor_next_never_leaves_the_site(client):
    user = make_user(roles.APPROVER, username="duyet")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)
    response = client.post(
        "/admin/two-factor/verify/", {"token": current_code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_roles_without_two_factor_are_not_asked(client):
    for role in (roles.COMMUNICATIONS_OFFICER, roles.ORGANIZER, roles.MONITOR):
        client.force_login(make_user(role))
        assert client.get("/admin/").status_code == 200


@override_settings(TWO_FACTOR_REQUIRED=False)
def test_two_factor_enforcement_is_a_setting(client):
    client.force_login(make_user(roles.APPROVER))
    assert client.get("/admin/").status_code == 200


def test_verified_approver_uses_the_admin(client):
    login_verified(client, make_user(roles.APPROVER))
    assert client.get("/admin/account/").status_code == 200


def test_idle_session_expires(client):
    client.force_login(make_user(roles.COMMUNICATIONS_OFFICER))
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not client.session.get("_auth_user_id")


def test_session_expires_after_absolute_age_even_when_active(client, settings):
    client.force_login(make_user(roles.COMMUNICATIONS_OFFICER))
    client.get("/admin/")
    session = client.session
    session[STARTED] = int(time.time()) - settings.SESSION_COOKIE_AGE - 1
    session.save()
    assert client.get("/admin/").status_code == 302


def test_password_reset_by_email_with_expiring_link(client, settings):
    user = make_user(roles.ORGANIZER, username="minh")
    response = client.post("/admin/password_reset/", {"email": "MINH@example.vn"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["minh@example.vn"]
    link = re.search(r"https?://[^\s]+/admin/password_reset/confirm/[^\s]+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    with time_machine.travel(time.time() + settings.PASSWORD_RESET_TIMEOUT + 60):
        expired = client.get(f"/{path}", follow=True)
        assert b"new_password1" not in expired.content
    form = client.get(f"/{path}", follow=True)
    assert b"new_password1" in form.content
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Mat-khau-moi-2026!", "new_password2": "Mat-khau-moi-2026!"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026!")


def test_demo_two_factor_accounts_have_a_device_and_a_printable_code(db, capsys):
    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert "Khóa TOTP" in out and "nguoiduyet@demo.local" in out
    call_command("load_demo_data", verbosity=0)
    assert TOTPDevice.objects.filter(user__email="nguoiduyet@demo.local", confirmed=True).count() == 1
    capsys.readouterr()
    call_command("demo_totp_code", "nguoiduyet@demo.local")
    assert re.fullmatch(r"\d{6}\n", capsys.readouterr().out)
