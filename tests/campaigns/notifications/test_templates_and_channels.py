"""Templates per kind and language; channels behind one interface; preferences and fallback."""

import datetime
import email
import email.policy

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from campaigns.notifications.channels import PermanentError, Rendered, get_channel
from campaigns.notifications.channels.sms import count_segments, normalise_phone, validate_brandname
from campaigns.notifications.channels.zalo import check_zns_params
from campaigns.notifications.models import (
    ChannelPreference,
    Delivery,
    DeliveryState,
    InSiteNotification,
    MessageKind,
    MessageTemplate,
)
from campaigns.notifications.services import preferences
from campaigns.notifications.services.dispatch import quiet_hours_end, run_dispatcher
from campaigns.notifications.services.errors import NotificationError
from campaigns.notifications.services.outbox import queue_message, resolve_channels

from .factories import PersonFactory, RegistrationFactory, SessionFactory, UserFactory


def confirm(person, reg, channels=("email",)):
    return queue_message(message_key=f"confirmation:{reg.pk}", kind=MessageKind.CONFIRMATION, person=person,
                         channels=list(channels), subject=reg)


def test_confirmation_email_has_html_and_text_in_the_recipients_language(db, email_to_sink):
    session = SessionFactory()
    english = PersonFactory(user=UserFactory(preferred_language="en"))
    vietnamese = PersonFactory()
    for person in (english, vietnamese):
        confirm(person, RegistrationFactory(run=session.run, person=person))
    run_dispatcher(budget_seconds=5)
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 2
    from django.core import mail  # noqa: F401 - real SMTP was used: the sink has them

    assert len(email_to_sink.accepted) == 2


def test_confirmation_over_real_smtp_has_text_html_and_the_ics_and_qr_attachments(db, email_to_sink):
    session = SessionFactory()
    person = PersonFactory(user=UserFactory(preferred_language="en"))
    registration = RegistrationFactory(run=session.run, person=person)
    confirm(person, registration)
    run_dispatcher(budget_seconds=5)
    (received,) = email_to_sink.messages
    message = email.message_from_bytes(received.as_bytes(), policy=email.policy.default)
    assert message["Subject"].strip().startswith("Registration confirmed") and message["To"] == person.email
    parts = {part.get_content_type(): part for part in message.walk() if not part.is_multipart()}
    assert set(parts) == {"text/plain", "text/html", "text/calendar", "image/png"}
    assert registration.code in parts["text/plain"].get_payload(decode=True).decode()
    assert parts["text/calendar"].get_filename() == "lich-hoc.ics"
    assert b"BEGIN:VEVENT" in parts["text/calendar"].get_payload(decode=True)
    assert parts["image/png"].get_filename() == f"ma-diem-danh-{registration.code}.png"
    assert parts["image/png"].get_payload(decode=True)[:4] == b"\x89PNG"


def test_the_same_confirmation_by_sms_or_inbox_has_no_attachments(db):
    from campaigns.notifications.services.rendering import render_delivery

    person = PersonFactory(phone="0912345678")
    registration = RegistrationFactory(run=SessionFactory().run, person=person)
    for channel in ("sms", "insite"):
        [row] = confirm(person, registration, channels=[channel])
        message = render_delivery(row)
        assert message.attachments == [] and registration.code in message.short_text
        row.delete()


def test_list_placeholder_is_lines_in_text_and_a_linked_list_in_html():
    from campaigns.notifications.composers import Item, Lines
    from campaigns.notifications.services.rendering import render_fields

    items = Lines([Item("Buổi 1 <a>", url="https://example.vn/1/", note="Hội trường"), Item("Buổi 2")])
    fields = {"subject": "Lịch", "text_body": "Lịch:\n{{ items }}", "html_body": "<p>Lịch:</p>{{ items }}"}
    message = render_fields(fields, {"items": items}, language="vi")
    assert message.text == "Lịch:\n- Buổi 1 <a>\n  Hội trường\n  https://example.vn/1/\n- Buổi 2"
    assert ('<ul><li><a href="https://example.vn/1/">Buổi 1 &lt;a&gt;</a><br>Hội trường</li><li>Buổi 2</li></ul>'
            in message.html)
    plain = render_fields({"subject": "s", "text_body": "Xem {{ items }}"}, {"items": items}, language="vi")
    assert '<a href="https://example.vn/1/"' in plain.html  # a text-only template's links are clickable


def test_without_channels_a_message_goes_by_the_persons_preferred_channel(db):
    person = PersonFactory(phone="0912345678")
    assert [r.channel for r in confirm(person, RegistrationFactory(person=person, run=SessionFactory().run),
                                       channels=())] == ["email"]
    other = PersonFactory(phone="0912345679")
    preferences.set_preferences(person=other, opted_out=["email"], order=["sms", "email"])
    assert [r.channel for r in confirm(other, RegistrationFactory(person=other, run=SessionFactory().run),
                                       channels=())] == ["sms"]


