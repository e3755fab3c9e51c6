"""Every link the site sends out works, from the one public address all its processes share.

The README's run command runs for real (tests/journeys/stack.py: gunicorn and a Celery worker
under honcho, started as `dev.py run` starts them; honcho gives them different PORTs, which
is how the worker's links once pointed at ports where nothing listened). Each kind of message
is caused as a user or the scheduler causes it — over HTTP where a person acts — and read as
a mail reader reads it: the file Django's mail backend wrote, parsed by the standard library's
email parser. Every URL in it (plain text, HTML href/src, List-Unsubscribe) must be on
SITE_URL and answer 2xx to a plain HTTP client, after redirects that stay on the site.

Messages: registration confirmation, waiting list, seat offer, reminder, broadcast, newsletter
digest and newsletter confirmation (sent by the worker); email verification and password reset
(sent by the web process); and the certificate's verification link (in the PDF's text and its
QR code), the RSS/Atom feeds (read by feedparser) and the run's calendar feed."""

import datetime
import io
import json
from collections import Counter

import feedparser
import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Locale, Page, Site

from campaigns.newsletter.models import Subscriber, SubscriberStatus
from campaigns.notifications.models import Broadcast, Delivery
from campaigns.notifications.services import broadcasts
from campaigns.notifications.services.outbox import request_dispatch
from campaigns.training.models import Registration, ReminderRule
from campaigns.training.records import Certificate
from cms.models import ArticleIndexPage, HomePage
from tasks.celery_app import app as celery_app
from tests.campaigns.training.factories import PersonFactory, run_with_sessions
from tests.cms.conftest import make_article, publish

from .readers import pdf_page_png, urls_of, zbar, zxing
from .stack import run_command, wait_for

CSRF = "c" * 32  # a CSRF cookie of our choosing: the form field or header only has to match it


class Reader:
    """A person reading the site's mail in the order it arrives, and following its links."""

    def __init__(self, site):
        self.site, self.seen, self.counts = site, set(), Counter()

    def next_mail(self, what, predicate):
        def arrived():
            for message in self.site.mails():
                key = message["Message-ID"]
                if key not in self.seen and predicate(message):
                    self.seen.add(key)
                    return message
            return None

        return wait_for(arrived, timeout=90, interval=0.3, what=f"the {what} email", stack=self.site)

    def ledger_mail(self, kind, to):
        """The next email of the delivery ledger of `kind` to `to` (its Message-ID names the delivery)."""

        def matches(message):
            key = str(message["Message-ID"] or "")
            if not key.startswith("<delivery-") or str(message["To"]) != to:
                return False
            return Delivery.objects.filter(pk=int(key[len("<delivery-"):].split("@")[0]), kind=kind).exists()

        return self.next_mail(kind, matches)

    def follow(self, kind, urls):
        """Open every URL as a mail reader's browser would (not logged in); each must be on
        SITE_URL, redirect only within it, and end in 2xx."""
        assert urls, f"no link found in the {kind}"
        for url in urls:
            assert url.startswith(self.site.url + "/"), f"{kind}: {url} is not on SITE_URL {self.site.url}"
            response = requests.get(url, timeout=60)
            for hop in [*response.history, response]:
                assert hop.url.startswith(self.site.url + "/"), f"{kind}: {url} led off the site, to {hop.url}"
            assert 200 <= response.status_code < 300, f"{kind}: {url} answered {response.status_code}"
        self.counts[kind] += len(urls)

    def follow_mail(self, kind, message):
        self.follow(kind, urls_of(message))
        return message


def logged_in(site, user):
    """An HTTP client holding a logged-in session of `user` (made here, read by the site)."""
    store = SessionStore()
    store.update({SESSION_KEY: str(user.pk), HASH_SESSION_KEY: user.get_session_auth_hash(),
                  BACKEND_SESSION_KEY: "campaigns.accounts.backends.EmailOrUsernameBackend"})
    store.create()
    client = requests.Session()
    client.cookies.set("sessionid", store.session_key)
    client.cookies.set("csrftoken", CSRF)
    client.headers.update({"X-CSRFToken": CSRF})
    return client


def post_form(site, path, data):
    """Fill in and send a public form as a visitor: open it, then post it."""
    client = requests.Session()
    assert client.get(f"{site.url}{path}", timeout=60).status_code == 200
    client.cookies.set("csrftoken", CSRF)
    response = client.post(f"{site.url}{path}", data={"csrfmiddlewaretoken": CSRF, **data}, timeout=60)
    assert response.status_code == 200, response.text[-2000:]


