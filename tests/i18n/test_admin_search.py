"""Every admin list searches without regard to diacritics, as the public search does
(campaigns/i18n/admin_search.py): registrations, runs, courses, sessions, people,
newsletter subscribers and the ledger. A query typed without marks ("ngoc anh", "thao",
"lop", "lanh dao") finds exactly what its accented form finds, on SQLite and PostgreSQL."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.accounts.models import User
from campaigns.newsletter.models import Subscriber, SubscriberStatus
from campaigns.notifications.models import Delivery, MessageKind
from campaigns.programme.models import Gender, Person
from campaigns.training.models import Course, CourseRun, Registration, RegistrationStatus, Session
from cms.models import Topic


@pytest.fixture
def admin_client(db):
    user = User.objects.create_superuser("quantri-tim", "quantri-tim@example.vn", "Mat-khau-2026")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def data(db):
    start = timezone.now() + datetime.timedelta(days=10)
    leadership = Course.objects.create(title="Bồi dưỡng kỹ năng lãnh đạo", slug="boi-duong", topic="Quản lý", hours=12)
    office = Course.objects.create(title="Tin học văn phòng", slug="tin-hoc", topic="Công nghệ", hours=8)
    run_a = CourseRun.objects.create(course=leadership, title="Lớp 01/2027", capacity=30)
    run_b = CourseRun.objects.create(course=office, title="Khóa chiều thứ Bảy", capacity=30)
    Session.objects.create(run=run_a, title="Lãnh đạo nhóm", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    Session.objects.create(run=run_b, title="Bảng tính Excel", starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    anh = Person.objects.create(full_name="Nguyễn Ngọc Anh", gender=Gender.FEMALE, position="Phó Chủ tịch")
    thao = Person.objects.create(full_name="Lê Thị Thảo", gender=Gender.FEMALE, position="Trưởng phòng")
    Registration.objects.create(person=anh, run=run_a, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(person=thao, run=run_b, status=RegistrationStatus.CONFIRMED)
    for person in (anh, thao):
        Delivery.objects.create(message_key=f"test:{person.pk}", recipient_key=f"person:{person.pk}", channel="email",
                                kind=MessageKind.BROADCAST, person=person, due_at=start, next_attempt_at=start)
    topic_a = Topic.objects.create(name="Lãnh đạo nữ", slug="lanh-dao-nu")
    topic_b = Topic.objects.create(name="Kinh tế", slug="kinh-te")
    Subscriber.objects.create(email="ban-doc-mot@example.vn", status=SubscriberStatus.CONFIRMED).topics.set([topic_a])
    Subscriber.objects.create(email="ban-doc-hai@example.vn", status=SubscriberStatus.CONFIRMED).topics.set([topic_b])


LISTS = {
    "registrations": ("training_registration:index_results", "Nguyễn Ngọc Anh", "Lê Thị Thảo"),
    "runs": ("courserun:index_results", "Lớp 01/2027", "Khóa chiều thứ Bảy"),
    "courses": ("course:index_results", "Bồi dưỡng kỹ năng lãnh đạo", "Tin học văn phòng"),
    "sessions": ("session:index_results", "Lãnh đạo nhóm", "Bảng tính Excel"),
    "people": ("security_people", "Nguyễn Ngọc Anh", "Lê Thị Thảo"),
    "subscribers": ("newsletter_subscribers:index_results", "ban-doc-mot@example.vn", "ban-doc-hai@example.vn"),
    "ledger": ("wagtailsnippets_notifications_delivery:list_results", "Nguyễn Ngọc Anh", "Lê Thị Thảo"),
}

QUERIES = {
    "registrations": [("ngoc anh", "Ngọc Anh"), ("NGOC   anh", "ngọc anh"), ("lop 01", "Lớp 01")],
    "runs": [("lop", "Lớp"), ("lanh dao", "lãnh đạo")],
    "courses": [("lanh dao", "lãnh đạo"), ("boi duong", "Bồi dưỡng")],
    "sessions": [("lanh dao", "Lãnh đạo"), ("lop 01", "Lớp 01")],
    "people": [("ngoc anh", "Ngọc Anh"), ("pho chu tich", "Phó Chủ tịch")],
    "subscribers": [("lanh dao", "Lãnh đạo")],
    "ledger": [("ngoc anh", "Ngọc Anh")],
}


def _get(client, name, query):
    response = client.get(reverse(name), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("listing", sorted(LISTS))
def test_unaccented_query_finds_what_the_accented_one_finds(admin_client, data, listing):
    name, wanted, other = LISTS[listing]
    for plain, accented in QUERIES[listing]:
        for query in (plain, accented):
            html = _get(admin_client, name, query)
            assert wanted in html, (listing, query)
            assert other not in html, (listing, query)


def test_thao_finds_thao_in_registrations_and_the_ledger(admin_client, data):
    for name in ("training_registration:index_results", "wagtailsnippets_notifications_delivery:list_results",
                 "security_people"):
        html = _get(admin_client, name, "thao")
        assert "Lê Thị Thảo" in html and "Nguyễn Ngọc Anh" not in html, name


def test_sessions_list_has_a_search_box(admin_client, data):
    html = admin_client.get(reverse("session:index")).content.decode()
    assert 'name="q"' in html


def test_a_match_across_a_to_many_relation_is_listed_once(admin_client, data):
    topic = Topic.objects.create(name="Lãnh đạo trẻ", slug="lanh-dao-tre")
    Subscriber.objects.get(email="ban-doc-mot@example.vn").topics.add(topic)
    html = _get(admin_client, "newsletter_subscribers:index_results", "lanh dao")
    assert "ban-doc-mot@example.vn" in html
    assert "1 người đăng ký bản tin" in html
