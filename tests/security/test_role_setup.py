"""The roles are set up in one place (campaigns/accounts/role_setup.py), by one post_migrate
receiver: a fresh `migrate` creates exactly the role groups (Wagtail's English defaults
renamed or removed by accounts/0003), and running the setup again changes nothing."""

import json
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Workflow

from campaigns.accounts import roles
from campaigns.accounts.role_setup import after_migrate, setup_roles

from .role_state import role_state

ROOT = Path(__file__).resolve().parents[2]

FRESH_MIGRATE = """
import io, json, django
django.setup()
from django.core.management import call_command
from tests.security.role_state import role_state
call_command("migrate", verbosity=0, interactive=False)
first = role_state()
call_command("migrate", verbosity=0, interactive=False)  # the post_migrate receiver runs again
again = role_state()
call_command("setup_roles", stdout=io.StringIO())
print(json.dumps({"first": first, "again": again, "command": role_state()}))
"""


def _last_app():
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def test_a_fresh_migrate_creates_exactly_the_role_groups_and_the_vietnamese_workflow(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}", "TEST_RUN_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", FRESH_MIGRATE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    first = result["first"]
    assert sorted(first["groups"]) == sorted(roles.ROLES)  # no "Editors", no "Moderators"
    assert first["workflows"] == [[roles.WORKFLOW_NAME, True, [[roles.TASK_NAME, [roles.APPROVER]]], [1]]]
    assert first["tasks"] == [roles.TASK_NAME]
    assert first["roots"] == ["Trang gốc", "Bộ sưu tập gốc"]
    officer, approver = first["groups"][roles.COMMUNICATIONS_OFFICER], first["groups"][roles.APPROVER]
    assert officer["pages"] == ["add_page", "change_page"]
    assert approver["pages"] == ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"]
    assert officer["media"] == approver["media"] == sorted(key.split(".")[1] for key in roles.COLLECTION_PERMISSIONS[roles.APPROVER])
    assert "wagtail_localize.submit_translation" in officer["model"]
    assert "training.add_courserun" in first["groups"][roles.ORGANIZER]["model"]
    assert first["groups"][roles.TRAINEE] == {"model": [], "pages": [], "media": []}
    assert result["again"] == first and result["command"] == first


@pytest.mark.django_db
def test_running_the_receiver_twice_changes_nothing_and_repairs_drift():
    setup_roles()
    before = role_state()
    after_migrate(_last_app())
    after_migrate(_last_app())
    assert role_state() == before

    officer = Group.objects.get(name=roles.COMMUNICATIONS_OFFICER)
    officer.permissions.add(Permission.objects.get(content_type__app_label="auth", codename="change_group"))
    GroupPagePermission.objects.create(group=officer, page=Page.get_first_root_node(),
                                       permission=Permission.objects.get(codename="publish_page"))
    GroupCollectionPermission.objects.filter(group=officer, collection=Collection.get_first_root_node()).delete()
    Workflow.objects.get(name=roles.WORKFLOW_NAME).workflow_pages.all().delete()
    after_migrate(_last_app())
    assert role_state() == before


@pytest.mark.django_db
def test_only_the_last_apps_signal_sets_the_roles_up():
    Group.objects.filter(name__in=roles.ROLES).delete()
    first_app = next(config for config in apps.get_app_configs() if config.models_module is not None)
    after_migrate(first_app)
    assert not Group.objects.filter(name__in=roles.ROLES).exists()
    after_migrate(_last_app())
    assert Group.objects.filter(name__in=roles.ROLES).count() == len(roles.ROLES)


def test_one_post_migrate_receiver_sets_the_roles_up():
    """No other app connects a receiver of its own that creates groups or grants permissions."""
    ours = []
    for entry in post_migrate.receivers:
        receiver = entry[1]() if isinstance(entry[1], weakref.ReferenceType) else entry[1]
        module = getattr(receiver, "__module__", "")
        if module.startswith(("campaigns.", "cms.", "tasks.", "config.")):
            ours.append(f"{module}.{receiver.__qualname__}")
    assert ours == ["campaigns.accounts.role_setup.after_migrate"]
