"""Saving a session: an organizer's edit (the admin's session form) goes through here, so its
registrants' reminders follow in the same transaction — cancelled, they are skipped; moved,
they are re-timed; a new time or venue is told to them by the change rules (reminders.py)."""

from django.db import transaction

from ..models import Session
from . import reminders


def state_of(session):
    """{field: value} of what registrants are told about, as the session is stored now (None
    for a session not yet stored)."""
    if session.pk is None:
        return None
    return Session.objects.filter(pk=session.pk).values(*reminders.NOTICEABLE).first()


def save_session(session, *, save=None):
    """Save `session` (by `save()`, a form's save, when given) and let its reminders follow,
    in one transaction. Returns the saved session."""
    with transaction.atomic():
        before = state_of(session)
        saved = save() if save is not None else session
        if save is None:
            session.save()
        reminders.session_changed(session=saved, before=before)
    return saved
