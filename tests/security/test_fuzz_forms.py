"""Hypothesis fuzzing of the public forms: sign-up, newsletter subscription, trainee login
and the personal-data erasure form. Whatever is typed: no crash (no 5xx), and no partial
write (an account is created with its person record, or nothing is)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns.programme.models import Person

# Text that stresses forms: Vietnamese (composed and decomposed), control characters,
# markup, very long strings, NUL bytes.
nasty = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "Nguyễn Thị Lan",
            "Nguye\u0302\u0303n",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "a" * 5000,
            "",
            " ",
            "đ@đ.vn",
            "lan@example.vn",
            "x@x",
            "0912345678",
            "+84 912 345 678",
        ]
    ),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


@pytest.fixture
def fuzz_client(db, settings):
    settings.RATELIMIT_ENABLED = False
    return Client(raise_request_exception=False)


@FUZZ
@given(
    email=nasty,
    password=nasty,
    again=nasty,
    name=nasty,
    gender=st.sampled_from(["female", "male", "other", "", "x"]),
    phone=nasty,
    consent=st.sampled_from(["on", ""]),
)
def test_sign_up_never_crashes_and_never_half_creates(
    fuzz_client, email, password, again, name, gender, phone, consent
):
    User = get_user_model()
    users_before, people_before = User.objects.count(), Person.objects.count()
    response = fuzz_client.post(
        "/tai-khoan/dang-ky/",
        {
            "email": email,
            "password": password,
            "password_again": again,
            "full_name": name,
            "gender": gender,
            "phone": phone,
            "consent": consent,
        },
    )
    assert response.status_code < 500
    created_users = User.objects.count() - users_before
    created_people = Person.objects.count() - people_before
    assert created_users == created_people and created_users in (0, 1)
    if created_users:
        assert response.status_code == 302
        user = User.objects.order_by("-pk").first()
        assert user.person.full_name and user.consent_given_at is not None
        fuzz_client.logout()


@FUZZ
@given(email=nasty, topics=st.lists(st.one_of(st.integers(-5, 10**12), st.text(max_size=20)), max_size=4))
def test_newsletter_subscription_never_crashes(fuzz_client, email, topics):
    from campaigns.newsletter.models import Subscriber

    before = Subscriber.objects.count()
    response = fuzz_client.post("/ban-tin/", {"email": email, "topics": [str(t) for t in topics]})
    assert response.status_code < 500
    assert Subscriber.objects.count() - before in (0, 1)
    if response.status_code == 400:
        assert Subscriber.objects.count() == before


@FUZZ
@given(login=nasty, password=nasty, next_url=nasty)
def test_trainee_login_never_crashes_or_redirects_off_site(fuzz_client, login, password, next_url):
    response = fuzz_client.post("/tai-khoan/dang-nhap/", {"username": login, "password": password, "next": next_url})
    assert response.status_code < 500
    if response.status_code == 302:
        assert not response["Location"].lower().startswith(("http", "//", "javascript"))
