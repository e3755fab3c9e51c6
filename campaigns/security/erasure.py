"""Erasure by anonymisation. The person's row stays (so every count that includes them —
registrations, attendance, the planning pool by gender and unit, the trained indicator —
is unchanged) but nothing identifies them any more: the name becomes "Đã ẩn danh #id",
contact details, birth year, position, national id and ethnicity are cleared, the
account is deactivated and unlinked from its email, free-text they wrote and message
copies are removed.

Holders of leadership posts are the exception: who held a public office is an official
record the programme must keep (and the ethnic-minority indicator reads their ethnicity),
so their erasure is refused with an explanation."""

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.newsletter.models import Subscriber

from .audit import record_export
from .models import ExportKind, PersonalDataAudit
from .subject_data import _owned_rows

ANONYMISED_NAME = gettext_lazy("Đã ẩn danh #%(id)s")
# Fields cleared on rows that belong to the person, by model; missing models are skipped.
CLEARED_FIELDS = {
    "notifications.delivery": {"address": "", "context": {}},
    "notifications.channelpreference": {"zalo_phone": ""},
    "training.feedback": {"comment": ""},
    "training.attendance": {"note": ""},
}
# Rows deleted outright: copies of messages shown to the person.
DELETED_MODELS = {"notifications.insitenotification"}


class PersonalDataError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def is_anonymised(person):
    return PersonalDataAudit.objects.filter(
        subject_person_id=person.pk, kind__in=[ExportKind.ERASURE, ExportKind.RETENTION]
    ).exists()


def anonymise_person(*, person, actor=None, request=None, kind=ExportKind.ERASURE):
    """Anonymise `person` (and their account) in one transaction and write the audit row.
    Running it again changes nothing. Raises PersonalDataError for leadership-post holders."""
    Person = apps.get_model("programme", "Person")
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if is_anonymised(person):
            return person
        if _holds_posts(person):
            raise PersonalDataError(
                _(
                    "Không thể ẩn danh hồ sơ này: người này đã hoặc đang giữ chức vụ lãnh đạo, là hồ sơ công vụ "
                    "mà cơ quan phải lưu giữ theo quy định. Hãy liên hệ quản trị viên để được hướng dẫn."
                )
            )
        owned = _owned_rows(person, 1, {("programme.person", person.pk)})
        subscriber_emails = {e for e in (person.email, getattr(person.user, "email", "")) if e}
        person.full_name = str(ANONYMISED_NAME % {"id": person.pk})
        person.email = person.phone = person.national_id = person.ethnicity = person.position = ""
        person.birth_year = None
        person.save()
        if person.user_id:
            _deactivate(person.user)
        for row in owned:
            label = f"{row._meta.app_label}.{row._meta.model_name}"
            if label in DELETED_MODELS:
                row.delete()
            elif label in CLEARED_FIELDS:
                row._meta.model._default_manager.filter(pk=row.pk).update(**CLEARED_FIELDS[label])
        _forget_subscriptions(subscriber_emails)
        record_export(
            request=request,
            actor=actor,
            kind=kind,
            subject_person_id=person.pk,
            description=_("Ẩn danh hóa cá nhân #%(id)s") % {"id": person.pk},
            record_count=1 + len(owned),
        )
    return person


def _holds_posts(person):
    return hasattr(person, "post_holdings") and person.post_holdings.exists()


def _deactivate(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user.first_name = user.last_name = user.phone = ""
    user.email = f"an-danh-{user.pk}@an-danh.invalid"
    user.username = f"an-danh-{user.pk}"
    user.is_active = user.is_staff = user.is_superuser = False
    if hasattr(user, "preferred_channels"):
        user.preferred_channels = []
    if (
        hasattr(user, "consent_withdrawn_at")
        and user.consent_withdrawn_at is None
        and getattr(user, "consent_given_at", None)
    ):
        user.consent_withdrawn_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    TOTPDevice.objects.filter(user=user).delete()
    _end_sessions(user)


def _end_sessions(user):
    from django.contrib.sessions.models import Session

    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def _forget_subscriptions(emails):
    if not emails:
        return
    Subscriber.objects.filter(email__in=[e.lower() for e in emails]).delete()
