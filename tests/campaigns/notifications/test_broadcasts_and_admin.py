"""Broadcasts (audiences, count, test to self, now or later, progress) and the admin screens."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from campaigns.accounts import roles
from campaigns.accounts.role_setup import setup_roles
from campaigns.notifications.models import Audience, Broadcast, BroadcastState, Delivery, DeliveryState
from campaigns.notifications.services import broadcasts
from campaigns.notifications.services.dispatch import run_dispatcher
from campaigns.notifications.services.errors import NotificationError
from campaigns.programme.models import Gender, OrganisationUnit, PlanningPoolEntry, TrainingRecord
from campaigns.training.models import RegistrationStatus

from .factories import PersonFactory, RegistrationFactory, RunFactory, UserFactory


@pytest.fixture
def organizer(db):
    setup_roles()
    user = UserFactory(email="tochuc@example.vn", is_staff=True)  # staff, as every organizer account is
    user.groups.add(Group.objects.get(name=roles.ORGANIZER))
    user.user_permissions.add(access_admin_permission())
    return user


def access_admin_permission():
    """Wagtail's access_admin permission (made by a data migration, so a flushed database of a
    previous transactional test may lack it)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    return Permission.objects.get_or_create(content_type=content_type, codename="access_admin",
                                            defaults={"name": "Can access Wagtail admin"})[0]


def make(**kw):
    defaults = dict(title="Thông báo lịch học", subject="Lịch học tuần sau", body="Chào {{ name }}, lịch học đã cập nhật.",
                    channels=["email"], audience=Audience.RUN)
    return Broadcast.objects.create(**{**defaults, **kw})


def test_run_audience_by_status(db):
    run = RunFactory()
    confirmed = RegistrationFactory.create_batch(3, run=run)
    RegistrationFactory(run=run, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(run=run, status=RegistrationStatus.CANCELLED)
    assert broadcasts.recipient_count(make(run=run)) == 4  # everyone but the cancelled
    only = make(run=run, statuses=[RegistrationStatus.CONFIRMED])
    assert set(broadcasts.audience_people(only)) == {r.person for r in confirmed}


def test_unit_audience_includes_the_subtree(db):
    root = OrganisationUnit.add_root(code="T", name="Tỉnh", level="province", unit_type="committee")
    child = root.add_child(code="T-X", name="Xã", level="commune", unit_type="committee")
    other = OrganisationUnit.add_root(code="K", name="Khác", level="province", unit_type="committee")
    inside = [PersonFactory(unit=root), PersonFactory(unit=child)]
    PersonFactory(unit=other)
    assert set(broadcasts.audience_people(make(audience=Audience.UNIT, unit=root))) == set(inside)


def test_planning_pool_women_not_yet_trained(db):
    unit = OrganisationUnit.add_root(code="T", name="Tỉnh", level="province", unit_type="committee")
    today = timezone.localdate()

    def pooled(**kw):
        person = PersonFactory(**kw)
        PlanningPoolEntry.objects.create(person=person, unit=unit, target_post="Phó Giám đốc Sở", term_start_year=2026,
                                         term_end_year=2031, starts_on=today - datetime.timedelta(days=30))
        return person

    untrained = pooled()
    trained = pooled()
    TrainingRecord.objects.create(person=trained, completed_on=today, title="Lớp A", source="external", reference="x1")
    pooled(gender=Gender.MALE)
    PersonFactory()  # not in the pool
    assert list(broadcasts.audience_people(make(audience=Audience.POOL_UNTRAINED))) == [untrained]


def test_incomplete_broadcast_is_refused_with_a_clear_message_and_nothing_queued(db):
    with pytest.raises(NotificationError) as info:
        broadcasts.schedule(broadcast=make(run=None))
    assert "Chọn lớp học" in str(info.value)
    with pytest.raises(NotificationError):
        broadcasts.schedule(broadcast=make(run=RunFactory(), channels=[]))
    with pytest.raises(NotificationError) as info:
        broadcasts.schedule(broadcast=make(run=RunFactory()), send_at=timezone.now() - datetime.timedelta(days=1))
    assert "đã qua" in str(info.value)
    assert not Delivery.objects.exists()
    assert set(Broadcast.objects.values_list("state", flat=True)) == {BroadcastState.DRAFT}


def test_send_now_expands_once_sends_and_finishes(db, email_to_sink):
    run = RunFactory()
    RegistrationFactory.create_batch(4, run=run)
    broadcast = broadcasts.schedule(broadcast=make(run=run))
    assert broadcast.state == BroadcastState.SCHEDULED and broadcast.recipient_count == 4
    assert broadcasts.start_due_broadcasts() == 4
    assert broadcasts.start_due_broadcasts() == 0
    assert broadcasts.progress(broadcast)[DeliveryState.PENDING] == 4
    run_dispatcher(budget_seconds=5)
    broadcasts.finish_broadcasts()
    broadcast.refresh_from_db()
    assert broadcast.state == BroadcastState.DONE
    assert broadcasts.progress(broadcast)[DeliveryState.SENT] == 4
    assert len(email_to_sink.accepted) == 4


def test_scheduled_broadcast_waits_for_its_time(db):
    run = RunFactory()
    RegistrationFactory(run=run)
    later = timezone.now() + datetime.timedelta(hours=3)
    broadcast = broadcasts.schedule(broadcast=make(run=run), send_at=later)
    assert broadcasts.start_due_broadcasts() == 0
    assert broadcast.send_at == later


def test_cancelled_broadcast_skips_what_is_left(db):
    run = RunFactory()
    RegistrationFactory.create_batch(2, run=run)
    broadcast = broadcasts.schedule(broadcast=make(run=run))
    broadcasts.start_due_broadcasts()
    broadcasts.cancel(broadcast=broadcast)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SKIPPED}


