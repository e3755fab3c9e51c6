"""Links are built on SITE_URL, whatever address a request named or a process was given: in every
channel (email, SMS, Zalo template parameters, the in-site inbox) and every kind of message,
in the feeds and in the password-reset mail. (The running site opens them: test_links.py.)"""

import re

import feedparser
import pytest
from django.core import mail

from campaigns.notifications.models import Delivery
from campaigns.notifications.services.rendering import render_delivery
from campaigns.training.models import RegistrationStatus
from campaigns.training.services import registration as service
from tests.campaigns.training.factories import PersonFactory, run_with_sessions
from tests.cms.conftest import make_article, site  # noqa: F401 - fixture

PUBLIC = "https://phunu.example.gov.vn"
URL = re.compile(r"https?://[^\s<>\"')\]]+")


@pytest.mark.django_db
@pytest.mark.parametrize("channel", ["email", "sms", "zalo", "insite"])
def test_every_link_in_every_channel_is_on_the_public_address(settings, channel):
    settings.SITE_URL = PUBLIC
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False
    run = run_with_sessions(capacity=1)
    first, second = (service.register(run=run, person=PersonFactory(phone="0912345678"))[0] for _ in range(2))
    cases = [("confirmation", first), ("waitlist", second), ("offer", second), ("reminder", first), ("pending", first)]
    second.status = RegistrationStatus.OFFERED
    found = 0
    for kind, registration in cases:
        subject = run.sessions.first() if kind == "reminder" else registration  # as training's services name them
        delivery = Delivery(kind=kind, channel=channel, person=registration.person, subject_kind=subject._meta.label_lower,
                            subject_id=subject.pk, language="vi", context={})
        delivery.subject = subject
        rendered = render_delivery(delivery)
        texts = [rendered.subject, rendered.text, rendered.html, rendered.short_text, *rendered.params.values()]
        urls = {url for text in texts for url in URL.findall(text)}
        assert urls, (kind, channel)
        assert all(url.startswith(PUBLIC + "/") for url in urls), (kind, channel, urls)
        found += len(urls)
    assert found >= len(cases)


@pytest.mark.django_db
def test_feed_links_are_on_the_public_address_whatever_host_the_request_named(settings, client, site):  # noqa: F811
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    make_article(site["news"], title="Nữ lãnh đạo trẻ", slug="nu-lanh-dao-tre")
    for path in ("/feeds/rss/", "/feeds/atom/"):
        feed = feedparser.parse(client.get(path, HTTP_HOST="10.0.0.7:8100").content)
        links = [feed.feed.link, *(entry.link for entry in feed.entries), *(entry.id for entry in feed.entries)]
        assert f"{PUBLIC}/tin-tuc/nu-lanh-dao-tre/" in links
        assert all(link.startswith(PUBLIC + "/") for link in links), links


@pytest.mark.django_db
def test_password_reset_link_is_on_the_public_address_not_the_requests_host(settings, client):
    settings.SITE_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["*"]
    user = PersonFactory().user
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": user.email}, HTTP_HOST="attacker.example")
    assert response.status_code == 302
    (sent,) = mail.outbox
    (url,) = URL.findall(sent.body)
    assert url.startswith(f"{PUBLIC}/tai-khoan/dat-lai-mat-khau/"), url
