"""Email through Django's email backend (SMTP from the environment, or a provider through
django-anymail by setting NOTIFICATIONS_EMAIL_BACKEND / EMAIL_BACKEND). One connection is
opened per batch and reused for every message in it.

With Django's own SMTP backend the message is flattened here and handed to the backend's open
smtplib connection (what the backend itself does, minus per-message work that gives the same
result every time: the sender's address is checked once per batch, plain ASCII recipient
addresses need no re-encoding, headers that fit on a line are written without re-encoding,
and MIME boundaries are chosen without compiling a regular expression per message). Other
backends get the EmailMessage as usual."""

import contextlib
import functools
import random
import re
import smtplib
import socket
import sys
from email.generator import BytesGenerator
from email.policy import Compat32
from io import BytesIO

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

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


# A dot-atom address with an ASCII domain: sanitize_address() would return it unchanged.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                            r"@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*")


def envelope_address(address, encoding):
    """The address as Django's SMTP backend puts it in the envelope (sanitize_address), without
    parsing it when it is a plain ASCII address."""
    return address if _PLAIN_ADDRESS.fullmatch(address) else sanitize_address(address, encoding)


class _Generator(BytesGenerator):
    """BytesGenerator whose MIME boundaries are checked against the text with a substring test
    (stricter than the standard library's line match, and without compiling a regular
    expression for every message)."""

    @classmethod
    def _make_boundary(cls, text=None):
        while True:
            boundary = "=" * 15 + f"{random.randrange(sys.maxsize):019d}" + "=="  # the standard library's form
            if text is None or ("--" + boundary).encode("ascii") not in text:
                return boundary


