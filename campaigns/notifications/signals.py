"""Keep reminder rows in step with sessions and registrations. Receivers run inside the
saving transaction, so the ledger changes commit (or roll back) with the change itself."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from campaigns.training.models import Registration, Session

from .services import reminders


@receiver(post_save, sender=Session, dispatch_uid="notifications_session_changed")
def _session_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reminders.session_changed(session=instance)


@receiver(post_save, sender=Registration, dispatch_uid="notifications_registration_changed")
def _registration_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reminders.registration_changed(registration=instance)
