"""The newsletter subscribers screen in the admin (campaigns/newsletter/viewsets.py): who may see
it (addresses are personal data), what it lists and how (states, topics, dd/mm/yyyy), its
filters, search and audited exports, and the one change staff may make by hand:
unsubscribing someone at their request. Nobody may add, edit or delete subscribers there."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from campaigns.accounts import roles
from campaigns.newsletter import services
from campaigns.newsletter.models import Subscriber, SubscriberStatus
from campaigns.newsletter.staff import UNSUBSCRIBE_ACTION
from campaigns.security.models import ExportKind, PersonalDataAudit
from tests.security.helpers import make_user
from tests.security.otp import login_verified

from .conftest import make_article

INDEX = "/admin/ban-tin/nguoi-dang-ky/"
PAYLOAD = '<script>alert("xss")</script>'


def client_for(role):
    client = Client()
    user = make_user(role)
    if role in roles.TWO_FACTOR_ROLES:
        login_verified(client, user)
    else:
        client.force_login(user)
    client.user = user
    return client


def add_subscriber(email, status=SubscriberStatus.CONFIRMED, topics=(), created=None, confirmed=None):
    subscriber = Subscriber.objects.create(email=email, status=status)
    subscriber.topics.set(topics)
    created = created or timezone.now()
    Subscriber.objects.filter(pk=subscriber.pk).update(
        created_at=created, confirmed_at=confirmed if status == SubscriberStatus.CONFIRMED else None,
        digest_watermark=confirmed)
    subscriber.refresh_from_db()
    return subscriber


@pytest.fixture
def people(db, topics):
    vn = timezone.get_current_timezone()
    # 23:30 on 4 March in Viet Nam is still 3 March in UTC: dates are shown as the local day.
    late = datetime.datetime(2026, 3, 4, 23, 30, tzinfo=vn)
    return {
        "lan": add_subscriber("lan@example.vn", topics=[topics["lanh-dao"]], created=late - datetime.timedelta(days=1),
                              confirmed=late),
        "mai": add_subscriber("mai@example.vn", status=SubscriberStatus.PENDING),
        "hoa": add_subscriber("hoa@example.vn", confirmed=late),  # no topic: receives everything
        "dao": add_subscriber("dao@example.vn", topics=[topics["dao-tao"]], confirmed=late),
        "cu": add_subscriber("cu@example.vn", status=SubscriberStatus.UNSUBSCRIBED, topics=[topics["lanh-dao"]]),
    }


def listed(response):
    return sorted(s.email for s in response.context["object_list"])


# --- who may see it ---------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "sees"), [
    (roles.COMMUNICATIONS_OFFICER, True), (roles.APPROVER, True), (roles.ADMINISTRATOR, True),
    (roles.ORGANIZER, False), (roles.MONITOR, False),
])
def test_publishing_roles_and_administrators_see_subscribers_others_do_not(people, role, sees):
    client = client_for(role)
    pk = people["lan"].pk
    urls = [INDEX, f"{INDEX}?export=csv", f"{INDEX}inspect/{pk}/", f"{INDEX}history/{pk}/", f"{INDEX}unsubscribe/{pk}/"]
    for url in urls:
        response = client.get(url)
        if sees:
            assert response.status_code == 200, url
        else:
            # Wagtail's "permission denied": back to the dashboard, no address shown.
            assert response.status_code == 302 and response["Location"] == "/admin/", url
    menu = client.get("/admin/").content.decode()
    assert (INDEX in menu) is sees
    assert Subscriber.objects.get(pk=pk).status == SubscriberStatus.CONFIRMED


@pytest.mark.parametrize("role", [None, roles.TRAINEE])
def test_anonymous_visitors_and_trainees_are_sent_to_log_in(people, role):
    client = client_for(role) if role else Client()
    for url in (INDEX, f"{INDEX}inspect/{people['lan'].pk}/", f"{INDEX}?export=xlsx"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url


def test_nobody_adds_edits_or_deletes_subscribers_here_not_even_administrators(people):
    from campaigns.newsletter.viewsets import subscriber_viewset

    for name in ("add", "edit", "delete", "copy", "usage"):
        with pytest.raises(NoReverseMatch):
            reverse(f"newsletter_subscribers:{name}", args=[] if name == "add" else [people["lan"].pk])
    admin = make_user(roles.ADMINISTRATOR)
    policy = subscriber_viewset.permission_policy
    assert not policy.user_has_permission(admin, "add") and not policy.user_has_permission(admin, "delete")
    assert policy.user_has_permission(admin, "change") and policy.user_has_permission(admin, "view")
    html = client_for(roles.ADMINISTRATOR).get(INDEX).content.decode()
    assert f"{INDEX}new/" not in html and "/edit/" not in html and "/delete/" not in html


# --- what it lists ----------------------------------------------------------------------------

def test_the_list_shows_state_topics_and_local_dates_in_vietnamese(people):
    html = client_for(roles.COMMUNICATIONS_OFFICER).get(INDEX).content.decode()
    for label in ("Chờ xác nhận", "Đã xác nhận", "Đã hủy đăng ký", "Tất cả chủ đề", "Lãnh đạo nữ"):
        assert label in html
    assert "04/03/2026" in html and "03/03/2026" in html  # confirmed / subscribed, local days


def test_english_admin_shows_the_same_screen_in_english(people):
    client = client_for(roles.COMMUNICATIONS_OFFICER)
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(client.user)
    profile.preferred_language = "en"
    profile.save()
    html = client.get(INDEX).content.decode()
    assert "Newsletter subscribers" in html and "Awaiting confirmation" in html and "All topics" in html


def test_filters_by_state_and_by_topic_and_search_by_address(people, topics):
    client = client_for(roles.APPROVER)
    assert listed(client.get(INDEX, {"status": "pending"})) == ["mai@example.vn"]
    # "Receives the topic": those who chose it and those who chose no topic at all.
    receives = listed(client.get(INDEX, {"topic": topics["lanh-dao"].pk}))
    assert receives == ["cu@example.vn", "hoa@example.vn", "lan@example.vn", "mai@example.vn"]
    both = listed(client.get(INDEX, {"topic": topics["lanh-dao"].pk, "status": "confirmed"}))
    assert both == ["hoa@example.vn", "lan@example.vn"]
    assert listed(client.get(INDEX, {"q": "HOA@"})) == ["hoa@example.vn"]


def test_the_list_takes_the_same_number_of_queries_for_5_or_50_subscribers(people, topics,
                                                                        django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(roles.COMMUNICATIONS_OFFICER)
    client.get(INDEX)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for number in range(45):
        add_subscriber(f"them{number}@example.vn", topics=[topics["dao-tao"], topics["lanh-dao"]])
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(INDEX).context["object_list"]) == 50


def test_inspect_shows_the_subscription_and_the_digests_received(people, site):
    from campaigns.notifications.models import Delivery, DeliveryState, MessageKind

    sent_at = timezone.make_aware(datetime.datetime(2026, 3, 9, 8, 0))
    for edition, state in (("2026-03-02", DeliveryState.SENT), ("2026-03-09", DeliveryState.SENT),
                           ("2026-03-16", DeliveryState.PENDING)):
        Delivery.objects.create(
            message_key=f"digest:{edition}", recipient_key="addr:lan@example.vn", channel="email",
            kind=MessageKind.DIGEST, address="lan@example.vn", state=state, due_at=sent_at, next_attempt_at=sent_at,
            sent_at=sent_at if edition == "2026-03-09" else sent_at - datetime.timedelta(days=7),
        )
    html = client_for(roles.COMMUNICATIONS_OFFICER).get(f"{INDEX}inspect/{people['lan'].pk}/").content.decode()
    assert "lan@example.vn" in html and "Lãnh đạo nữ" in html and "23:30 04/03/2026" not in html
    assert "04/03/2026 23:30" in html and "2 số, gần nhất ngày 09/03/2026" in html
    assert f"{INDEX}unsubscribe/{people['lan'].pk}/" in html


def test_topic_names_render_escaped(people, topics):
    topics["lanh-dao"].name = PAYLOAD
    topics["lanh-dao"].save()
    client = client_for(roles.COMMUNICATIONS_OFFICER)
    for url in (INDEX, f"{INDEX}inspect/{people['lan'].pk}/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html, url


# --- exports ----------------------------------------------------------------------------------

def test_csv_export_lists_what_is_filtered_with_local_times_and_is_audited(people):
    client = client_for(roles.COMMUNICATIONS_OFFICER)
    response = client.get(INDEX, {"export": "csv", "status": "confirmed"})
    assert response.status_code == 200 and "nguoi-dang-ky-ban-tin.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))
    assert rows[0] == ["Email", "Trạng thái", "Ngôn ngữ", "Chủ đề", "Đăng ký lúc", "Xác nhận lúc", "Hủy lúc"]
    by_email = {row[0]: row for row in rows[1:]}
    assert sorted(by_email) == ["dao@example.vn", "hoa@example.vn", "lan@example.vn"]
    assert by_email["lan@example.vn"][1:6] == ["Đã xác nhận", "Tiếng Việt", "Lãnh đạo nữ", "03/03/2026 23:30",
                                               "04/03/2026 23:30"]
    assert by_email["hoa@example.vn"][3] == "Tất cả chủ đề"
    audit = PersonalDataAudit.objects.get()
    assert audit.kind == ExportKind.STAFF_EXPORT and audit.actor == client.user and audit.record_count == 3


def test_xlsx_export_neutralises_formulas_hidden_in_addresses(people, site):
    from openpyxl import load_workbook

    # A valid address that a spreadsheet would run as a formula; it came in through the form.
    services.subscribe(email="=2+5|calc@example.vn")
    client = client_for(roles.APPROVER)
    response = client.get(INDEX, {"export": "xlsx", "q": "calc"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "'=2+5|calc@example.vn" and rows[1][1] == "Chờ xác nhận"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    csv_body = b"".join(client.get(INDEX, {"export": "csv", "q": "calc"}).streaming_content).decode()
    assert "\n'=2+5|calc@example.vn," in csv_body.replace("\r\n", "\n")
    audits = PersonalDataAudit.objects.filter(kind=ExportKind.STAFF_EXPORT).order_by("pk")
    assert [(a.file_format, a.record_count) for a in audits] == [("xlsx", 1), ("csv", 1)]


# --- unsubscribing on request -----------------------------------------------------------------

def test_an_officer_unsubscribes_someone_on_request_and_it_is_logged(people, site):
    client = client_for(roles.COMMUNICATIONS_OFFICER)
    lan = people["lan"]
    url = f"{INDEX}unsubscribe/{lan.pk}/"
    page = client.get(url).content.decode()
    assert "Hủy đăng ký bản tin cho lan@example.vn?" in page
    lan.refresh_from_db()
    assert lan.status == SubscriberStatus.CONFIRMED  # a GET changes nothing
    response = client.post(url, follow=True)
    assert "Đã hủy đăng ký bản tin cho lan@example.vn." in response.content.decode()
    lan.refresh_from_db()
    assert lan.status == SubscriberStatus.UNSUBSCRIBED and lan.unsubscribed_at is not None
    entry = ModelLogEntry.objects.get(action=UNSUBSCRIBE_ACTION)
    assert entry.user_id == client.user.pk and entry.object_id == str(lan.pk)
    assert "@" not in entry.label  # the log keeps no address (erasure removes the row, not the log)
    history = client.get(f"{INDEX}history/{lan.pk}/").content.decode()
    assert "Hủy đăng ký theo yêu cầu" in history
    # The site-wide history report links the entry to the subscriber's page (there is no edit view).
    report = client_for(roles.ADMINISTRATOR).get("/admin/reports/site-history/")
    assert report.status_code == 200 and f"{INDEX}inspect/{lan.pk}/" in report.content.decode()
    # Unsubscribing again changes nothing and says so.
    again = client.post(url, follow=True).content.decode()
    assert "lan@example.vn đã hủy đăng ký từ trước." in again
    assert ModelLogEntry.objects.filter(action=UNSUBSCRIBE_ACTION).count() == 1
    # And the next digest does not reach them.
    make_article(site["news"], title="Bài mới", slug="bai-moi")
    assert "lan@example.vn" not in [m.to[0] for m in _digest_mail()]


def _digest_mail():
    from django.core import mail

    mail.outbox.clear()
    from campaigns.notifications.services.dispatch import run_dispatcher

    services.send_digests(now=timezone.now() + datetime.timedelta(minutes=1))
    run_dispatcher()
    return list(mail.outbox)


def test_an_unknown_subscriber_is_not_found_and_nothing_changes(people):
    client = client_for(roles.COMMUNICATIONS_OFFICER)
    assert client.post(f"{INDEX}unsubscribe/999999/").status_code == 404
    assert not ModelLogEntry.objects.filter(action=UNSUBSCRIBE_ACTION).exists()


def test_without_the_change_permission_there_is_no_unsubscribe(people):
    from django.contrib.auth.models import Permission

    client = client_for(roles.COMMUNICATIONS_OFFICER)
    client.user.groups.clear()
    client.user.user_permissions.add(*Permission.objects.filter(
        codename__in=["access_admin", "view_subscriber"]))
    html = client.get(f"{INDEX}inspect/{people['lan'].pk}/").content.decode()
    assert "/unsubscribe/" not in html
    response = client.post(f"{INDEX}unsubscribe/{people['lan'].pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Subscriber.objects.get(pk=people["lan"].pk).status == SubscriberStatus.CONFIRMED
