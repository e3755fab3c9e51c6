"""Roles and the approval workflow, driven through Wagtail's admin as the users would:
an officer writes and submits; only an approver can publish; every step is audited; a
go-live time set at approval is honoured by the beat-run publish_scheduled task."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.accounts.role_setup import setup_roles
from campaigns.accounts.roles import TASK_NAME, WORKFLOW_NAME
from cms.models import ArticlePage
from config.formats.times import time_range
from tasks.publishing import publish_scheduled
from tests.security.otp import login_verified

from .conftest import make_image


def article_form(topic=None, image=None, **extra):
    data = {
        "title": "Nữ cán bộ trẻ được quy hoạch lãnh đạo",
        "slug": "nu-can-bo-tre",
        "summary": "Câu chuyện về cán bộ nữ trẻ.",
        "date": "27/11/2026",
        "author": "",
        "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết về phụ nữ lãnh đạo.</p>"))]),
        "topics": [topic.pk] if topic else [],
        "tags": "",
        "hero_image": image.pk if image else "",
        "hero_alt": "Cán bộ nữ phát biểu" if image else "",
        "hero_caption": "",
        "seo_title": "", "search_description": "", "social_image": "",
        "listing_title": "", "listing_summary": "", "listing_image": "",
        "go_live_at": "", "expire_at": "",
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def officer_submits_article(client, officer, news, topics, image=None):
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", news.pk])
    response = client.post(url, article_form(topics["lanh-dao"], image, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    return ArticlePage.objects.get(slug="nu-can-bo-tre")


def test_roles_are_created_once_with_the_workflow_on_the_tree_root(site):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, WorkflowPage

    setup_roles()
    setup_roles()
    root = Page.get_first_root_node()
    officer_perms = set(GroupPagePermission.objects.filter(group__name="Cán bộ truyền thông", page=root)
                        .values_list("permission__codename", flat=True))
    approver_perms = set(GroupPagePermission.objects.filter(group__name="Người duyệt", page=root)
                         .values_list("permission__codename", flat=True))
    assert officer_perms == {"add_page", "change_page"}
    assert {"publish_page", "add_page", "change_page"} <= approver_perms
    workflow = WorkflowPage.objects.get(page=root).workflow
    assert workflow.name == WORKFLOW_NAME and workflow.active
    task = workflow.tasks.get().specific
    assert task.name == TASK_NAME and [g.name for g in task.groups.all()] == ["Người duyệt"]
    assert Group.objects.filter(name="Người duyệt").count() == 1


def test_officer_cannot_publish_and_the_page_goes_to_approval(client, site, topics, officer):
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", site["news"].pk])
    response = client.post(url, article_form(topics["lanh-dao"], **{"action-publish": "1"}))
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="nu-can-bo-tre")
    assert not page.live
    assert not page.permissions_for_user(officer).can_publish()
    # The unpublish and publish endpoints refuse the officer outright.
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])).status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live

    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit, article_form(topics["lanh-dao"], **{"action-submit": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "in_progress"
    assert page.current_workflow_task.name == TASK_NAME


def test_approver_approves_and_the_page_is_published_with_every_step_audited(client, site, topics, officer, approver):
    page = officer_submits_article(client, officer, site["news"], topics)
    assert not page.live and page.current_workflow_state.status == "in_progress"

    login_verified(client, approver)  # approvers prove a second factor
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "Đồng ý đăng."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live

    actions = list(PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", "user__username"))
    assert ("wagtail.create", "canbo") in actions
    assert ("wagtail.workflow.start", "canbo") in actions
    assert ("wagtail.workflow.approve", "duyet") in actions
    assert ("wagtail.publish", "duyet") in actions
    names = [a for a, _ in actions]
    assert names.index("wagtail.create") < names.index("wagtail.workflow.start") < names.index("wagtail.workflow.approve") \
        < names.index("wagtail.publish")


def test_approver_can_reject_and_the_officer_sees_the_request_for_changes(client, site, topics, officer, approver):
    page = officer_submits_article(client, officer, site["news"], topics)
    login_verified(client, approver)  # approvers prove a second factor
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    client.post(url, {"comment": "Cần bổ sung nguồn."})
    page.refresh_from_db()
    assert not page.live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject", user=approver).exists()


def test_go_live_time_set_at_approval_publishes_through_the_beat_task(client, site, topics, officer, approver):
    page = officer_submits_article(client, officer, site["news"], topics, image=make_image())
    go_live = timezone.localtime() + datetime.timedelta(hours=2)
    login_verified(client, approver)  # approvers prove a second factor
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(edit, article_form(
        topics["lanh-dao"], page.hero_image, go_live_at=go_live.strftime("%d/%m/%Y %H:%M"),
        **{"action-workflow-action": "1", "workflow-action-name": "approve", "workflow-action-extra-data": "{}"},
    ))
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert not page.live and page.go_live_at is not None
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert f"sẽ tự động xuất bản lúc {time_range(page.go_live_at)}" in " ".join(said), said
    assert client.get(page.url or "/tin-tuc/nu-can-bo-tre/").status_code == 404

    publish_scheduled()  # too early: nothing happens
    page.refresh_from_db()
    assert not page.live

    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        publish_scheduled()
    page.refresh_from_db()
    assert page.live
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", "user__username"))
    assert {("wagtail.workflow.approve", "duyet"), ("wagtail.publish.schedule", "duyet"),
            ("wagtail.publish.scheduled", None)} <= actions
    client.logout()
    assert client.get("/tin-tuc/nu-can-bo-tre/").status_code == 200


def test_expiry_unpublishes_through_the_beat_task(site, topics):
    from .conftest import make_article

    article = make_article(site["news"], title="Thông báo có thời hạn")
    article.expire_at = timezone.now() + datetime.timedelta(days=1)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.live
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=5)):
        publish_scheduled()
    article.refresh_from_db()
    assert not article.live and article.expired


def test_the_approvers_email_names_who_sent_the_page_for_approval(client, site, topics, officer, approver):
    """Wagtail's message to the approvers (task_state_submitted), with the sender's name."""
    from django.core import mail

    officer.first_name, officer.last_name = "Lan", "Nguyễn Thị"
    officer.save()
    mail.outbox.clear()
    officer_submits_article(client, officer, site["news"], topics)
    [message] = [m for m in mail.outbox if approver.email in m.to]
    assert "Nữ cán bộ trẻ được quy hoạch lãnh đạo" in message.subject
    assert "Người gửi duyệt: Nguyễn Thị Lan" in message.body, message.body  # the Vietnamese order (surname first)


def _named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()


@pytest.mark.parametrize("use_html", [False, True])
@pytest.mark.parametrize("action, comment", [("approve", "Đồng ý đăng."), ("reject", "Cần bổ sung nguồn.")])
def test_the_senders_email_names_who_approved_or_asked_for_changes(client, settings, site, topics, officer, approver,
                                                                    action, comment, use_html):
    """Wagtail's message back to the officer (workflow_state_approved / _rejected), parsed as
    the officer's mail client would, with the reviewer's name (in the HTML part too, when
    WAGTAILADMIN_NOTIFICATION_USE_HTML adds one)."""
    import email
    from email import policy

    from django.core import mail

    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = use_html
    _named(officer, "Lan", "Nguyễn Thị")
    _named(approver, "Hoa", "Trần Thị")
    page = officer_submits_article(client, officer, site["news"], topics)
    mail.outbox.clear()
    login_verified(client, approver)
    task_state = page.current_workflow_state.current_task_state
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]), {"comment": comment})
    [sent] = [m for m in mail.outbox if officer.email in m.to]
    parsed = email.message_from_bytes(sent.message().as_bytes(), policy=policy.default)
    text = parsed.get_body(("plain",)).get_content()
    assert "Người duyệt: Trần Thị Hoa" in text, text
    assert "Xin chào Lan,\n\nNgười duyệt: Trần Thị Hoa\n" in text, text  # right under the greeting
    html = parsed.get_body(("html",))
    assert (html is not None) == use_html
    if use_html:
        assert "Người duyệt: Trần Thị Hoa" in html.get_content()
    assert "Nữ cán bộ trẻ được quy hoạch lãnh đạo" in text
