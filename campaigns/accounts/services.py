"""Trainee accounts: sign-up (an account and its Person, with consent), email verification,
consent withdrawal. The person's name is kept once, on programme.Person."""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from campaigns.programme.models import Person
from campaigns.text import nfc
from config.links import absolute_reverse
from config.mail import Email

from . import roles

logger = logging.getLogger(__name__)
VERIFY_SALT = "accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


class AccountError(Exception):
    def __init__(self, message, *, code="invalid"):
        super().__init__(str(message))
        self.message, self.code = message, code


def _username_for(email):
    User = get_user_model()
    base = re.sub(r"[^\w.@+-]", "", email)[:140] or "hocvien"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def sign_up(*, email, password, full_name, gender, phone="", language="vi", now=None):
    """Create a trainee account and its person, with the consent given now (the form
    requires the box to be ticked). Raises AccountError if the email is taken."""
    User = get_user_model()
    email = email.strip().lower()
    now = now or timezone.now()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise AccountError(_("Email này đã có tài khoản. Hãy đăng nhập hoặc dùng “Quên mật khẩu”."), code="taken")
        user = User(username=_username_for(email), email=email, phone=nfc(phone), preferred_language=language)
        user.set_password(password)
        user.consent_version, user.consent_given_at = settings.TRAINING_CONSENT_VERSION, now
        user.save()
        user.groups.add(roles.ensure_role_groups()[roles.TRAINEE])
        Person.objects.create(full_name=nfc(full_name), gender=gender, phone=nfc(phone), user=user)
    return user


def verification_token(user):
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def send_verification(user):
    """Email the verification link; returns False (and logs) if the mail server failed."""
    url = absolute_reverse("accounts:verify", args=[verification_token(user)])
    with translation.override(user.preferred_language):
        subject = _("Xác minh địa chỉ email của bạn")
        body = render_to_string("accounts/email_verify.txt", {"user": user, "url": url})
        html = render_to_string("accounts/email_verify.html", {"user": user, "action_url": url})
    try:
        message = Email(subject, body, to=[user.email])
        message.attach_alternative(html, "text/html")
        message.send()
        return True
    except Exception:
        logger.exception("Could not send the verification email to user %s", user.pk)
        return False


def verify_email(*, token, now=None):
    """Mark the address in `token` verified; returns the user. Raises AccountError."""
    User = get_user_model()
    try:
        payload = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired:
        raise AccountError(_("Đường dẫn xác minh đã hết hạn. Hãy đăng nhập để nhận đường dẫn mới."), code="expired")
    except signing.BadSignature:
        raise AccountError(_("Đường dẫn xác minh không hợp lệ."), code="tampered")
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=payload.get("u"), email=payload.get("e")).first()
        if user is None:
            raise AccountError(_("Đường dẫn xác minh không hợp lệ."), code="tampered")
        if user.email_verified_at is None:
            user.email_verified_at = now or timezone.now()
            user.save(update_fields=["email_verified_at"])
    return user


@transaction.atomic
def give_consent(*, user, now=None):
    user.consent_version, user.consent_given_at, user.consent_withdrawn_at = settings.TRAINING_CONSENT_VERSION, now or timezone.now(), None
    user.save(update_fields=["consent_version", "consent_given_at", "consent_withdrawn_at"])


@transaction.atomic
def withdraw_consent(*, user, now=None):
    """Withdraw consent: the sensitive data it covered (ethnicity) is erased at once."""
    user.consent_withdrawn_at = now or timezone.now()
    user.save(update_fields=["consent_withdrawn_at"])
    Person.objects.filter(user=user).update(ethnicity="")


PERSON_FIELDS = ("full_name", "gender", "birth_year", "ethnicity", "unit", "position", "phone")
USER_FIELDS = ("phone", "preferred_language", "preferred_channels", "declares_planning_pool")


def save_profile(*, user, data, consent=False):
    """Save what a trainee wrote on her profile: her person record (created on first save) and
    her account's preferences, together or not at all; `consent` records her consent to the
    sensitive fields in the same transaction. Returns the person."""
    with transaction.atomic():
        if consent:
            give_consent(user=user)
        person = Person.objects.select_for_update().filter(user=user).first() or Person(user=user)
        for field in PERSON_FIELDS:
            setattr(person, field, data[field])
        person.save()
        for field in USER_FIELDS:
            setattr(user, field, data[field])
        user.save(update_fields=list(USER_FIELDS))
    return person
