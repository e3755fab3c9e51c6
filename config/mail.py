"""The project's e-mail message: Django's EmailMultiAlternatives, with a subject that mail
readers read back exactly.

Django 5.2 encodes a non-ASCII subject without telling the encoder the header's name, so its
first encoded word is sized for a line of its own; when the message is written out, that word
does not fit after "Subject: " and the line is left empty ("Subject: " then the words on
continuation lines). A strict reader (Python's email parser with its default policy) then
reads the subject with a leading space. Here the subject is encoded knowing its name, so it
starts on the "Subject:" line (tests/config/test_mail.py reads it back with that parser).

The messages Django and Wagtail make themselves (the password reset, the moderation notices)
are Django's own classes: `EmailBackend`, the project's EMAIL_BACKEND, writes each of them as
`Email` writes it, with its text tidied (`_tidy`), and delivers through EMAIL_DELIVERY_BACKEND
(SMTP, a file, a provider)."""

from email.header import Header

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend


class Email(EmailMultiAlternatives):
    def message(self, *args, **kwargs):
        msg = super().message(*args, **kwargs)
        subject = str(self.subject)
        if not subject.isascii():
            encoded = Header(subject, self.encoding or settings.DEFAULT_CHARSET, header_name="Subject").encode()
            # replace_header keeps the header's place and skips SafeMIME's check for line
            # breaks, which the folded encoding has on purpose (the text itself was checked
            # when Django set the header).
            msg.replace_header("Subject", encoded)
        return msg


def mended(message):
    """`message` as Email writes it, if it is one of Django's own classes (else unchanged)."""
    if type(message) not in (EmailMessage, EmailMultiAlternatives):
        return message
    body = _tidy(message.body) if message.content_subtype == "plain" else message.body
    copy = Email(message.subject, body, message.from_email, message.to, bcc=message.bcc,
                 attachments=message.attachments, headers=message.extra_headers, cc=message.cc,
                 reply_to=message.reply_to, alternatives=getattr(message, "alternatives", None))
    copy.content_subtype, copy.mixed_subtype, copy.encoding = message.content_subtype, message.mixed_subtype, message.encoding
    return copy


def _tidy(text):
    """Wagtail's text templates leave lines of spaces, spaces after links and runs of blank
    lines where their tags stood: each line loses its trailing spaces, and blank lines come
    one at a time."""
    lines = []
    for line in str(text).strip().splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines) + "\n"


class EmailBackend(BaseEmailBackend):
    """Delivers through EMAIL_DELIVERY_BACKEND, with every message `mended`."""

    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.delivery = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=fail_silently, **kwargs)

    def open(self):
        return self.delivery.open()

    def close(self):
        return self.delivery.close()

    def send_messages(self, email_messages):
        return self.delivery.send_messages([mended(message) for message in email_messages])