def test_template_preview_lists_the_placeholders_of_its_kind(db):
    template = MessageTemplate.objects.get(kind="confirmation", language="vi")
    context = template.get_preview_context(None, "")
    assert "{{ sessions }}" in context["placeholders"] and "{{ cancel_link }}" in context["placeholders"]
    assert "Nguyễn Thị Lan" in context["rendered"].text and "- 08:00–11:30, thứ Sáu 15/01/2027" in context["rendered"].text


def test_rendered_email_parts_from_the_edited_template(db):
    from campaigns.notifications.services.rendering import render_delivery

    MessageTemplate.objects.filter(kind="confirmation", language="vi").update(
        subject="Chào {{ name }}", text_body="Lớp {{ run }} <b>", html_body="<p>Lớp <strong>{{ run }}</strong></p>")
    session = SessionFactory()
    person = PersonFactory(full_name="Lê Thị Hoa")
    [row] = confirm(person, RegistrationFactory(run=session.run, person=person))
    message = render_delivery(row)
    assert message.subject == "Chào Lê Thị Hoa"
    assert message.text == f"Lớp {session.run.title} <b>"
    assert f"<strong>{session.run.title}</strong>" in message.html and '<html lang="vi">' in message.html


def test_english_recipient_gets_the_english_template(db):
    from campaigns.notifications.services.rendering import render_delivery

    session = SessionFactory()
    person = PersonFactory(user=UserFactory(preferred_language="en"))
    [row] = confirm(person, RegistrationFactory(run=session.run, person=person))
    assert render_delivery(row).subject.startswith("Registration confirmed")
    assert row.language == "en"


def test_template_with_a_broken_placeholder_is_refused_with_a_vietnamese_message(db):
    template = MessageTemplate(kind="reminder", language="vi", subject="{% if %}", text_body="x")
    with pytest.raises(ValidationError) as info:
        template.full_clean(exclude=["kind", "language"], validate_unique=False)
    assert "Mẫu có lỗi cú pháp" in str(info.value)


def test_template_preview_shows_sample_values(db):
    from campaigns.notifications.services.rendering import preview

    template = MessageTemplate.objects.get(kind="reminder", language="vi")
    rendered = preview(template=template)
    assert "Nguyễn Thị Lan" in rendered.text and "08:00 15/01/2027" in rendered.subject


def test_segments_are_counted_in_gsm7_and_ucs2():
    assert count_segments("Nhac lich: buoi hoc luc 08:00") == ("gsm7", 1)
    assert count_segments("a" * 160) == ("gsm7", 1)
    assert count_segments("a" * 161) == ("gsm7", 2)
    assert count_segments("€" * 81) == ("gsm7", 2)  # extension characters count double
    assert count_segments("Nhắc lịch") == ("ucs2", 1)
    assert count_segments("ạ" * 71) == ("ucs2", 2)


def test_brandname_longer_than_11_characters_is_refused():
    validate_brandname("SONOIVU-DN")
    for bad in ("SONOIVUDONGNAI", "", "Sở Nội vụ"):
        with pytest.raises(ValidationError) as info:
            validate_brandname(bad)
        assert "11 ký tự" in info.value.messages[0]


def test_sms_text_is_folded_to_ascii_and_too_long_is_permanent(settings):
    sms = get_channel("sms")
    assert sms.prepare("Nhắc lịch Đồng Nai")[0] == "Nhac lich Dong Nai"
    settings.NOTIFICATIONS_SMS_MAX_SEGMENTS = 1
    with pytest.raises(PermanentError):
        sms.prepare("x" * 200)


def test_zalo_parameters_over_400_characters_are_refused():
    check_zns_params({"name": "Lan"})
    with pytest.raises(PermanentError):
        check_zns_params({"body": "x" * 401})


def test_vietnamese_phone_numbers_are_normalised():
    assert normalise_phone("0912 345 678") == "84912345678"
    assert normalise_phone("+84 912-345-678") == "84912345678"
    assert normalise_phone("12345") == ""


def test_channel_unavailable_falls_back_in_the_persons_order(db):
    person = PersonFactory(email="", phone="0912345678")
    ChannelPreference.objects.create(person=person, order=["sms", "insite"])
    assert resolve_channels(person=person, requested=["email"]) == ["sms"]


def test_opted_out_channel_is_not_used(db):
    person = PersonFactory(phone="0912345678")
    preferences.set_preferences(person=person, opted_out=["sms"])
    assert resolve_channels(person=person, requested=["email", "sms"]) == ["email"]


def test_opting_out_of_the_inbox_or_an_unknown_channel_is_refused(db):
    person = PersonFactory()
    with pytest.raises(NotificationError):
        preferences.set_preferences(person=person, opted_out=["insite"])
    with pytest.raises(NotificationError) as info:
        preferences.set_preferences(person=person, opted_out=["fax"])
    assert "Kênh không hợp lệ" in str(info.value)
    assert not ChannelPreference.objects.exists()


