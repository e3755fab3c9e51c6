"""Signed links that let a trainee act on a registration without logging in (cancel,
accept or decline an offer, send an apology for one session). The token carries the
registration, its cycle (which registration of the person for the run the row held when
the link was made), the action and, for an apology, the session; it expires after
TRAINING_LINK_MAX_AGE_DAYS, is refused if tampered with, and is refused with its own
message once the trainee has registered again (check_cycle)."""

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _

from config.links import absolute_reverse

from .errors import TrainingError

SALT = "training.registration-link"
ACTIONS = ("cancel", "accept", "decline", "apology")


def make_token(registration, action, session=None):
    payload = {"r": registration.pk, "a": action, "c": registration.cycle}
    if session is not None:
        payload["s"] = session.pk
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token):
    """Returns (registration_id, action, session_id or None, cycle); raises TrainingError.
    A link made before cycles existed carries none and counts as the first."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.TRAINING_LINK_MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired:
        raise TrainingError(_("Đường dẫn đã hết hạn. Hãy đăng nhập để thao tác, hoặc liên hệ người tổ chức."), code="expired")
    except signing.BadSignature:
        raise TrainingError(_("Đường dẫn không hợp lệ (có thể đã bị sửa hoặc sao chép thiếu)."), code="tampered")
    cycle = payload.get("c", 1)
    if payload.get("a") not in ACTIONS or not isinstance(payload.get("r"), int) or not isinstance(cycle, int):
        raise TrainingError(_("Đường dẫn không hợp lệ (có thể đã bị sửa hoặc sao chép thiếu)."), code="tampered")
    return payload["r"], payload["a"], payload.get("s"), cycle


def check_cycle(registration, cycle):
    """Refuse a link made for an earlier registration of the same person for this run."""
    if registration.cycle != cycle:
        raise TrainingError(
            _("Đường dẫn này thuộc một lần đăng ký trước của bạn cho lớp học này nên không còn dùng được. "
              "Hãy dùng đường dẫn trong email mới nhất, hoặc đăng nhập để thao tác."),
            code="stale",
        )


def absolute_link(registration, action, session=None):
    return absolute_reverse("training:link", args=[make_token(registration, action, session)])
