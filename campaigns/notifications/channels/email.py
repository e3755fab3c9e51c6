"""Email through Django's email backend (SMTP from the environment, or a provider through
django-anymail by setting NOTIFICATIONS_EMAIL_BACKEND / EMAIL_BACKEND). One connection is
opened per batch and reused for every message in it."""

import contextlib
import smtplib
import socket

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from .base import BaseChannel, PermanentError, TransientError


def _backend():
    return getattr(settings, "NOTIFICATIONS_EMAIL_BACKEND", "") or settings.EMAIL_BACKEND


def classify(exc):
    """Map an exception from a send to TransientError or PermanentError (SMTP 4xx / 5xx)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        text = "; ".join(f"{code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
                         for code, msg in exc.recipients.values())
        if codes and all(400 <= code < 500 for code in codes):
            return TransientError(text)
        return PermanentError(text)
    if isinstance(exc, smtplib.SMTPResponseException):
        msg = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        text = f"{exc.smtp_code} {msg}"
        return TransientError(text) if 400 <= exc.smtp_code < 500 else PermanentError(text)
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, socket.timeout, OSError)):
        return TransientError(f"{type(exc).__name__}: {exc}")
    anymail_error = _anymail_classify(exc)
    if anymail_error is not None:
        return anymail_error
    return PermanentError(f"{type(exc).__name__}: {exc}")


def _anymail_classify(exc):
    try:
        from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
    except ImportError:  # pragma: no cover - anymail is pinned in requirements
        return None
    if isinstance(exc, AnymailRecipientsRefused):
        return PermanentError(str(exc))
    if isinstance(exc, AnymailAPIError):
        status = getattr(exc, "status_code", None) or 0
        return TransientError(str(exc)) if status in (0, 429) or status >= 500 else PermanentError(str(exc))
    return None


class _Connection:
    """A lazily (re)opened backend connection: after an error it is closed and reopened on the
    next send, so one broken conversation does not fail the rest of the batch."""

    def __init__(self):
        self.conn = None

    def get(self):
        if self.conn is None:
            self.conn = get_connection(backend=_backend(), fail_silently=False)
            self.conn.open()
        return self.conn

    def reset(self):
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
        self.conn = None


class EmailChannel(BaseChannel):
    name = "email"

    def address(self, *, person, delivery=None):
        if delivery is not None and delivery.address and "@" in delivery.address:
            return delivery.address
        if person is None:
            return ""
        user = getattr(person, "user", None)
        return person.email or (user.email if user is not None else "")

    @contextlib.contextmanager
    def batch(self):
        connection = _Connection()
        try:
            yield connection
        finally:
            connection.reset()

    def send(self, *, delivery, message, address, connection):
        domain = settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN
        # A stable Message-ID per delivery: should a crash ever resend, mail systems can tell.
        message_id = f"<delivery-{delivery.pk}@{domain}>"
        email = EmailMultiAlternatives(
            subject=message.subject, body=message.text, to=[address], headers={**message.headers, "Message-ID": message_id},
            connection=None,
        )
        if message.html:
            email.attach_alternative(message.html, "text/html")
        for filename, content, mimetype in message.attachments:
            email.attach(filename, content, mimetype)
        try:
            conn = connection.get()
            sent = conn.send_messages([email])
        except Exception as exc:  # noqa: BLE001 - every backend error is classified below
            connection.reset()
            raise classify(exc) from exc
        if not sent:
            connection.reset()
            raise TransientError("backend accepted no message")
        anymail_status = getattr(email, "anymail_status", None)
        return (anymail_status.message_id if anymail_status and anymail_status.message_id else message_id) or ""
