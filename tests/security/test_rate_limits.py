"""Rate limits on the public forms attackers hammer: trainee login, sign-up, course
registration, newsletter subscription (configured by URL name in RATE_LIMITS)."""

import pytest
from django.urls import reverse

from campaigns.accounts import roles

from .helpers import make_trainee_with_registration, make_user

pytestmark = pytest.mark.django_db


def _posts(client, url, data, n, **extra):
    return [client.post(url, data, **extra).status_code for _ in range(n)]


def _assert_limited(response):
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_trainee_login_is_limited_per_address(client):
    url = reverse("accounts:login")
    # A different login each time: axes' per-login lockout is not what is tested here.
    codes = [
        client.post(url, {"username": f"a{i}@example.vn", "password": "sai"}, REMOTE_ADDR="10.2.0.1").status_code
        for i in range(20)
    ]
    assert 429 not in codes
    _assert_limited(client.post(url, {"username": "b@example.vn", "password": "sai"}, REMOTE_ADDR="10.2.0.1"))
    assert client.post(url, {"username": "b@example.vn", "password": "sai"}, REMOTE_ADDR="10.2.0.2").status_code != 429


def test_sign_up_is_limited_per_address_and_nothing_is_created_when_limited(client):
    from django.contrib.auth import get_user_model

    url = reverse("accounts:sign_up")
    for i in range(10):
        client.post(url, {"email": f"x{i}@example.vn", "password": "p", "password_again": "q"}, REMOTE_ADDR="10.3.0.1")
    before = get_user_model().objects.count()
    response = client.post(
        url,
        {
            "email": "moi@example.vn",
            "password": "Mat-khau-dai-2026!",
            "password_again": "Mat-khau-dai-2026!",
            "full_name": "Nguyễn Thị Mới",
            "gender": "female",
            "consent": "on",
        },
        REMOTE_ADDR="10.3.0.1",
    )
    _assert_limited(response)
    assert get_user_model().objects.count() == before
    assert client.get(url, REMOTE_ADDR="10.3.0.1").status_code == 200  # the form itself still shows


def test_course_registration_is_limited_per_account(client):
    user, _person, registration = make_trainee_with_registration()
    client.force_login(user)
    url = reverse("training:register", args=[registration.run.pk])
    codes = _posts(client, url, {}, 20)
    assert 429 not in codes
    _assert_limited(client.post(url, {}))
    other, _p, _r = make_trainee_with_registration(email="khac@example.vn", run=None)
    client.force_login(other)
    assert client.post(url, {}).status_code != 429


def test_newsletter_subscription_is_limited_per_address(client):
    url = reverse("cms_newsletter:subscribe")
    codes = _posts(client, url, {"email": "khong-hop-le"}, 5, REMOTE_ADDR="10.4.0.1")
    assert 429 not in codes
    _assert_limited(client.post(url, {"email": "ban@example.vn"}, REMOTE_ADDR="10.4.0.1"))
    from campaigns.newsletter.models import Subscriber

    assert not Subscriber.objects.filter(email="ban@example.vn").exists()


def test_limits_do_not_apply_to_staff_pages_without_a_rule(client):
    client.force_login(make_user(roles.ORGANIZER))
    assert client.get("/admin/").status_code == 200


def test_a_burst_on_each_side_of_a_window_boundary_is_one_burst(client, monkeypatch):
    """20 logins a minute before a 10-minute boundary use the limit up: the counters roll over
    at the boundary, but the attempts just before it still count, less and less as the last
    10 minutes move past them."""
    from campaigns.security import ratelimit

    boundary = 1_800_000_000  # a multiple of 600 s
    clock = [boundary - 60.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    url = reverse("accounts:login")

    def attempt(n):
        return client.post(url, {"username": f"c{n}@example.vn", "password": "sai"}, REMOTE_ADDR="10.5.0.1")

    assert 429 not in [attempt(n).status_code for n in range(20)]
    clock[0] = boundary + 5  # a new fixed window, but 20 attempts lie within the last 10 minutes
    _assert_limited(attempt(20))
    clock[0] = boundary + 300  # half of the earlier window is past: 10 of its 20 still count
    codes = [attempt(n).status_code for n in range(21, 32)]
    assert codes == [200] * 9 + [429] * 2  # 10 + the refused one + 9 = 20
    clock[0] = boundary + 1200  # both windows are past
    assert attempt(40).status_code == 200
