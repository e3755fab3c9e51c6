"""Consent history: the training area records consent on the account (version, given,
withdrawn); every change of that state is copied here as a ConsentRecord, so a grant, a
withdrawal and a later re-grant each leave their own dated row with the channel."""

from django.db.models.signals import post_save

CONSENT_FIELDS = {"consent_version", "consent_given_at", "consent_withdrawn_at"}


def record_consent_change(sender, instance, created, update_fields=None, **kwargs):
    from .models import ConsentChannel, ConsentRecord

    if update_fields is not None and not CONSENT_FIELDS & set(update_fields):
        return
    given_at = getattr(instance, "consent_given_at", None)
    if given_at is None:
        return
    channel = getattr(instance, "_consent_channel", None) or (
        ConsentChannel.SIGN_UP if created else ConsentChannel.PROFILE
    )
    record, _new = ConsentRecord.objects.get_or_create(
        user=instance,
        given_at=given_at,
        defaults={"wording_version": instance.consent_version or "", "channel": channel},
    )
    withdrawn_at = getattr(instance, "consent_withdrawn_at", None)
    if withdrawn_at and record.withdrawn_at is None:
        ConsentRecord.objects.filter(user=instance, withdrawn_at__isnull=True, given_at__lte=withdrawn_at).update(
            withdrawn_at=withdrawn_at
        )


def connect():
    from django.contrib.auth import get_user_model

    post_save.connect(record_consent_change, sender=get_user_model(), dispatch_uid="security_consent_history")
