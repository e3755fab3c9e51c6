"""config/mail.py: a Vietnamese subject of any length reads back exactly, as a strict mail
reader reads the bytes that go over SMTP (the standard library's parser, default policy), and
the header's lines stay within the 78 characters RFC 5322 recommends."""

import email
from email import policy

import pytest
from django.core.mail import EmailMultiAlternatives

from config.mail import Email

SUBJECTS = [
    "Xác nhận đăng ký: Bồi dưỡng kỹ năng lãnh đạo, quản lý cho nữ cán bộ trong diện quy hoạch — Lớp 02/2027",
    "Nhắc lịch: Lớp 02/2027 bắt đầu lúc 08:00 thứ Hai 15/01/2027 tại Hội trường Sở Nội vụ tỉnh",
    "Chứng nhận",
    "A plain ASCII subject that is long enough to be folded over more than one line of the header",
    "x" * 40 + "ữ" * 60,
]


def sent_bytes(message):
    """What Django's SMTP backend writes (backends/smtp.py: message().as_bytes(linesep="\\r\\n"))."""
    return message.message().as_bytes(linesep="\r\n")


@pytest.mark.parametrize("subject", SUBJECTS)
def test_the_subject_reads_back_exactly_and_starts_on_its_own_line(subject):
    message = Email(subject, "Nội dung", "Chương trình <no-reply@phunu-lanhdao.example>", ["lan@example.vn"])
    message.attach_alternative("<p>Nội dung</p>", "text/html")
    raw = sent_bytes(message)
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == subject
    lines = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    (first,) = [line for line in lines if line.startswith(b"Subject:")]
    assert first.strip() != b"Subject:"  # the subject's first words are on the Subject line
    assert all(len(line) <= 78 for line in lines)
    assert parsed.get_body(("plain",)).get_content().strip() == "Nội dung"


def test_what_it_mends_in_djangos_own_message():
    """The reason for config/mail.py: should Django stop leaving the Subject line empty, this
    fails and the class can go (Django 6.0 writes messages with the modern email API)."""
    raw = sent_bytes(EmailMultiAlternatives(SUBJECTS[0], "x", "a@example.vn", ["b@example.vn"]))
    assert email.message_from_bytes(raw, policy=policy.default)["Subject"] == " " + SUBJECTS[0]
