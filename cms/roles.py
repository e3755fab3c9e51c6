"""The publishing roles and the approval workflow.

"Cán bộ truyền thông" (communications officer) may create, edit and submit pages for
review, upload images and documents, and manage authors; it cannot publish. "Người duyệt"
(approver) may also publish, unpublish, lock and unlock, and manage topics. A Wagtail
workflow with one group-approval task for approvers is attached to the root of the page
tree, so every page of every site and language goes through approval before an officer's
change is published. Everything here is idempotent: it runs after each `migrate` and from
the demo loader."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction

from campaigns.accounts import roles

WORKFLOW_NAME = "Duyệt trước khi xuất bản"
TASK_NAME = "Người duyệt phê duyệt"

_SHARED_PAGE = ["add_page", "change_page"]
PAGE_PERMISSIONS = {
    roles.COMMUNICATIONS_OFFICER: _SHARED_PAGE,
    roles.APPROVER: _SHARED_PAGE + ["publish_page", "lock_page", "unlock_page"],
}
_MEDIA = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
]
_COMMON = [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation"),
           ("cms", "view_topic"), ("cms", "add_author"), ("cms", "change_author"), ("cms", "view_author"),
           ("cms", "view_subscriber"), ("cms", "change_subscriber")]
MODEL_PERMISSIONS = {
    roles.COMMUNICATIONS_OFFICER: _COMMON,
    roles.APPROVER: _COMMON + [("cms", "add_topic"), ("cms", "change_topic"), ("cms", "delete_topic")],
}
_APPS_WITH_PERMISSIONS = ["wagtailcore", "wagtailadmin", "wagtailimages", "wagtaildocs", "wagtail_localize", "cms"]


def _permission(app_label, codename):
    """The permission; wagtail-localize's "submit_translation" is made by a data migration
    rather than a model's Meta, so it is recreated here if a flush removed it."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    if (app_label, codename) == ("wagtail_localize", "submit_translation"):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model="translation")
        return Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": "Can submit translations"}
        )[0]
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_publishing_roles():
    """Create or repair the two groups' permissions and the approval workflow. Returns the
    workflow, or None when the page tree has no root yet."""
    from django.contrib.auth.models import Group
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    with transaction.atomic():
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
        root = Page.get_first_root_node()
        collection = Collection.get_first_root_node()
        for name, group in groups.items():
            for app_label, codename in MODEL_PERMISSIONS[name]:
                group.permissions.add(_permission(app_label, codename))
            if root is not None:
                for codename in PAGE_PERMISSIONS[name]:
                    permission = _permission("wagtailcore", codename)
                    GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
            if collection is not None:
                for app_label, codename in _MEDIA:
                    permission = _permission(app_label, codename)
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=collection, permission=permission
                    )
        if root is None:
            return None
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([groups[roles.APPROVER]])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
        return workflow


def after_migrate(sender, app_config=None, using="default", apps=global_apps, **kwargs):
    """post_migrate receiver: once the cms app has migrated, make sure the permissions the
    roles need exist (Django would create them later in the same signal) and set up roles."""
    from wagtail.models import Page

    if getattr(sender, "label", None) != "cms" or not Page.objects.using(using).filter(depth=1).exists():
        # A flushed test database has no page tree: whoever builds one sets up the roles.
        return
    for label in _APPS_WITH_PERMISSIONS:
        config = global_apps.get_app_config(label)
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    ensure_publishing_roles()
