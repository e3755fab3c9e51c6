"""Signed, expiring links for emails (cancel a registration, send apologies, confirm a
subscription, download one's data). A token binds a purpose and a value; it is refused
after `max_age` seconds, for another purpose, or when altered.

    token = make_token("registration-cancel", registration.pk)
    url = absolute_url("training_cancel", token=token)
    ...
    pk = read_token("registration-cancel", token, max_age=7 * 86400)   # raises LinkError
"""

from django.core import signing
from django.utils.translation import gettext_lazy as _

from config.links import absolute_reverse

DEFAULT_MAX_AGE = 7 * 24 * 3600


class LinkError(Exception):
    """The link is invalid or has expired; `message` is what the visitor should read."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def make_token(purpose, value):
    """A URL-safe token carrying `value` (anything JSON can hold) for `purpose`."""
    return signing.dumps(value, salt=f"wlp:{purpose}", compress=True)


def read_token(purpose, token, *, max_age=DEFAULT_MAX_AGE):
    """The value inside `token`, or LinkError when it expired, was altered or is for
    another purpose."""
    try:
        return signing.loads(token, salt=f"wlp:{purpose}", max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(_("Đường dẫn đã hết hạn. Hãy yêu cầu gửi lại.")) from error
    except signing.BadSignature as error:
        raise LinkError(_("Đường dẫn không hợp lệ.")) from error


def absolute_url(viewname, **kwargs):
    """SITE_URL + reverse(viewname, kwargs=kwargs): a link that works from an email."""
    return absolute_reverse(viewname, kwargs=kwargs)
