"""Plans and targets are data an administrator edits in the admin; nothing is deleted there."""

from django.contrib.auth import get_user_model

from campaigns.accounts import roles
from campaigns.programme.models import Plan
from tests.security.otp import login_verified


def test_administrator_edits_plan_targets_but_cannot_delete(programme_demo, client):
    admin = get_user_model().objects.get(groups__name=roles.ADMINISTRATOR)
    login_verified(client, admin)  # administrators use two-factor
    listing = client.get("/admin/snippets/programme/plan/")
    assert listing.status_code == 200 and "347/KH-UBND" in listing.content.decode()
    plan = Plan.objects.get(number="347/KH-UBND")
    edit = client.get(f"/admin/snippets/programme/plan/edit/{plan.pk}/")
    assert edit.status_code == 200 and "Chỉ tiêu theo năm" in edit.content.decode()
    delete = client.get(f"/admin/snippets/programme/plan/delete/{plan.pk}/")
    assert delete.status_code in (302, 403) and Plan.objects.filter(pk=plan.pk).exists()


def test_monitor_cannot_edit_plans(programme_demo, client):
    client.force_login(get_user_model().objects.get(groups__name=roles.MONITOR))
    plan = Plan.objects.get(number="347/KH-UBND")
    response = client.get(f"/admin/snippets/programme/plan/edit/{plan.pk}/")
    assert response.status_code in (302, 403)