def test_organizer_sends_a_test_to_themself_then_schedules(organizer, client, email_to_sink):
    run = RunFactory()
    RegistrationFactory.create_batch(2, run=run)
    broadcast = make(run=run)
    client.force_login(organizer)
    url = reverse("notifications_broadcast_send", args=[broadcast.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Gửi thử cho tôi" in page.content.decode()
    client.post(url, {"action": "test"})
    test_row = Delivery.objects.get()
    assert test_row.address == "tochuc@example.vn" and test_row.message_key.startswith("broadcast-test:")
    run_dispatcher(budget_seconds=5)
    assert len(email_to_sink.accepted) == 1
    confirm = client.post(url, {"action": "send", "send_at": "31/12/2099 08:00"})
    body = confirm.content.decode()
    assert confirm.status_code == 200 and 'data-confirm-count="2"' in body and "Xác nhận gửi cho 2 người" in body
    assert "08:00, thứ Năm 31/12/2099" in body
    assert Broadcast.objects.get().state == BroadcastState.DRAFT  # nothing sent before the confirmation
    response = client.post(url, {"action": "send", "send_at": "31/12/2099 08:00", "confirmed_count": "2"})
    assert response.status_code == 302
    broadcast.refresh_from_db()
    assert broadcast.state == BroadcastState.SCHEDULED
    assert timezone.localtime(broadcast.send_at).strftime("%d/%m/%Y %H:%M") == "31/12/2099 08:00"
    progress = client.get(reverse("notifications_broadcast_progress", args=[broadcast.pk])).json()
    assert progress["state"] == "scheduled" and progress["recipients"] == 2


def test_a_changed_audience_is_confirmed_again(organizer, client):
    run = RunFactory()
    RegistrationFactory.create_batch(2, run=run)
    broadcast = make(run=run)
    client.force_login(organizer)
    url = reverse("notifications_broadcast_send", args=[broadcast.pk])
    RegistrationFactory(run=run)  # a third trainee registers while the organizer reads the count
    again = client.post(url, {"action": "send", "send_at": "", "confirmed_count": "2"})
    body = again.content.decode()
    assert again.status_code == 200 and 'data-confirm-count="3"' in body and "đã thay đổi" in body
    assert Broadcast.objects.get().state == BroadcastState.DRAFT
    assert client.post(url, {"action": "send", "send_at": "", "confirmed_count": "3"}).status_code == 302
    assert Broadcast.objects.get().state == BroadcastState.SCHEDULED


def test_send_page_says_channels_in_words_and_the_time_field_looks_empty(organizer, client):
    broadcast = make(run=RunFactory(), channels=["email", "sms"])
    client.force_login(organizer)
    body = client.get(reverse("notifications_broadcast_send", args=[broadcast.pk])).content.decode()
    assert "<dd>Email, Tin nhắn SMS</dd>" in body
    assert 'placeholder="để trống: gửi ngay"' in body and 'placeholder="25/12/2026' not in body


def test_console_channel_is_offered_only_where_enabled(organizer, client, settings):
    client.force_login(organizer)
    add = reverse("wagtailsnippets_notifications_broadcast:add")
    assert 'value="console"' not in client.get(add).content.decode()
    settings.NOTIFICATIONS_CONSOLE_CHANNEL = True
    assert 'value="console"' in client.get(add).content.decode()


def test_abolished_units_are_not_offered_nor_accepted_as_audiences(organizer, client):
    today = timezone.localdate()
    old = OrganisationUnit.add_root(code="BP", name="Tỉnh Bình Phước", level="province", unit_type="committee",
                                    valid_to=today - datetime.timedelta(days=30))
    new = OrganisationUnit.add_root(code="DN", name="Tỉnh Đồng Nai", level="province", unit_type="committee")
    client.force_login(organizer)
    form = client.get(reverse("wagtailsnippets_notifications_broadcast:add")).content.decode()
    assert "Tỉnh Đồng Nai" in form and "Tỉnh Bình Phước" not in form
    broadcast = make(audience=Audience.UNIT, unit=old)
    with pytest.raises(NotificationError, match="không còn tồn tại"):
        broadcasts.validate(broadcast)
    edit = client.get(reverse("wagtailsnippets_notifications_broadcast:edit", args=[broadcast.pk])).content.decode()
    assert "Tỉnh Bình Phước" in edit  # kept on the broadcast that names it, so the form shows the truth
    assert new.pk


def test_the_broadcast_form_says_the_greeting_is_added(organizer, client):
    client.force_login(organizer)
    form = client.get(reverse("wagtailsnippets_notifications_broadcast:add")).content.decode()
    assert "tự mở đầu bằng «Kính gửi» và họ tên người nhận" in form


def test_bad_date_on_the_send_page_is_an_error_in_vietnamese(organizer, client):
    broadcast = make(run=RunFactory())
    client.force_login(organizer)
    page = client.post(reverse("notifications_broadcast_send", args=[broadcast.pk]), {"action": "send", "send_at": "32/13/2099 25:00"})
    assert page.status_code == 200 and "Nhập một ngày/thời gian hợp lệ" in page.content.decode()
    assert Broadcast.objects.get().state == BroadcastState.DRAFT


def test_people_without_the_permission_cannot_send(db, client):
    user = UserFactory()
    client.force_login(user)
    broadcast = make(run=RunFactory())
    assert client.post(reverse("notifications_broadcast_send", args=[broadcast.pk]), {"action": "send"}).status_code in (302, 403)
    assert Broadcast.objects.get().state == BroadcastState.DRAFT


def test_ledger_listing_filters_and_bulk_retry(organizer, client, email_to_sink):
    email_to_sink.reply = lambda mid, attempt: "550 5.1.1 no such user" if attempt == 1 else None
    run = RunFactory()
    RegistrationFactory.create_batch(2, run=run)
    broadcast = broadcasts.schedule(broadcast=make(run=run))
    broadcasts.start_due_broadcasts()
    run_dispatcher(budget_seconds=5)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.FAILED}
    client.force_login(organizer)
    listing = client.get(reverse("wagtailsnippets_notifications_delivery:list"), {"state": "failed"})
    assert listing.status_code == 200 and "550 5.1.1" in listing.content.decode()
    ids = list(Delivery.objects.values_list("pk", flat=True))
    retry_url = reverse("wagtail_bulk_action", args=("notifications", "delivery", "retry"))
    query = "&".join(f"id={i}" for i in ids)
    assert client.get(f"{retry_url}?{query}").status_code == 200
    client.post(f"{retry_url}?{query}")
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.PENDING}
    run_dispatcher(budget_seconds=5)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    figures = client.get(reverse("notifications_figures"))
    assert figures.status_code == 200 and broadcast.title in figures.content.decode()


