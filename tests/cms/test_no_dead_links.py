"""No URL a visitor can reach answers 404 by design: starting from the home page of the demo
site, every link of every public page is followed (as a visitor, then as the demo trainee),
and each answers 200 or a redirect that itself ends on a page."""

from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db
# Where the crawl does not go: the staff's admin (its own tests), files to download.
SKIP = ("/admin/", "/django-admin/", "/documents/", "/media/", "/static/", "/api/")
LIMIT = 250


def crawl(client):
    """{url: status} of every internal link reachable from the home page (GET, redirects followed)."""
    seen, queue, answers = {"/"}, deque(["/"]), {}
    while queue and len(answers) < LIMIT:
        url = queue.popleft()
        response = client.get(url, follow=True)
        answers[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for anchor in BeautifulSoup(response.content, "html.parser").find_all("a", href=True):
            href, _fragment = urldefrag(anchor["href"])
            parts = urlsplit(href)
            if parts.netloc and parts.netloc not in ("testserver", urlsplit(settings.SITE_URL).netloc):
                continue  # another site
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith("/") or path.startswith(SKIP) or path in seen:
                continue
            seen.add(path)
            queue.append(path)
    return answers


def test_every_link_a_visitor_or_a_trainee_can_follow_leads_somewhere(client, demo_data):
    # The crawl reaches the English pages, whose requests switch this thread's language:
    # put it back afterwards, or the tests that follow would read English.
    with translation.override(settings.LANGUAGE_CODE):
        visitor = crawl(client)
        client.login(username="hocvien@demo.local", password=settings.DEMO_PASSWORD)
        trainee = crawl(client)
    for who, answers in (("visitor", visitor), ("trainee", trainee)):
        dead = {url: status for url, status in answers.items() if status >= 400}
        assert not dead, f"{who}: {dead}"
        assert len(answers) > 30, who  # the crawl went round the site
    assert "/dao-tao/cua-toi/" in trainee and any(url.startswith("/dao-tao/lop/") for url in visitor)
