"""Wagtail's migrations leave English data that the admin shows as it is: the groups
"Editors" and "Moderators", the workflow and its task "Moderators approval", and the root
page and root collection, both "Root". This gives the project's data Vietnamese names.

- "Editors" and "Moderators": the project's roles are the groups of
  campaigns/accounts/roles.py and nothing uses Wagtail's two, so each is deleted (with the
  page and collection permissions Wagtail gave it). One that is in use — it has members, a
  view restriction names it, or an approval task other than Wagtail's default one — is kept
  and renamed instead, so that nobody loses access silently.
- The default workflow and task become the project's approval workflow and task (the names
  of roles.WORKFLOW_NAME and roles.TASK_NAME; role_setup then makes the approvers the task's
  group). Where the project's workflow already exists, Wagtail's default one is deleted if
  it was never used (no page, content type or history), and renamed otherwise, its history
  kept.
- The root page "Root" becomes "Trang gốc", the root collection "Root" becomes "Bộ sưu tập
  gốc" (a name someone already changed is left alone).

Names are written out here, as they are today: a migration is a snapshot."""

from django.conf import settings
from django.db import migrations

WAGTAIL_DEFAULT = "Moderators approval"
WORKFLOW_NAME = "Duyệt trước khi xuất bản"
TASK_NAME = "Người duyệt phê duyệt"
LEFTOVER_WORKFLOW = "Quy trình duyệt mặc định của Wagtail"
LEFTOVER_TASK = "Bước duyệt mặc định của Wagtail"
GROUPS = {
    "Editors": "Biên tập viên (nhóm mặc định của Wagtail)",
    "Moderators": "Người kiểm duyệt (nhóm mặc định của Wagtail)",
}


def _workflow(apps, db):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    default = Workflow.objects.using(db).filter(name=WAGTAIL_DEFAULT).first()
    if default is None:
        return
    if not Workflow.objects.using(db).filter(name=WORKFLOW_NAME).exists():
        default.name = WORKFLOW_NAME
    elif not (default.workflow_states.exists() or default.workflow_pages.exists()
              or default.workflow_content_types.exists()):
        default.delete()
        return
    else:
        default.name = LEFTOVER_WORKFLOW
    default.save(update_fields=["name"])


def _task(apps, db):
    Task = apps.get_model("wagtailcore", "Task")
    default = Task.objects.using(db).filter(name=WAGTAIL_DEFAULT).first()
    if default is None:
        return
    if not Task.objects.using(db).filter(name=TASK_NAME).exists():
        default.name = TASK_NAME
    elif not (default.task_states.exists() or default.workflow_tasks.exists()):
        default.delete()
        return
    else:
        default.name = LEFTOVER_TASK
    default.save(update_fields=["name"])


def _groups(apps, db):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    for old, new in GROUPS.items():
        group = Group.objects.using(db).filter(name=old).first()
        if group is None:
            continue
        in_use = (
            User.objects.using(db).filter(groups=group).exists()
            or PageViewRestriction.objects.using(db).filter(groups=group).exists()
            or CollectionViewRestriction.objects.using(db).filter(groups=group).exists()
            or GroupApprovalTask.objects.using(db).filter(groups=group).exclude(name=WAGTAIL_DEFAULT)
            .exclude(name=TASK_NAME).exists()
        )
        if in_use:
            if not Group.objects.using(db).filter(name=new).exists():
                group.name = new
                group.save(update_fields=["name"])
        else:
            group.delete()


def _roots(apps, db):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.using(db).filter(depth=1, title="Root").update(title="Trang gốc", draft_title="Trang gốc")
    Collection.objects.using(db).filter(depth=1, name="Root").update(name="Bộ sưu tập gốc")


def vietnamese_names(apps, schema_editor):
    db = schema_editor.connection.alias
    _workflow(apps, db)
    _task(apps, db)
    _groups(apps, db)
    _roots(apps, db)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_trainee_profile_registration_flow"),
        # After every Wagtail migration that creates or grants to these rows.
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(vietnamese_names, migrations.RunPython.noop)]
