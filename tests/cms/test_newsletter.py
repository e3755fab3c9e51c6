"""The newsletter: double opt-in, digests through the delivery ledger sent once whatever
runs them (twice, concurrently, on a real worker), one-click unsubscribe by signed link and
headers, and clear Vietnamese messages for every bad input."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail, signing
from django.utils import timezone

from campaigns.newsletter import services, tokens
from campaigns.newsletter.models import Subscriber, SubscriberStatus
from campaigns.notifications.models import Delivery, DeliveryState, MessageTemplate
from campaigns.notifications.services.dispatch import run_dispatcher

from .conftest import make_article


@pytest.fixture(autouse=True)
def _no_kick(settings):
    # The tests run the dispatcher themselves (in this process or on the worker).
    settings.NOTIFICATIONS_KICK_AFTER_COMMIT = False


def dispatch():
    """Send what is due, as beat's dispatcher would; returns the emails sent."""
    before = len(mail.outbox)
    run_dispatcher(budget_seconds=10)
    return mail.outbox[before:]


def digest_rows():
    return Delivery.objects.filter(kind="digest")


def subscribe(client, email, topics=()):
    return client.post("/ban-tin/", {"email": email, "topics": [t.pk for t in topics]})


def link_in(message, kind):
    return re.search(rf"http://\S+/ban-tin/{kind}/[^/\s]+/", message.body).group(0)


def confirmed(client, capture, email="lan@example.vn", topics=()):
    with capture(execute=True):
        subscribe(client, email, topics)
    url = link_in(mail.outbox[-1], "xac-nhan")
    assert client.post(urlsplit(url).path).status_code == 200
    return Subscriber.objects.get(email=email)


def test_subscribing_sends_a_confirmation_and_confirming_activates(site, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, "  Lan@Example.VN ")
    assert response.status_code == 200 and "xác nhận" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lan@example.vn" and subscriber.status == SubscriberStatus.PENDING
    assert len(mail.outbox) == 1
    url = link_in(mail.outbox[0], "xac-nhan")
    path = urlsplit(url).path
    # Opening the link (as a mail scanner does) only shows the button: nothing is confirmed.
    page = client.get(path)
    assert page.status_code == 200 and f'<form method="post" action="{path}">' in page.content.decode()
    assert "csrfmiddlewaretoken" in page.content.decode()
    assert "Xác nhận đăng ký" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING and subscriber.confirmed_at is None
    assert "Đã xác nhận đăng ký" in client.post(path).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED and subscriber.digest_watermark is not None


def test_a_get_never_confirms_even_repeated(site, client):
    subscriber = services.subscribe(email="quet@example.vn")
    path = f"/ban-tin/xac-nhan/{tokens.make(subscriber, tokens.CONFIRM_SALT)}/"
    for _ in range(3):
        assert client.get(path).status_code == 200
        client.head(path)
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


@pytest.mark.parametrize("email", ["", "khong-phai-email", "a@b", "x" * 300 + "@example.vn"])
def test_invalid_email_gets_a_vietnamese_message_and_nothing_is_stored(site, client, email):
    response = subscribe(client, email)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vui lòng nhập địa chỉ email." in html or "Địa chỉ email không hợp lệ" in html or "tối đa" in html
    assert Subscriber.objects.count() == 0 and mail.outbox == []


def test_duplicate_subscription_gets_a_message_and_changes_nothing(site, topics, client, django_capture_on_commit_callbacks):
    confirmed(client, django_capture_on_commit_callbacks, "hoa@example.vn", topics=[topics["lanh-dao"]])
    before = Subscriber.objects.values().get()
    sent = len(mail.outbox)
    response = subscribe(client, "HOA@example.vn", topics=[topics["dao-tao"]])
    assert response.status_code == 400
    assert "Địa chỉ email này đã đăng ký nhận bản tin." in response.content.decode()
    assert Subscriber.objects.values().get() == before and len(mail.outbox) == sent
    assert list(Subscriber.objects.get().topics.values_list("slug", flat=True)) == ["lanh-dao"]


def test_pending_duplicate_is_told_to_check_the_inbox(site, client):
    subscribe(client, "mai@example.vn")
    response = subscribe(client, "mai@example.vn")
    assert response.status_code == 400 and "đang chờ xác nhận" in response.content.decode()
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("link", ["tampered", "expired"])
def test_bad_confirmation_link_is_refused_with_a_message(site, client, link):
    subscriber = services.subscribe(email="an@example.vn")
    token = tokens.make(subscriber, tokens.CONFIRM_SALT)
    if link == "tampered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
        responses = [client.get(f"/ban-tin/xac-nhan/{token}/"), client.post(f"/ban-tin/xac-nhan/{token}/")]
    else:
        with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
            responses = [client.get(f"/ban-tin/xac-nhan/{token}/"), client.post(f"/ban-tin/xac-nhan/{token}/")]
    for response in responses:
        assert response.status_code == 400
        assert "Liên kết xác nhận không hợp lệ hoặc đã hết hạn" in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING


