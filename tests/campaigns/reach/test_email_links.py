"""Links in broadcast and digest emails become tracked links to the same pages; links that are
not public pages (unsubscribing, other sites) stay as they are; other messages are untouched."""

import datetime

import pytest

from campaigns.newsletter.models import Subscriber, SubscriberStatus
from campaigns.notifications.models import Delivery, MessageKind
from campaigns.notifications.services.rendering import render_delivery
from campaigns.reach import hooks, links
from tests.cms.conftest import make_article


@pytest.fixture
def digest_campaign():
    hooks.message_campaign_resolver(lambda ref: "doc-sach-2026" if ref == "digest:2026-12-07" else "")
    yield
    hooks._resolvers.clear()


def digest_delivery(subscriber, articles):
    now = datetime.datetime.now(datetime.UTC)
    return Delivery(
        message_key="digest:2026-12-07", recipient_key=f"subscriber:{subscriber.pk}", channel="email",
        kind=MessageKind.DIGEST, address=subscriber.email, language="vi", due_at=now, next_attempt_at=now,
        context={"subscriber_id": subscriber.pk, "article_ids": [a.pk for a in articles], "edition": "2026-12-07"},
    )


def test_a_digests_article_links_are_tracked_and_its_unsubscribe_link_is_not(site, digest_campaign, settings):
    article = make_article(site["news"], title="Phụ nữ dẫn đầu", slug="phu-nu-dan-dau")
    subscriber = Subscriber.objects.create(email="mai@example.vn", status=SubscriberStatus.CONFIRMED)
    email = render_delivery(digest_delivery(subscriber, [article]))
    tracked = [links.read(t) for t in _tokens(email.html)]
    assert [(t.target, t.campaign, t.message, t.valid) for t in tracked] == [
        ("/tin-tuc/phu-nu-dan-dau/", "doc-sach-2026", "digest:2026-12-07", True)]
    assert "/ban-tin/" in email.text and "/ban-tin/" in email.html  # the unsubscribe link, as it was
    assert "List-Unsubscribe" in email.headers and "/r/" not in email.headers["List-Unsubscribe"]
    assert "<img" not in email.html.replace('src="cid:', "")  # no open-tracking pixel


def test_messages_of_other_kinds_are_not_rewritten(site, settings):
    from campaigns.notifications.services.rendering import rewrite_links

    class Rendered:
        text = f"{settings.SITE_URL}/tin-tuc/"
        html = f'<a href="{settings.SITE_URL}/tin-tuc/">x</a>'

    rendered = Rendered()
    rewrite_links(Delivery(kind=MessageKind.REMINDER, channel="email"), rendered)
    assert "/r/" not in rendered.text + rendered.html


def _tokens(html):
    import re

    return re.findall(r'href="[^"]*/r/([^"]+)"', html)
