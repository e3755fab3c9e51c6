"""Vietnamese names in their natural order, family name first ("Nguyễn Thị Lan", never "Lan
Nguyễn Thị"), wherever staff see a person: the user list, the dashboard, the editor's status
panel and the workflow's emails."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.security.otp import login_verified

from .test_workflow import officer_submits_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_officer(officer):
    officer.first_name, officer.last_name = "Lan", "Nguyễn Thị"
    officer.save()
    return officer


@pytest.fixture
def named_approver(approver):
    approver.first_name, approver.last_name = "Hạnh", "Trần Thị"
    approver.save()
    return approver


def _text(response):
    return " ".join(response.content.decode().split())


def test_full_name_is_family_name_first(named_officer):
    assert named_officer.get_full_name() == "Nguyễn Thị Lan"
    assert named_officer.get_short_name() == "Lan"


def test_user_list_shows_natural_order(client, site, named_officer, named_approver, admin_user):
    login_verified(client, admin_user)  # administrators prove a second factor
    body = _text(client.get(reverse("wagtailusers_users:index")))
    assert "Nguyễn Thị Lan" in body and "Trần Thị Hạnh" in body
    assert "Lan Nguyễn Thị" not in body and "Hạnh Trần Thị" not in body


def test_workflow_email_status_panel_and_dashboard_use_natural_order(client, site, topics, named_officer, named_approver):
    page = officer_submits_article(client, named_officer, site["news"], topics)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    edit = _text(client.get(edit_url))
    assert "Nguyễn Thị Lan" in edit and "Lan Nguyễn Thị" not in edit  # the status panel
    login_verified(client, named_approver)
    dashboard = _text(client.get(reverse("wagtailadmin_home")))
    assert "Nguyễn Thị Lan" in dashboard and "Lan Nguyễn Thị" not in dashboard
    mail.outbox.clear()
    task_state = page.current_workflow_state.current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk]), {"comment": "Cần bổ sung nguồn."})
    told = [m for m in mail.outbox if named_officer.email in m.to]  # "… bị từ chối … bởi Trần Thị Hạnh"
    assert told, [m.to for m in mail.outbox]
    body = " ".join(m.body for m in told)
    assert "Trần Thị Hạnh" in body and "Hạnh Trần Thị" not in body


def test_the_user_form_says_which_part_of_the_name_goes_where(client, site, admin_user):
    login_verified(client, admin_user)
    body = _text(client.get(reverse("wagtailusers_users:add")))
    assert "Họ và tên đệm" in body and "Nguyễn Thị" in body