def test_digest_contains_new_articles_once_with_unsubscribe_headers_and_text_part(site, client, django_capture_on_commit_callbacks):
    subscriber = confirmed(client, django_capture_on_commit_callbacks, "lan@example.vn")
    make_article(site["news"], title="Bài trước khi đăng ký", slug="truoc")  # published after confirmation too
    mail.outbox.clear()
    assert services.send_digests() == 1
    assert services.send_digests() == 0  # run twice: nothing more
    (message,) = dispatch()
    assert dispatch() == []
    assert message.to == ["lan@example.vn"]
    assert message.subject == f"Bản tin Phụ nữ tham gia lãnh đạo, quản lý – {timezone.localdate():%d/%m/%Y}"
    assert "Bài trước khi đăng ký" in message.body and "<" not in message.body.split("Hủy")[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and re.search(r'<a href="http://\S+/truoc/">Bài trước khi đăng ký</a>', html)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(r"<http://\S+/ban-tin/huy/\S+/>", message.extra_headers["List-Unsubscribe"])
    assert message.extra_headers["List-Unsubscribe"].strip("<>") in message.body
    row = digest_rows().get()
    assert (row.recipient_key, row.address, row.state) == ("addr:lan@example.vn", "lan@example.vn", DeliveryState.SENT)
    assert row.person is None and row.message_key == f"digest:{timezone.localdate().isoformat()}"
    # A later edition carries only what was published since.
    make_article(site["news"], title="Bài tuần sau", slug="sau")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert services.send_digests() == 1
        (later,) = dispatch()
    assert "Bài tuần sau" in later.body and "Bài trước khi đăng ký" not in later.body
    assert digest_rows().filter(address=subscriber.email).count() == 2


def test_english_subscriber_gets_the_english_digest_template(site, client):
    from wagtail.models import Locale

    english_news = site["news"].copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english_news.save_revision().publish()
    Subscriber.objects.create(email="jane@example.org", language="en", status=SubscriberStatus.CONFIRMED,
                              confirmed_at=timezone.now(), digest_watermark=timezone.now() - datetime.timedelta(days=1))
    make_article(english_news, title="Women leaders in the commune", slug="women-leaders")
    make_article(site["news"], title="Bài tiếng Việt", slug="bai-tieng-viet")
    assert services.send_digests() == 1
    (message,) = dispatch()
    assert message.subject.startswith("Women in Leadership newsletter")
    assert "Women leaders in the commune" in message.body and "Bài tiếng Việt" not in message.body
    assert "Unsubscribe:" in message.body and "List-Unsubscribe" in message.extra_headers


def test_an_organizers_edit_of_the_digest_template_changes_the_next_digest(site):
    _confirmed_people(site, 1)
    MessageTemplate.objects.filter(kind="digest", language="vi").update(
        subject="Tin mới ({{ article_count }} bài) – {{ edition }}", html_body="",
        text_body="Tuần này có:\n{{ articles }}\nNgừng nhận: {{ unsubscribe_link }}")
    services.send_digests()
    (message,) = dispatch()
    assert message.subject == f"Tin mới (1 bài) – {timezone.localdate():%d/%m/%Y}"
    assert message.body.startswith("Tuần này có:\n- Bài cho bản tin\n")
    assert message.extra_headers["List-Unsubscribe"].strip("<>") in message.body


def test_digest_respects_chosen_topics_and_skips_unconfirmed(site, topics, client, django_capture_on_commit_callbacks):
    confirmed(client, django_capture_on_commit_callbacks, "dt@example.vn", topics=[topics["dao-tao"]])
    subscribe(client, "chua@example.vn")
    make_article(site["news"], title="Về đào tạo", slug="dt", topics=[topics["dao-tao"]])
    make_article(site["news"], title="Về lãnh đạo", slug="ld", topics=[topics["lanh-dao"]])
    mail.outbox.clear()
    assert services.send_digests() == 1
    (message,) = dispatch()
    assert message.to == ["dt@example.vn"]
    assert "Về đào tạo" in message.body and "Về lãnh đạo" not in message.body


def test_unsubscribing_withdraws_a_digest_not_yet_sent(site, client, django_capture_on_commit_callbacks):
    subscriber = confirmed(client, django_capture_on_commit_callbacks, "lan@example.vn")
    make_article(site["news"], title="Bài", slug="bai")
    assert services.send_digests() == 1
    services.unsubscribe(token=tokens.make(subscriber, tokens.UNSUBSCRIBE_SALT))
    mail.outbox.clear()
    assert dispatch() == []
    row = digest_rows().get()
    assert row.state == DeliveryState.SKIPPED and row.reason == "unsubscribed" and row.get_reason_display() == "Người nhận đã hủy đăng ký bản tin"


def test_one_click_unsubscribe_by_post_and_by_the_page(site, client, django_capture_on_commit_callbacks):
    subscriber = confirmed(client, django_capture_on_commit_callbacks, "lan@example.vn")
    make_article(site["news"], title="Bài", slug="bai")
    services.send_digests()
    url = dispatch()[-1].extra_headers["List-Unsubscribe"].strip("<>")
    url = urlsplit(url).path
    page = client.get(url)
    assert page.status_code == 200 and "<form" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED  # a GET (link scanner) changes nothing
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Đã hủy đăng ký" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    make_article(site["news"], title="Bài sau khi hủy", slug="sau-huy")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7)):
        assert services.send_digests() == 0


@pytest.mark.parametrize("link", ["tampered", "expired", "other-salt"])
def test_bad_unsubscribe_link_is_refused_with_a_message(site, client, link, settings):
    subscriber = services.subscribe(email="an@example.vn")
    Subscriber.objects.filter(pk=subscriber.pk).update(status=SubscriberStatus.CONFIRMED)
    token = tokens.make(subscriber, tokens.UNSUBSCRIBE_SALT)
    if link == "tampered":
        token = signing.dumps({"s": subscriber.pk, "e": "khac@example.vn"}, salt=tokens.UNSUBSCRIBE_SALT)[:-3] + "xyz"
    elif link == "other-salt":
        token = tokens.make(subscriber, tokens.CONFIRM_SALT)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400 if link == "expired" else 0)):
        for method in (client.get, client.post):
            response = method(f"/ban-tin/huy/{token}/")
            assert response.status_code == 400
            assert "Liên kết hủy đăng ký không hợp lệ hoặc đã hết hạn." in response.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED


