"""Personal data (Law 91/2025/QH15, Decree 356/2025): consent history, download of
everything held (JSON, XLSX), erasure by anonymisation that keeps the figures, ethnicity
only for roles that need it, audit of every export, retention."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone
from openpyxl import load_workbook

from campaigns.accounts import roles
from campaigns.programme.models import Person
from campaigns.security.erasure import anonymise_person
from campaigns.security.models import ConsentChannel, ConsentRecord, ExportKind, PersonalDataAudit
from campaigns.security.retention import anonymise_expired
from campaigns.training.models import Registration

from .helpers import make_trainee_with_registration, make_unit_tree, make_user
from .otp import login_verified

pytestmark = pytest.mark.django_db
PASSWORD = "Mk@khau-2026"


def test_sign_up_records_consent_with_version_time_and_channel_and_withdrawal_is_kept(client, settings):
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "email": "lan@example.vn",
            "password": "Mat-khau-dai-2026!",
            "password_again": "Mat-khau-dai-2026!",
            "full_name": "Nguyễn Thị Lan",
            "gender": "female",
            "phone": "",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(email="lan@example.vn")
    record = ConsentRecord.objects.get(user=user)
    assert record.wording_version == settings.TRAINING_CONSENT_VERSION
    assert record.channel == ConsentChannel.SIGN_UP and record.withdrawn_at is None
    assert client.post("/tai-khoan/ho-so/rut-dong-y/").status_code == 302
    record.refresh_from_db()
    assert record.withdrawn_at is not None
    from campaigns.accounts.services import give_consent

    give_consent(user=user)
    assert ConsentRecord.objects.filter(user=user).count() == 2
    assert (
        ConsentRecord.objects.filter(user=user, withdrawn_at__isnull=True, channel=ConsentChannel.PROFILE).count() == 1
    )


def test_trainee_downloads_everything_held_as_json_and_the_download_is_audited(client):
    user, person, registration = make_trainee_with_registration()
    other_user, other, _ = make_trainee_with_registration(email="khac@example.vn", name="Trần Thị Khác")
    client.force_login(user)
    response = client.get("/du-lieu-ca-nhan/tai-ve.json")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    document = json.loads(response.content)
    by_model = {section["model"]: section for section in document["sections"]}
    assert by_model["programme.person"]["rows"][0]["full_name"] == "Điểu Thị Thảo"
    assert (
        by_model["programme.person"]["rows"][0]["ethnicity"] == "Xơ Đăng"
        or by_model["programme.person"]["rows"][0]["ethnicity"]
    )
    assert by_model["accounts.user"]["rows"][0]["email"] == "thao@example.vn"
    assert "password" not in by_model["accounts.user"]["rows"][0]
    assert len(by_model["training.registration"]["rows"]) == 1
    assert "Trần Thị Khác" not in response.content.decode()
    audit = PersonalDataAudit.objects.get()
    assert (audit.kind, audit.actor, audit.subject_person_id, audit.file_format) == (
        ExportKind.SUBJECT_ACCESS,
        user,
        person.pk,
        "json",
    )
    assert audit.includes_ethnicity and audit.record_count >= 3


def test_trainee_downloads_xlsx_with_one_sheet_per_kind_and_no_formula_injection(client):
    user, person, _ = make_trainee_with_registration()
    Person.objects.filter(pk=person.pk).update(position='=HYPERLINK("http://evil")')
    client.force_login(user)
    response = client.get("/du-lieu-ca-nhan/tai-ve.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) >= 3
    values = [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "Điểu Thị Thảo" in values
    assert not [v for v in values if isinstance(v, str) and v.startswith("=")]


def test_my_data_pages_need_login(client):
    for url in ("/du-lieu-ca-nhan/", "/du-lieu-ca-nhan/tai-ve.json", "/du-lieu-ca-nhan/xoa/"):
        response = client.get(url)
        assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
    assert client.get("/du-lieu-ca-nhan/tai-ve.exe").status_code in (302, 404)


def test_erasure_with_wrong_password_changes_nothing(client):
    user, person, _ = make_trainee_with_registration()
    client.force_login(user)
    response = client.post("/du-lieu-ca-nhan/xoa/", {"password": "sai", "confirm": "on"})
    assert response.status_code == 200 and "Mật khẩu không đúng" in response.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Điểu Thị Thảo" and not PersonalDataAudit.objects.exists()


def test_erasure_anonymises_the_person_and_closes_the_account_but_keeps_the_figures(client):
    province, unit_a, _b = make_unit_tree()
    user, person, registration = make_trainee_with_registration(unit=unit_a)
    _u2, _p2, _r2 = make_trainee_with_registration(
        email="b@example.vn", name="Lê Thị B", run=registration.run, unit=unit_a
    )
    from campaigns.newsletter.models import Subscriber

    Subscriber.objects.create(email="thao@example.vn")
    before = _figures(registration.run)
    client.force_login(user)
    response = client.post("/du-lieu-ca-nhan/xoa/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"].endswith("/du-lieu-ca-nhan/da-xoa/")
    person.refresh_from_db()
    user.refresh_from_db()
    assert person.full_name == f"Đã ẩn danh #{person.pk}"
    assert (person.email, person.phone, person.ethnicity, person.position, person.birth_year) == ("", "", "", "", None)
    assert person.gender == "female" and person.unit == unit_a  # what the counts need
    assert not user.is_active and not user.has_usable_password() and "thao" not in user.email
    assert not Subscriber.objects.filter(email="thao@example.vn").exists()
    assert _figures(registration.run) == before
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert not client.session.get("_auth_user_id")
    assert client.post("/admin/login/", {"username": "thao@example.vn", "password": PASSWORD}).status_code == 200
    assert PersonalDataAudit.objects.filter(kind=ExportKind.ERASURE, subject_person_id=person.pk).count() == 1
    anonymise_person(person=person)  # a second run changes nothing
    assert PersonalDataAudit.objects.filter(kind=ExportKind.ERASURE).count() == 1


def _figures(run):
    return (
        list(Registration.objects.filter(run=run).values("status").annotate(n=Count("pk")).order_by("status")),
        list(
            Person.objects.filter(registrations__run=run)
            .values("gender", "unit")
            .annotate(n=Count("pk"))
            .order_by("gender")
        ),
    )


def test_erasure_of_a_leadership_post_holder_is_refused_with_a_reason(client):
    from campaigns.programme.models import LeadershipPost, PostHolding

    province, _a, _b = make_unit_tree()
    user, person, _ = make_trainee_with_registration(unit=province)
    fields = {f.name for f in LeadershipPost._meta.concrete_fields}
    post = LeadershipPost.objects.create(
        unit=province, title="Phó Chủ tịch UBND tỉnh", **({"is_key": True} if "is_key" in fields else {})
    )
    PostHolding.objects.create(post=post, person=person, starts_on=datetime.date(2021, 7, 1))
    client.force_login(user)
    response = client.post("/du-lieu-ca-nhan/xoa/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 200 and "chức vụ lãnh đạo" in response.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Điểu Thị Thảo" and person.ethnicity == "22"


def test_ethnicity_is_masked_for_organizers_and_shown_to_monitors(client):
    _u, person, _ = make_trainee_with_registration()
    client.force_login(make_user(roles.ORGANIZER))
    page = client.get(f"/admin/personal-data/{person.pk}/").content.decode()
    assert "Điểu Thị Thảo" in page and "(ẩn)" in page
    export = client.get(f"/admin/personal-data/{person.pk}/export.json")
    rows = {s["model"]: s["rows"] for s in json.loads(export.content)["sections"]}
    assert rows["programme.person"][0]["ethnicity"] == "(ẩn)"
    audit = PersonalDataAudit.objects.get()
    assert audit.kind == ExportKind.STAFF_EXPORT and not audit.includes_ethnicity
    client.force_login(make_user(roles.MONITOR))
    page = client.get(f"/admin/personal-data/{person.pk}/").content.decode()
    assert "(ẩn)" not in page
    refused = client.get(f"/admin/personal-data/{person.pk}/export.json")  # monitors read, not export
    assert refused.status_code in (302, 403) and "attachment" not in refused.get("Content-Disposition", "")
    assert PersonalDataAudit.objects.count() == 1


def test_only_administrators_erase_from_the_admin(client):
    _u, person, _ = make_trainee_with_registration()
    client.force_login(make_user(roles.ORGANIZER))
    assert client.post(f"/admin/personal-data/{person.pk}/erase/").status_code in (302, 403)
    person.refresh_from_db()
    assert person.full_name == "Điểu Thị Thảo"
    login_verified(client, make_user(roles.ADMINISTRATOR))
    assert client.post(f"/admin/personal-data/{person.pk}/erase/").status_code == 302
    person.refresh_from_db()
    assert person.full_name.startswith("Đã ẩn danh")


def test_scoped_organizer_cannot_open_a_person_of_another_unit(client):
    from campaigns.security.models import StaffScope

    province, a, b = make_unit_tree()
    _u, person, _ = make_trainee_with_registration(unit=b)
    organizer = make_user(roles.ORGANIZER)
    StaffScope.objects.create(user=organizer, unit=a)
    client.force_login(organizer)
    assert client.get(f"/admin/personal-data/{person.pk}/").status_code == 404
    assert client.get(f"/admin/personal-data/{person.pk}/export.xlsx").status_code == 404


def test_trainee_cannot_use_the_staff_personal_data_pages(client):
    user, person, _ = make_trainee_with_registration()
    client.force_login(user)
    response = client.get(f"/admin/personal-data/{person.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_every_admin_export_is_audited(client):
    _u, person, registration = make_trainee_with_registration()
    client.force_login(make_user(roles.ORGANIZER))
    from django.urls import reverse

    url = reverse("training_registration:index") + "?export=csv"
    response = client.get(url)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Điểu Thị Thảo" in body.decode("utf-8-sig")
    audit = PersonalDataAudit.objects.get()
    assert audit.kind == ExportKind.STAFF_EXPORT and audit.file_format == "csv" and audit.record_count == 1


def test_retention_anonymises_only_registrations_past_the_period_and_is_idempotent(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    _old_user, old, old_registration = make_trainee_with_registration(email="cu@example.vn", name="Người Cũ")
    _new_user, recent, _ = make_trainee_with_registration(email="moi@example.vn", name="Người Mới")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Registration.objects.filter(pk=old_registration.pk).update(updated_at=long_ago)
    old_registration.run.sessions.update(starts_at=long_ago - datetime.timedelta(hours=3), ends_at=long_ago)
    assert anonymise_expired() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.full_name.startswith("Đã ẩn danh") and recent.full_name == "Người Mới"
    assert PersonalDataAudit.objects.filter(kind=ExportKind.RETENTION, subject_person_id=old.pk).count() == 1
    assert anonymise_expired() == 0


def test_retention_task_runs_on_a_real_worker(celery_worker, settings):
    from tasks.security import anonymise_expired_personal_data

    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    _u, person, registration = make_trainee_with_registration()
    long_ago = timezone.now() - datetime.timedelta(days=60)
    Registration.objects.filter(pk=registration.pk).update(updated_at=long_ago)
    registration.run.sessions.update(starts_at=long_ago - datetime.timedelta(hours=3), ends_at=long_ago)
    assert anonymise_expired_personal_data.delay().get(timeout=60) == 1
    person.refresh_from_db()
    assert person.full_name.startswith("Đã ẩn danh")


def test_retention_task_is_scheduled():
    from tasks.schedule import PERIODIC_TASKS

    assert "tasks.security.anonymise_expired_personal_data" in [task for _name, task, _cron in PERIODIC_TASKS]
