"""Email through Django's email backend (SMTP from the environment, or a provider through
django-anymail by setting NOTIFICATIONS_EMAIL_BACKEND / EMAIL_BACKEND). One connection is
opened per batch and reused for every message in it; each message is handed to the backend's
send_messages() as Django sends any email. Throughput comes from several dispatchers sending
at once, each over its own connection (NOTIFICATIONS_PARALLEL_BATCHES), not from work on the
bytes: against a relay that answers each command after a network delay, the conversation's
round trips are what costs."""

import contextlib
import smtplib
import socket
from email import encoders
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import SafeMIMEText

from config.mail import Email

from .base import BaseChannel, PermanentError, TransientError


def attachment(filename, content, mimetype):
    """The MIME part of an attachment whose type may carry parameters ("text/calendar;
    charset=utf-8; method=PUBLISH"). EmailMessage.attach(filename, content, mimetype) would
    take everything after the slash as the subtype and add its own charset, so the header
    would name charset twice; here each parameter is set once."""
    header = EmailMessage()
    header["Content-Type"] = mimetype
    maintype, subtype = header.get_content_maintype(), header.get_content_subtype()
    params = {k: v for k, v in header["Content-Type"].params.items() if k != "charset"}
    if maintype == "text":
        charset = header.get_content_charset() or settings.DEFAULT_CHARSET
        text = content.decode(charset) if isinstance(content, bytes) else content
        part = SafeMIMEText(text, subtype, charset)
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(content)
        encoders.encode_base64(part)
    for key, value in params.items():
        part.set_param(key, value, requote=False)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


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


class EmailWithInlineImages(Email):
    """An email whose HTML part shows images sent with it (cid: URLs): the HTML alternative
    and its images travel as one multipart/related part (RFC 2387), inside the usual
    multipart/alternative, inside multipart/mixed when there are attachments."""

    def __init__(self, *args, inline=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.inline = list(inline)

    def message(self, *args, **kwargs):
        msg = super().message(*args, **kwargs)
        if not self.inline:
            return msg
        alternative = msg if msg.get_content_type() == "multipart/alternative" else next(
            (part for part in msg.get_payload() if part.get_content_type() == "multipart/alternative"), None)
        if alternative is None:
            return msg
        parts = alternative.get_payload()
        for index, part in enumerate(parts):
            if part.get_content_type() == "text/html":
                related = MIMEMultipart("related")
                related.attach(part)
                for content_id, content, mimetype, _alt in self.inline:
                    image = MIMEImage(content, _subtype=mimetype.split("/")[1])
                    image.add_header("Content-ID", f"<{content_id}>")
                    image.add_header("Content-Disposition", "inline", filename=f"{content_id}.{mimetype.split('/')[1]}")
                    related.attach(image)
                parts[index] = related
        return msg


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
        """Build and send through the batch's connection; return the message's id."""
        domain = settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN
        # A stable Message-ID per delivery: should a crash ever resend, mail systems can tell.
        message_id = f"<delivery-{delivery.pk}@{domain}>"
        email = EmailWithInlineImages(
            subject=message.subject, body=message.text, to=[address], headers={**message.headers, "Message-ID": message_id},
            connection=None, inline=message.inline,
        )
        if message.html:
            email.attach_alternative(message.html, "text/html")
        for filename, content, mimetype in message.attachments:
            email.attach(attachment(filename, content, mimetype))
        try:
            sent = connection.get().send_messages([email])
        except Exception as exc:  # noqa: BLE001 - every backend error is classified below
            connection.reset()
            raise classify(exc) from exc
        if not sent:
            connection.reset()
            raise TransientError("backend accepted no message")
        anymail_status = getattr(email, "anymail_status", None)
        return (anymail_status.message_id if anymail_status and anymail_status.message_id else message_id) or ""
