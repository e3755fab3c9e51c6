"""Setting the roles up in the database, from the matrix in `roles.py`: the role groups and
their model permissions, the publishing roles' Wagtail page and collection permissions, and
the approval workflow.

`setup_roles()` is the one entry point: it runs after every `migrate` (the post_migrate
receiver `after_migrate`, connected once in AccountsConfig), from `manage.py setup_roles`
and from the demo loader. It is idempotent: a second run changes nothing."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import transaction

from . import roles

# Permissions that a data migration creates rather than a model's Meta: after a flush
# (transactional tests) nothing recreates them, so they are made here when missing.
# (app_label, model, codename, name)
_MIGRATION_MADE = [("wagtail_localize", "translation", "submit_translation", "Can submit translations")]


def _apps_with_models():
    return [config for config in global_apps.get_app_configs() if config.models_module is not None]


def ensure_permissions(using="default"):
    """Create every app's content types and permissions that do not exist yet (Django makes
    them after migrate, app by app; the roles need all of them at once)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    for config in _apps_with_models():
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    for app_label, model, codename, name in _MIGRATION_MADE:
        content_type, _ = ContentType.objects.db_manager(using).get_or_create(app_label=app_label, model=model)
        Permission.objects.db_manager(using).get_or_create(content_type=content_type, codename=codename,
                                                           defaults={"name": name})


def _permission(key, using):
    from django.contrib.auth.models import Permission

    app_label, codename = key.split(".")
    return Permission.objects.using(using).get(content_type__app_label=app_label, codename=codename)


def ensure_publishing_roles(groups=None, using="default"):
    """Give the publishing roles exactly their page permissions on the tree's root and their
    media permissions on the root collection, and attach the approval workflow (its one task
    approved by the approvers) to the root. Returns the workflow, or None while the page
    tree has no root (a flushed test database: whoever builds the tree sets the roles up)."""
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

    if groups is None:
        groups = {name: Group.objects.using(using).get_or_create(name=name)[0] for name in roles.PAGE_PERMISSIONS}
    root = Page.get_root_nodes().using(using).first()
    collection = Collection.get_root_nodes().using(using).first()
    for name, codenames in roles.PAGE_PERMISSIONS.items():
        group = groups[name]
        if root is not None:
            wanted = [_permission(f"wagtailcore.{codename}", using) for codename in codenames]
            GroupPagePermission.objects.using(using).filter(group=group, page=root).exclude(
                permission__in=wanted).delete()
            for permission in wanted:
                GroupPagePermission.objects.using(using).get_or_create(group=group, page=root, permission=permission)
        if collection is not None:
            wanted = [_permission(key, using) for key in roles.COLLECTION_PERMISSIONS[name]]
            GroupCollectionPermission.objects.using(using).filter(group=group, collection=collection).exclude(
                permission__in=wanted).delete()
            for permission in wanted:
                GroupCollectionPermission.objects.using(using).get_or_create(
                    group=group, collection=collection, permission=permission)
    if root is None:
        return None
    workflow, _ = Workflow.objects.using(using).get_or_create(name=roles.WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.using(using).filter(name=roles.TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.using(using).create(name=roles.TASK_NAME)
    task.groups.set([groups[roles.APPROVAL_ROLE]])
    WorkflowTask.objects.using(using).get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.using(using).update_or_create(page=root, defaults={"workflow": workflow})
    return workflow


def setup_roles(using="default"):
    """Create or repair everything the roles need; returns {name: Group}."""
    with transaction.atomic(using=using):
        ensure_permissions(using)
        groups = roles.sync_role_groups(using=using)
        ensure_publishing_roles(groups, using=using)
    return groups


def after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver. Django sends the signal once per app, in INSTALLED_APPS order;
    the roles are set up once, on the last app's signal, when every app has migrated."""
    if sender.label != _apps_with_models()[-1].label:
        return
    setup_roles(using)
