"""Signed, expiring tokens for the confirmation and unsubscribe links. A token names the
subscriber and the address it was issued for, so it stops working if either changes."""

from django.conf import settings
from django.core import signing

# The salts links already sent were signed with (the app lived in cms until issue 15): keep them.
CONFIRM_SALT = "cms.newsletter.confirm"
UNSUBSCRIBE_SALT = "cms.newsletter.unsubscribe"


def make(subscriber, salt):
    return signing.dumps({"s": subscriber.pk, "e": subscriber.email}, salt=salt)


def read(token, salt, max_age):
    """(pk, email) from a token; raises signing.BadSignature (or its SignatureExpired)."""
    data = signing.loads(token, salt=salt, max_age=max_age)
    return data["s"], data["e"]


def confirm_max_age():
    return getattr(settings, "NEWSLETTER_CONFIRM_MAX_AGE", 7 * 24 * 3600)


def unsubscribe_max_age():
    return getattr(settings, "NEWSLETTER_UNSUBSCRIBE_MAX_AGE", 365 * 24 * 3600)
