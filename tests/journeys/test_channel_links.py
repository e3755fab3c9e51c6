"""The same words go by email, SMS, Zalo (as template parameters) and the in-site inbox: in every
channel and every kind, each link is on SITE_URL, whatever address the request or the
process happened to have. (The running site opens them: test_links.py.)"""

import re

import pytest

from campaigns.notifications.models import Delivery
from campaigns.notifications.services.rendering import render_delivery
from campaigns.training.models import RegistrationStatus
from campaigns.training.services import registration as service
from tests.campaigns.training.factories import PersonFactory, run_with_sessions

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
        delivery = Delivery(kind=kind, channel=channel, person=registration.person, registration=registration,
                            session=run.sessions.first() if kind == "reminder" else None, language="vi", context={})
        rendered = render_delivery(delivery)
        texts = [rendered.subject, rendered.text, rendered.html, rendered.short_text, *rendered.params.values()]
        urls = {url for text in texts for url in URL.findall(text)}
        assert urls, (kind, channel)
        assert all(url.startswith(PUBLIC + "/") for url in urls), (kind, channel, urls)
        found += len(urls)
    assert found >= len(cases)
