"""Sending over Django's SMTP backend's open smtplib connection: the bytes and envelope the
backend would send, with less work per message (a plain ASCII address is used as it is, a
header that fits on a line is written as it is, a repeated long header is folded once, and a
MIME boundary is checked against the text without compiling a regular expression), and a
sendmail() that can be stopped just before the message becomes the server's."""

import functools
import random
import re
import smtplib
import sys
from email.generator import BytesGenerator
from email.policy import Compat32
from io import BytesIO

from django.core.mail.message import sanitize_address

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
