"""Wagtail's concurrent-editing pings, kept within the caller's scope.

Wagtail's ping view (wagtail.admin.views.editing_sessions.ping) checks the caller's role on
the object's model, not the unit the object belongs to: an organizer of one commune could
ping another commune's campaign and read who is editing it, and which revision is newest.
config/urls.py routes the ping's own path here first: the object must be one the caller's
scope reaches (campaigns.security.object_scope) before Wagtail's view answers; otherwise
404, as for any object out of scope. Models without a scope are left to Wagtail's checks."""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.http import Http404
from django.views.decorators.http import require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.editing_sessions import ping as wagtail_ping

from .object_scope import in_scope


@require_admin_access
@require_POST
def ping(request, app_label, model_name, object_id, session_id):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not in_scope(model, request.user, [unquote(object_id)]):
        raise Http404
    return wagtail_ping(request, app_label, model_name, object_id, session_id)
