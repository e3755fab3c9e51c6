"""What Wagtail's workflow e-mails leave out, for the templates that extend them
(templates/wagtailadmin/notifications/): who approved the content its sender gets back."""

from django import template
from wagtail.models import WorkflowState

register = template.Library()


@register.simple_tag
def approved_by(obj):
    """Who approved `obj` at the last stage of its latest approved workflow, or None. (Wagtail's
    "approved" e-mail has the object, not the workflow state; a finished workflow keeps its
    last task state, which records who finished it.)"""
    state = (WorkflowState.objects.for_instance(obj).filter(status=WorkflowState.STATUS_APPROVED)
             .select_related("current_task_state__finished_by").order_by("-created_at").first())
    task_state = state.current_task_state if state is not None else None
    return task_state.finished_by if task_state is not None else None
