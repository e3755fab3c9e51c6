"""Keep reminder rows in step with sessions and registrations. Receivers run inside the
saving transaction, so the ledger changes commit (or roll back) with the change itself."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from campaigns.training.models import Registration, Session

from .services import reminders

# The session as it was before this save, to tell its registrants what changed.
_BEFORE = "_notifications_before"


@receiver(pre_save, sender=Session, dispatch_uid="notifications_session_before")
def _session_before(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        setattr(instance, _BEFORE, Session.objects.filter(pk=instance.pk).values(*reminders.NOTICEABLE).first())


@receiver(post_save, sender=Session, dispatch_uid="notifications_session_changed")
def _session_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        before = instance.__dict__.pop(_BEFORE, None)
        reminders.session_changed(session=instance, before=before)


@receiver(post_save, sender=Registration, dispatch_uid="notifications_registration_changed")
def _registration_saved(sender, instance, raw=False, **kwargs):
    # A new registration's reminders were prepared before the run was locked and written with
    # it (campaigns/training/services/registration.py, notify.prepare).
    if not raw and not instance.__dict__.pop("_reminders_prepared", False):
        reminders.registration_changed(registration=instance)