def test_opt_out_after_queueing_skips_at_send_time(db, email_to_sink):
    person = PersonFactory()
    confirm(person, RegistrationFactory(person=person, run=SessionFactory().run))
    preferences.set_preferences(person=person, opted_out=["email"])
    run_dispatcher(budget_seconds=5)
    assert Delivery.objects.get().state == DeliveryState.SKIPPED
    assert email_to_sink.accepted == []


def test_insite_notification_lands_in_the_inbox_page(db, client):
    user = UserFactory()
    person = PersonFactory(user=user)
    confirm(person, RegistrationFactory(person=person, run=SessionFactory().run), channels=["insite"])
    run_dispatcher(budget_seconds=5)
    note = InSiteNotification.objects.get(person=person)
    assert note.title.startswith("Xác nhận đăng ký")
    client.force_login(user)
    page = client.get("/thong-bao/")
    assert page.status_code == 200 and note.title in page.content.decode()
    assert InSiteNotification.objects.get().read_at is not None


def test_inbox_needs_a_login(db, client):
    assert client.get("/thong-bao/").status_code == 302


def test_console_channel_logs_the_message(db, caplog):
    person = PersonFactory()
    confirm(person, RegistrationFactory(person=person, run=SessionFactory().run), channels=["console"])
    with caplog.at_level("INFO", logger="campaigns.notifications.console"):
        run_dispatcher(budget_seconds=5)
    assert "Xác nhận đăng ký" in caplog.text
    assert Delivery.objects.get().provider_message_id.startswith("console-")


def test_sms_is_deferred_to_7am_during_quiet_hours_not_dropped(db, settings):
    tz = timezone.get_current_timezone()
    night = datetime.datetime(2026, 12, 1, 22, 30, tzinfo=tz)
    assert quiet_hours_end(night) == datetime.datetime(2026, 12, 2, 7, 0, tzinfo=tz)
    assert quiet_hours_end(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=tz)) is None
    person = PersonFactory(phone="0912345678")
    with time_machine.travel(night):
        confirm(person, RegistrationFactory(person=person, run=SessionFactory().run), channels=["sms"])
        run_dispatcher(budget_seconds=5)
    row = Delivery.objects.get()
    assert row.state == DeliveryState.PENDING and row.attempts == 0
    assert timezone.localtime(row.next_attempt_at) == datetime.datetime(2026, 12, 2, 7, 0, tzinfo=tz)


def test_sms_through_the_http_gateway_and_its_errors(db, settings):
    """The SMS adapter against a real local HTTP gateway: 200 sent; 503 retried; 400 failed."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from .sink import free_port

    received, answers = [], [(200, {"id": "gw-1"}), (503, {}), (400, {"error": "bad number"})]

    class Gateway(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            status, body = answers.pop(0)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body).encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", free_port()), Gateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NOTIFICATIONS_SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.NOTIFICATIONS_SMS_QUIET_HOURS = (23, 0)
    try:
        message = Rendered(subject="s", text="t", short_text="Nhắc lịch học")
        sms = get_channel("sms")
        person = PersonFactory(phone="0912345678")
        row = Delivery(pk=1, person=person, channel="sms", kind="reminder")
        assert sms.send(delivery=row, message=message, address="84912345678", connection=None) == "gw-1"
        assert received[0]["from"] == "SONOIVU" and received[0]["text"] == "Nhac lich hoc"
        assert received[0]["segments"] == 1 and received[0]["encoding"] == "gsm7"
        from campaigns.notifications.channels import TransientError

        with pytest.raises(TransientError):
            sms.send(delivery=row, message=message, address="84912345678", connection=None)
        with pytest.raises(PermanentError):
            sms.send(delivery=row, message=message, address="84912345678", connection=None)
    finally:
        server.shutdown()


def test_rate_limit_defers_the_rest_to_the_next_minute(db, settings):
    settings.NOTIFICATIONS_RATE_LIMITS = {"console": 2}
    for person in PersonFactory.create_batch(5):
        queue_message(message_key="rate", kind=MessageKind.BROADCAST, person=person, channels=["console"],
                      context={"subject": "s", "body": "b"})
    result = run_dispatcher(budget_seconds=5)
    assert result["sent"] == 2
    assert Delivery.objects.filter(state=DeliveryState.PENDING, next_attempt_at__gt=timezone.now()).count() == 3


def test_queue_message_twice_stores_one_row(db):
    person = PersonFactory()
    reg = RegistrationFactory(person=person, run=SessionFactory().run)
    confirm(person, reg)
    confirm(person, reg)
    assert Delivery.objects.count() == 1


def test_message_id_is_stable_per_delivery(db, email_to_sink):
    person = PersonFactory()
    [row] = confirm(person, RegistrationFactory(person=person, run=SessionFactory().run))
    run_dispatcher(budget_seconds=5)
    assert email_to_sink.accepted == [f"<delivery-{row.pk}@phunu-lanhdao.local>"]
    assert Delivery.objects.get().provider_message_id == email_to_sink.accepted[0]
    assert email  # parsed by the sink with the stdlib parser