def sendmail(smtp, from_addr, to_addrs, data, before_data=None):
    """smtplib.SMTP.sendmail(), with `before_data()` called as late as possible before the
    message becomes the server's: once the server has taken the recipients and answered DATA
    with 354, before the content and the final ".". If it raises, the connection is closed
    mid-DATA (the server discards an unfinished message: nothing is delivered) and its
    exception propagates."""
    smtp.ehlo_or_helo_if_needed()
    options = [f"size={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, resp = smtp.docmd("mail", f"FROM:{_quote(from_addr)}{''.join(' ' + o for o in options)}")
    if code != 250:
        _abandon(smtp, code)
        raise smtplib.SMTPSenderRefused(code, resp, from_addr)
    refused = {}
    for address in to_addrs:
        code, resp = smtp.docmd("rcpt", f"TO:{_quote(address)}")
        if code not in (250, 251):
            refused[address] = (code, resp)
        if code == 421:
            smtp.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(to_addrs):
        _abandon(smtp, code)
        raise smtplib.SMTPRecipientsRefused(refused)
    # What smtplib.SMTP.data() does, with before_data() between the 354 and the content.
    code, resp = smtp.docmd("data")
    if code != 354:
        _abandon(smtp, code)
        raise smtplib.SMTPDataError(code, resp)
    if before_data is not None:
        try:
            before_data()
        except BaseException:
            smtp.close()
            raise
    content = re.sub(rb"(?m)^\.", b"..", data)
    if not content.endswith(b"\r\n"):
        content += b"\r\n"
    smtp.send(content + b".\r\n")
    code, resp = smtp.getreply()
    if code != 250:
        _abandon(smtp, code)
        raise smtplib.SMTPDataError(code, resp)
    return refused


@functools.lru_cache(maxsize=64)
def _quote_parsed(address):
    return smtplib.quoteaddr(address)


def _quote(address):
    """smtplib.quoteaddr(): "<address>" as MAIL and RCPT take it (a plain address needs no parsing;
    others, such as the sender with its display name, are parsed once)."""
    return f"<{address}>" if _PLAIN_ADDRESS.fullmatch(address) else _quote_parsed(address)


def _abandon(smtp, code):
    """End the transaction in progress: RSET, or close after a 421 (the server is leaving)."""
    if code == 421:
        smtp.close()
        return
    try:
        smtp.rset()
    except (smtplib.SMTPException, OSError):
        smtp.close()


class _Compat32(Compat32):
    """The compat32 policy (Django's), writing a header that fits on one line as it is: the
    same bytes compat32 produces for it (a single-line ASCII value of at most 78 characters is
    never folded or encoded), without building an email.header.Header for every header; and
    folding a longer one once for all the messages that repeat it (the From, a broadcast's
    Subject)."""

    def fold_binary(self, name, value):
        if not isinstance(value, str):
            return super().fold_binary(name, value)
        if len(name) + 2 + len(value) <= self.max_line_length and value.isascii() and "\r" not in value \
                and "\n" not in value:
            return f"{name}: {value}{self.linesep}".encode("ascii")
        return self._fold_cached(name, value)

    @functools.lru_cache(maxsize=256)  # noqa: B019 - one module-level policy; From and a broadcast's Subject repeat
    def _fold_cached(self, name, value):
        return super().fold_binary(name, value)


_POLICY = _Compat32(linesep="\r\n")


def flatten(message):
    """The MIME message as bytes with CRLF line ends, as Django's SMTP backend sends it."""
    fp = BytesIO()
    _Generator(fp, mangle_from_=False, policy=_POLICY).flatten(message, unixfrom=False)
    return fp.getvalue()


class _BeforeSendFailed(Exception):
    """send()'s before_send() raised (its exception is the cause)."""


class _Connection:
    """A lazily (re)opened backend connection: after an error it is closed and reopened on the
    next send, so one broken conversation does not fail the rest of the batch."""

    def __init__(self):
        self.conn = None
        self._senders = {}

    def get(self):
        if self.conn is None:
            self.conn = get_connection(backend=_backend(), fail_silently=False)
            self.conn.open()
        return self.conn

    def prepare(self, email):
        """(sender, recipients, bytes) ready for the open smtplib connection when the backend is
        exactly Django's SMTP backend (a subclass may send differently), else None."""
        conn = self.get()
        if type(conn) is not SMTPBackend or not email.recipients():
            return None
        encoding = email.encoding or settings.DEFAULT_CHARSET
        key = (email.from_email, encoding)
        if key not in self._senders:
            self._senders[key] = sanitize_address(email.from_email, encoding)
        recipients = [envelope_address(address, encoding) for address in email.recipients()]
        return self._senders[key], recipients, flatten(email.message())

    def transmit(self, email, outgoing, before_send=None):
        """Send what prepare() returned (or the EmailMessage through another backend); return
        the number of messages the backend accepted. `before_send()` runs just before the
        message is handed over (see EmailChannel.send); its errors come out as _BeforeSendFailed."""

        def before_data():
            if before_send is not None:
                try:
                    before_send()
                except Exception as exc:
                    raise _BeforeSendFailed from exc

        if outgoing is None:
            before_data()
            return self.get().send_messages([email])
        sendmail(self.get().connection, *outgoing, before_data=before_data)
        return 1

    def reset(self):
        if self.conn is not None:
            with contextlib.suppress(Exception):
                self.conn.close()
        self.conn = None


class EmailChannel(BaseChannel):
    name = "email"
    takes_before_send = True  # send() builds the message, then calls before_send()

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

    def send(self, *, delivery, message, address, connection, before_send=None):
        """Build and send. `before_send()`, if given, is called once the message is built and
        before it is handed over: over SMTP after the server's 354 to DATA and before the
        content (see sendmail()); with another backend before the backend gets it. If it
        raises, nothing is delivered and its exception propagates."""
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
            outgoing = connection.prepare(email)
        except Exception as exc:  # noqa: BLE001 - every backend error is classified below
            connection.reset()
            raise classify(exc) from exc
        try:
            sent = connection.transmit(email, outgoing, before_send=before_send)
        except _BeforeSendFailed as failed:
            raise failed.__cause__  # not a send error, and nothing was delivered
        except Exception as exc:  # noqa: BLE001 - every backend error is classified below
            connection.reset()
            raise classify(exc) from exc
        if not sent:
            connection.reset()
            raise TransientError("backend accepted no message")
        anymail_status = getattr(email, "anymail_status", None)
        return (anymail_status.message_id if anymail_status and anymail_status.message_id else message_id) or ""
