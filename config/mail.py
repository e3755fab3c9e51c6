"""The project's e-mail message: Django's EmailMultiAlternatives, with a subject that mail
readers read back exactly.

Django 5.2 encodes a non-ASCII subject without telling the encoder the header's name, so its
first encoded word is sized for a line of its own; when the message is written out, that word
does not fit after "Subject: " and the line is left empty ("Subject: " then the words on
continuation lines). A strict reader (Python's email parser with its default policy) then
reads the subject with a leading space. Here the subject is encoded knowing its name, so it
starts on the "Subject:" line (tests/config/test_mail.py reads it back with that parser)."""

from email.header import Header

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


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
