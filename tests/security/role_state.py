"""What the role setup leaves in the database, as plain data to compare: each group's model
permissions and its permissions on the page tree's root and the root collection, the
workflows (tasks, approver groups, pages by depth) and the roots' names."""


def role_state():
    from django.contrib.auth.models import Group
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
        Task,
        Workflow,
        WorkflowPage,
    )

    root, collection = Page.get_first_root_node(), Collection.get_first_root_node()

    def codenames(queryset):
        return sorted(queryset.values_list("permission__codename", flat=True))

    return {
        "groups": {
            group.name: {
                "model": sorted(f"{p.content_type.app_label}.{p.codename}"
                                for p in group.permissions.select_related("content_type")),
                "pages": codenames(GroupPagePermission.objects.filter(group=group, page=root)),
                "media": codenames(GroupCollectionPermission.objects.filter(group=group, collection=collection)),
            }
            for group in Group.objects.order_by("name")
        },
        "workflows": sorted(
            [workflow.name, workflow.active,
             [[task.name, sorted(g.name for g in task.specific.groups.all())] for task in workflow.tasks.all()],
             sorted(WorkflowPage.objects.filter(workflow=workflow).values_list("page__depth", flat=True))]
            for workflow in Workflow.objects.all()
        ),
        "tasks": sorted(Task.objects.values_list("name", flat=True)),
        "roots": [root.title if root else None, collection.name if collection else None],
    }