def test_ledger_cannot_be_edited_by_hand(organizer, client):
    client.force_login(organizer)
    assert client.get(reverse("wagtailsnippets_notifications_delivery:add")).status_code in (302, 403)


def test_template_admin_preview(organizer, client):
    from campaigns.notifications.models import MessageTemplate

    client.force_login(organizer)
    template = MessageTemplate.objects.get(kind="reminder", language="vi")
    edit = client.get(reverse("wagtailsnippets_notifications_messagetemplate:edit", args=[template.pk]))
    assert edit.status_code == 200
    preview_url = reverse("wagtailsnippets_notifications_messagetemplate:preview_on_edit", args=[template.pk])
    data = {"kind": "reminder", "language": "vi", "subject": "Nhắc {{ name }}", "text_body": "Buổi {{ session }}",
            "html_body": "", "short_text": "Nhac {{ name }}", "zns_template_id": ""}
    assert client.post(preview_url, data).json()["is_valid"]
    shown = client.get(preview_url).content.decode()
    assert "Nhắc Nguyễn Thị Lan" in shown


def test_reminder_rule_admin_form_saves_checkbox_lists(organizer, client):
    from campaigns.notifications.models import ReminderRule

    client.force_login(organizer)
    response = client.post(reverse("wagtailsnippets_notifications_reminderrule:add"), {
        "name": "Nhắc trước 3 ngày", "anchor": "start", "offset_minutes": "-4320", "kind": "reminder",
        "statuses": ["confirmed", "offered"], "channels": ["email", "sms"], "catch_up_minutes": "120", "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = ReminderRule.objects.get(name="Nhắc trước 3 ngày")  # beside the change rule made by migration
    assert rule.statuses == ["confirmed", "offered"] and rule.channels == ["email", "sms"]


def test_newsletter_audience_is_the_confirmed_subscribers_in_their_language(db, email_to_sink):
    from campaigns.newsletter.models import Subscriber

    Subscriber.objects.create(email="a@example.vn", status="confirmed", language="en")
    Subscriber.objects.create(email="b@example.vn", status="pending")
    Subscriber.objects.create(email="c@example.vn", status="unsubscribed")
    broadcast = broadcasts.schedule(broadcast=make(audience=Audience.NEWSLETTER))
    assert broadcast.recipient_count == 1
    broadcasts.start_due_broadcasts()
    run_dispatcher(budget_seconds=5)
    row = Delivery.objects.get()
    assert row.address == "a@example.vn" and row.language == "en" and row.state == DeliveryState.SENT
    assert email_to_sink.recipients == ["a@example.vn"]
