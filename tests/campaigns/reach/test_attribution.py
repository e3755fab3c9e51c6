"""A registration made after following a campaign's link records the campaign: from a link on a
page (through logging in) and from a tracked link in an email. No session is started for it,
and a visitor who opted out is not attributed."""

import re

import pytest

from campaigns.notifications.models import Broadcast, Delivery
from campaigns.notifications.services import broadcasts
from campaigns.notifications.services.rendering import render_delivery
from campaigns.reach import counting, hooks
from campaigns.reach.models import ClickDay, ReferralDay, RegistrationSource
from campaigns.training.models import Registration
from tests.campaigns.notifications.factories import RegistrationFactory
from tests.campaigns.training.factories import PersonFactory


@pytest.fixture
def trainee(db):
    return PersonFactory(user__email="lan@example.vn")


@pytest.fixture
def campaign_of_broadcasts():
    """The campaigns app's resolver, as campaigns/outreach would register it."""
    hooks.message_campaign_resolver(lambda ref: "tet-2027" if ref.startswith("broadcast:") else "")
    yield
    hooks._resolvers.clear()


def href(html, text):
    """The href of the first link whose address contains `text` (HTML-unescaped)."""
    found = re.search(r'href="([^"]*' + re.escape(text) + r'[^"]*)"', html)
    assert found, f"no link with {text}"
    return found.group(1).replace("&amp;", "&")


def source_of(registration):
    return RegistrationSource.objects.filter(registration=registration).values_list("campaign", "via").first()


def test_a_registration_after_a_page_link_records_its_campaign_through_logging_in(site, browser, run, trainee):
    page = browser.get(f"/dao-tao/lop/{run.pk}/?cd=tet-2027")
    assert not page.cookies  # no session, no cookie for an anonymous visitor
    login = href(page.content.decode(), "/tai-khoan/dang-nhap/")
    assert "cd=tet-2027" in login
    assert browser.get(login).status_code == 200
    response = browser.post(login, {"username": "lan@example.vn", "password": "Mat-khau-2026"})
    assert response.status_code == 302 and response["Location"] == f"/dao-tao/lop/{run.pk}/"
    assert browser.post(f"/dao-tao/lop/{run.pk}/dang-ky/").status_code == 302  # from the page, without the parameter
    registration = Registration.objects.get(run=run, person=trainee)
    assert source_of(registration) == ("tet-2027", "page")
    counting.flush()
    assert ReferralDay.objects.get(path=f"/dao-tao/lop/{run.pk}/").campaign == "tet-2027"


def test_a_registration_after_a_link_in_a_broadcast_records_its_campaign(site, browser, run, trainee,
                                                                         campaign_of_broadcasts, settings):
    other = RegistrationFactory(person__email="an@example.vn").run  # the broadcast's audience
    broadcast = Broadcast.objects.create(
        title="Mời học", subject="Lớp mới", channels=["email"], audience="run",
        parameters={"run": other.pk, "statuses": []},
        body=f"Đăng ký lớp mới: {settings.SITE_URL}/dao-tao/lop/{run.pk}/.\nHoặc xem https://evil.example/x",
    )
    broadcasts.schedule(broadcast=broadcast)
    broadcasts.start_due_broadcasts()
    delivery = Delivery.objects.get(broadcast=broadcast, channel="email")
    email = render_delivery(delivery)
    tracked = href(email.html, "/r/")
    assert tracked in email.text and "https://evil.example/x" in email.text and "evil.example/x" in email.html
    assert f"{settings.SITE_URL}/dao-tao/lop/{run.pk}/</a>" in email.html  # the link reads as the page's address
    landing = browser.get(tracked.replace(settings.SITE_URL, ""))
    assert landing["Location"] == f"/dao-tao/lop/{run.pk}/?cd=tet-2027&cdm=email"
    browser.force_login(trainee.user)
    assert browser.get(landing["Location"]).status_code == 200  # she has a session: it remembers the campaign
    browser.post(f"/dao-tao/lop/{run.pk}/dang-ky/")
    assert source_of(Registration.objects.get(run=run, person=trainee)) == ("tet-2027", "email")
    counting.flush()
    assert list(ClickDay.objects.values_list("campaign", "message", "url", "clicks")) == [
        ("tet-2027", f"broadcast:{broadcast.pk}", f"/dao-tao/lop/{run.pk}/", 1)]


def test_a_registration_form_sent_with_the_parameter_records_it(site, browser, run, trainee):
    browser.force_login(trainee.user)
    browser.post(f"/dao-tao/lop/{run.pk}/dang-ky/?cd=he-2027")
    assert source_of(Registration.objects.get(run=run, person=trainee)) == ("he-2027", "page")


def test_without_a_campaign_or_with_do_not_track_nothing_is_recorded(site, browser, run, trainee):
    from tests.campaigns.training.factories import run_with_sessions

    browser.force_login(trainee.user)
    browser.post(f"/dao-tao/lop/{run.pk}/dang-ky/")
    second = run_with_sessions(capacity=3, sessions=1)
    browser.get(f"/dao-tao/lop/{second.pk}/?cd=tet-2027", HTTP_DNT="1")
    browser.post(f"/dao-tao/lop/{second.pk}/dang-ky/?cd=tet-2027", HTTP_DNT="1")
    assert Registration.objects.filter(person=trainee).count() == 2
    assert not RegistrationSource.objects.exists()


def test_a_campaign_link_starts_no_session_for_an_anonymous_visitor(site, browser, run):
    for path in (f"/dao-tao/lop/{run.pk}/?cd=tet-2027", "/?cd=tet-2027", "/tin-tuc/?cd=tet-2027&cdm=email"):
        response = browser.get(path)
        assert response.status_code == 200 and not response.cookies, path
    assert not browser.cookies


def test_a_parameter_that_names_no_campaign_is_not_recorded(site, browser, run, trainee):
    hooks.campaign_checker(lambda slugs: slugs & {"tet-2027"})
    try:
        browser.force_login(trainee.user)
        browser.post(f"/dao-tao/lop/{run.pk}/dang-ky/?cd=bia-dat-ra")
    finally:
        hooks._checkers.clear()
    assert Registration.objects.filter(run=run, person=trainee).exists()
    assert not RegistrationSource.objects.exists()


def test_a_new_visitor_who_signs_up_from_a_campaign_page_is_attributed(site, browser, run):
    from django.core import mail

    from tests.campaigns.accounts.test_trainee_accounts import SIGN_UP

    page = browser.get(f"/dao-tao/lop/{run.pk}/?cd=tet-2027&cdm=email").content.decode()
    sign_up = href(page, "/tai-khoan/dang-ky/")
    assert "cd=tet-2027" in sign_up and "cdm=email" in sign_up
    assert browser.post(sign_up, SIGN_UP).status_code == 302  # signed up and logged in: a session now
    verify = re.search(r"http://\S+/tai-khoan/xac-minh/\S+/", mail.outbox[-1].body).group(0)
    browser.get("/" + verify.split("/", 3)[3])  # the link, opened in the same browser
    assert browser.post(f"/dao-tao/lop/{run.pk}/dang-ky/").status_code == 302
    registration = Registration.objects.get(run=run, person__user__email="ngoc.anh@example.vn")
    assert source_of(registration) == ("tet-2027", "email")
