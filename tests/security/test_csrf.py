"""CSRF: every view refuses a state-changing request (POST) without a CSRF token, whoever
sends it. Every URL pattern of the project is posted to, without a token, as an anonymous
visitor, a trainee and an administrator (with its second factor proved)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from campaigns.accounts import roles

from .helpers import make_user
from .otp import login_verified
from .role_matrix import sample_url
from .test_role_matrix import all_routes

REFUSED = {401, 403, 405}
# Views that take a POST without a CSRF token on purpose, and why.
EXEMPT_BY_DESIGN = {
    "ban-tin/huy/<str:token>/": "one-click unsubscribe (RFC 8058, List-Unsubscribe-Post): the signed token authorises it",
}
LOGIN_PATHS = ("/admin/login/", "/django-admin/login/", "/tai-khoan/dang-nhap/")


def refused(response):
    """Refused without running the view's write: 401/403/405, a redirect to a login page
    (DRF's csrf-exempt admin APIs send anonymous visitors there), or CommonMiddleware's 301
    to the slash-terminated URL."""
    if response.status_code in REFUSED or response.status_code == 301:
        return True
    return response.status_code == 302 and response["Location"].split("?")[0].endswith(LOGIN_PATHS)


@pytest.mark.django_db
def test_every_view_refuses_a_post_without_csrf_token(capsys):
    anonymous = Client(enforce_csrf_checks=True, raise_request_exception=False)
    trainee = Client(enforce_csrf_checks=True, raise_request_exception=False)
    trainee.force_login(make_user(roles.TRAINEE, username="csrf-trainee"))
    admin = Client(enforce_csrf_checks=True, raise_request_exception=False)
    login_verified(admin, make_user(roles.ADMINISTRATOR, username="csrf-admin"))
    routes = all_routes()
    accepted, csrf_refusals, requests = [], 0, 0
    for who, client in (("anonymous", anonymous), ("trainee", trainee), ("administrator", admin)):
        for route, name in routes:
            if route in EXEMPT_BY_DESIGN:
                continue
            url = sample_url(route)
            response = client.post(
                url, {"title": "x", "email": "a@example.vn", "password": "x"}, REMOTE_ADDR="10.66.0.1"
            )
            requests += 1
            if not refused(response):
                accepted.append(f"{who}: POST {url} → {response.status_code}  [{route} name={name}]")
            elif b"CSRF" in response.content:
                csrf_refusals += 1
    with capsys.disabled():
        print(
            f"\nCSRF: {requests} POSTs without a token to {len(routes)} URL patterns; {csrf_refusals} refused by the CSRF check, "
            f"the rest answered 401/403/405"
        )
    assert not accepted, "Accepted a POST without a CSRF token:\n" + "\n".join(accepted)
    assert get_user_model().objects.filter(email="a@example.vn").count() == 0