def _confirmed_people(site, count):
    now = timezone.now()
    people = [
        Subscriber.objects.create(email=f"nguoi{number}@example.vn", status=SubscriberStatus.CONFIRMED,
                                  confirmed_at=now, digest_watermark=now - datetime.timedelta(days=1))
        for number in range(count)
    ]
    make_article(site["news"], title="Bài cho bản tin", slug="ban-tin")
    mail.outbox.clear()
    return people


def _sent_to():
    return sorted(m.to[0] for m in mail.outbox)


def test_digest_task_run_twice_by_a_real_worker_sends_once(celery_worker, site):
    from tasks.cms import send_newsletter_digest
    from tasks.notifications import send_due

    people = _confirmed_people(site, 3)
    assert send_newsletter_digest.delay().get(timeout=60) == 3
    assert send_newsletter_digest.delay().get(timeout=60) == 0
    assert services.send_digests() == 0
    send_due.delay().get(timeout=60)  # the worker's dispatcher sends them …
    send_due.delay().get(timeout=60)  # … and a second run finds nothing left
    assert _sent_to() == sorted(p.email for p in people)
    assert digest_rows().filter(state=DeliveryState.SENT).count() == 3


@pytest.mark.postgres
def test_digest_runs_racing_on_a_real_worker_and_threads_send_once(celery_worker, site):
    """Two runs of the digest task on the real worker race two runs in threads of this
    process, then dispatchers race the same way: the subscriber lock (skip locked), the
    re-check of the ledger after locking and the ledger's unique constraint give every
    subscriber one digest."""
    import threading

    from tasks.cms import send_newsletter_digest
    from tasks.notifications import send_due
    from tests.conftest import uses_postgres

    if not uses_postgres():
        pytest.skip("SQLite's in-memory test database cannot serve concurrent writers (table locks)")

    def in_threads(work):
        def run():
            from django.db import connection

            try:
                work()
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        return threads

    people = _confirmed_people(site, 8)
    first, second = send_newsletter_digest.delay(), send_newsletter_digest.delay()
    threads = in_threads(services.send_digests)
    queued = first.get(timeout=60) + second.get(timeout=60)
    for thread in threads:
        thread.join(60)
    assert digest_rows().count() == 8 and queued <= 8
    sending = [send_due.delay(), send_due.delay()]
    threads = in_threads(lambda: run_dispatcher(budget_seconds=10))
    for result in sending:
        result.get(timeout=60)
    for thread in threads:
        thread.join(60)
    assert _sent_to() == sorted(p.email for p in people)
    assert digest_rows().filter(state=DeliveryState.SENT).count() == 8