def public_site():
    """Home and news index as the default Wagtail site (what load_demo_data makes)."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node()
    home = publish(root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-lien-ket", locale=vi)))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Thử")
    return publish(home.add_child(instance=ArticleIndexPage(title="Tin tức", slug="tin-tuc", locale=vi)))


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_roots")
def test_every_link_in_every_message_opens_on_the_running_site():
    news = public_site()
    # One seat, a waiting list, a session in two days with a reminder due now (two days before).
    start = timezone.now() + datetime.timedelta(days=2, minutes=-30)
    run = run_with_sessions(capacity=1, sessions=2, start=start)
    lan, hoa = PersonFactory(full_name="Nguyễn Thị Lan"), PersonFactory(full_name="Trần Thị Hoa")

    with run_command("web", "worker") as site:
        reader = Reader(site)
        lan_client, hoa_client = logged_in(site, lan.user), logged_in(site, hoa.user)

        # Registration over the JSON API: Lan is confirmed, Hoa waits.
        answer = lan_client.post(f"{site.url}/api/training/registrations/", json={"run": run.pk}, timeout=60)
        assert answer.status_code == 201 and answer.json()["status"] == "confirmed", answer.text
        reader.follow_mail("confirmation", reader.ledger_mail("confirmation", lan.user.email))
        answer = hoa_client.post(f"{site.url}/api/training/registrations/", json={"run": run.pk}, timeout=60)
        assert answer.json()["status"] == "waitlisted", answer.text
        reader.follow_mail("waitlist", reader.ledger_mail("waitlist", hoa.user.email))

        # The reminder rule's time has come: the scheduler's dispatch plans and sends it.
        with transaction.atomic():
            ReminderRule.objects.create(name="Hai ngày trước", run=run, offset_minutes=-2 * 24 * 60)
            request_dispatch()
        reader.follow_mail("reminder", reader.ledger_mail("reminder", lan.user.email))

        # An organizer's announcement to the run's confirmed trainees, with a link of her own.
        broadcast = Broadcast.objects.create(
            title="Tài liệu", subject="Tài liệu lớp học", audience="run", parameters={"run": run.pk, "statuses": ["confirmed"]},
            channels=["email"], body=f"Chào {{{{ name }}}}, tài liệu ở trang lớp: {site.url}/dao-tao/lop/{run.pk}/",
        )
        broadcasts.schedule(broadcast=broadcast)
        reader.follow_mail("broadcast", reader.ledger_mail("broadcast", lan.user.email))

        # Her certificate: the verification link printed on the PDF and in its QR code.
        certificate = Certificate.objects.create(registration=Registration.objects.get(person=lan),
                                                 issued_on=timezone.localdate())
        pdf = lan_client.get(f"{site.url}/dao-tao/chung-nhan/{certificate.code}.pdf", timeout=60)
        assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
        printed = [word for word in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split() if "://" in word]
        scanned = [text for text, _format in zxing(pdf_page_png(pdf.content))]
        assert scanned == zbar(pdf_page_png(pdf.content)) == printed
        reader.follow("certificate", printed)

        # Lan cancels: the seat is offered to Hoa.
        mine = Registration.objects.get(person=lan)
        answer = lan_client.post(f"{site.url}/api/training/registrations/{mine.pk}/cancel/", timeout=60)
        assert answer.status_code == 200 and answer.json()["status"] == "cancelled", answer.text
        reader.follow_mail("offer", reader.ledger_mail("offer", hoa.user.email))

        # A visitor signs up (verification), Lan forgets her password, someone subscribes.
        post_form(site, "/tai-khoan/dang-ky/", {
            "full_name": "Lê Thị Thu", "gender": "female", "email": "thu@example.vn", "phone": "",
            "password": "Mat-khau-2026-moi", "password_again": "Mat-khau-2026-moi", "consent": "on",
        })
        reader.follow_mail("email verification", reader.next_mail("verification", lambda m: str(m["To"]) == "thu@example.vn"))
        post_form(site, "/tai-khoan/quen-mat-khau/", {"email": lan.user.email})
        reader.follow_mail("password reset", reader.next_mail("password reset", lambda m: str(m["To"]) == lan.user.email
                                                              and not str(m["Message-ID"]).startswith("<delivery-")))
        post_form(site, "/ban-tin/", {"email": "docgia@example.vn"})
        reader.follow_mail("newsletter confirmation",
                           reader.next_mail("newsletter confirmation", lambda m: str(m["To"]) == "docgia@example.vn"))

        # The weekly digest to a confirmed subscriber, after a new article.
        Subscriber.objects.create(email="banxa@example.vn", status=SubscriberStatus.CONFIRMED, confirmed_at=timezone.now(),
                                  digest_watermark=timezone.now() - datetime.timedelta(minutes=1))
        article = make_article(news, title="Nữ phó chủ tịch xã 29 tuổi", slug="nu-pho-chu-tich")
        celery_app.send_task("tasks.cms.send_newsletter_digest")
        digest = reader.follow_mail("digest", reader.ledger_mail("digest", "banxa@example.vn"))
        tracked = [url for url in urls_of(digest) if url.startswith(f"{site.url}/r/")]  # links are tracked (reach)
        assert len(tracked) == 1
        assert requests.get(tracked[0], timeout=60).url.split("?")[0] == f"{site.url}/tin-tuc/nu-pho-chu-tich/"

        # Feeds: RSS and Atom read by feedparser, the run's calendar.
        for path in ("/feeds/rss/", "/feeds/atom/"):
            feed = feedparser.parse(requests.get(f"{site.url}{path}", timeout=60).content)
            links = [feed.feed.link, *[entry.link for entry in feed.entries]]
            assert f"{site.url}/tin-tuc/nu-pho-chu-tich/" in links and article.title in [e.title for e in feed.entries]
            reader.follow("feed", links)
        api = requests.get(f"{site.url}/api/training/runs/{run.pk}/", timeout=60).json()
        reader.follow("calendar feed", [api["calendar_url"]])

    print("\nURLs checked per message kind: " + json.dumps(dict(reader.counts), ensure_ascii=False))
    assert set(reader.counts) >= {"confirmation", "waitlist", "offer", "reminder", "broadcast", "digest",
                                  "newsletter confirmation", "password reset", "email verification", "certificate"}
