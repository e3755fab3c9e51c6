"""The email channel's own sending path (channels/smtp.py, on Django's SMTP backend's connection):
the bytes it sends are the bytes Django would send, addresses are put in the envelope as Django
would put them, and a failure just before DATA delivers nothing."""

import random
import re
import smtplib
import string
from email.policy import compat32

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address

from campaigns.notifications.channels.smtp import _POLICY, _quote, envelope_address, flatten, sendmail

BOUNDARY = re.compile(rb"={15}\d{19}==(\.\d+)?")


def message(subject="Thông báo lịch học tháng 12", body="Chào chị,\nLịch học đã cập nhật.\n"):
    email = EmailMultiAlternatives(subject=subject, body=body, to=["hocvien@example.vn"],
                                   headers={"Message-ID": "<delivery-1@phunu-lanhdao.local>", "Date": "Fri, 27 Nov 2026 04:12:32 -0000"})
    email.attach_alternative(f"<p>{body}</p>", "text/html")
    return email


@pytest.mark.parametrize("subject", [
    "Thông báo lịch học tháng 12",
    "Short",
    "A long English subject that will certainly have to be folded over more than one line of the header",
    "Một tiêu đề tiếng Việt rất dài, dài hơn bảy mươi tám ký tự, để phần mã hoá phải gấp thành nhiều dòng",
])
def test_flatten_sends_what_djangos_smtp_backend_would(subject):
    ours, django = message(subject), message(subject)
    ours.attach("lich-hoc.txt", "Thứ Hai 08:00\n", "text/plain")
    django.attach("lich-hoc.txt", "Thứ Hai 08:00\n", "text/plain")
    expected = django.message().as_bytes(linesep="\r\n")
    assert BOUNDARY.sub(b"B", flatten(ours.message())) == BOUNDARY.sub(b"B", expected)


def test_a_boundary_found_in_the_text_is_replaced_by_another():
    from campaigns.notifications.channels.smtp import _Generator

    def boundaries(seed):
        rng = random.Random(seed)
        return ["=" * 15 + f"{rng.randrange(2**63 - 1):019d}" + "==" for _ in range(2)]

    first, second = boundaries(7)
    state = random.getstate()
    try:
        random.seed(7)
        assert _Generator._make_boundary(b"text\r\n--" + first.encode() + b"\r\n") == second
        random.seed(7)
        assert _Generator._make_boundary(b"text without it") == first
    finally:
        random.setstate(state)


def test_short_headers_are_written_as_compat32_writes_them():
    rng = random.Random(3)
    alphabet = string.ascii_letters + string.digits + string.punctuation + " \t" * 4
    for _ in range(5000):
        name = rng.choice(["Subject", "To", "Content-Type", "X-Tag"])
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90)))
        assert _POLICY.fold_binary(name, value) == compat32.clone(linesep="\r\n").fold_binary(name, value)


@pytest.mark.parametrize("address", [
    "hocvien@example.vn", "nguyen.thi+lop1@so-noi-vu.gov.vn", "a..b@example.vn", "Nguyễn Thị A <a@example.vn>",
    "hoa@bộ-nội-vụ.vn", "hòa@example.vn", '"quoted name"@example.vn', "UPPER@EXAMPLE.VN",
])
def test_envelope_addresses_are_the_ones_django_and_smtplib_would_use(address):
    envelope = envelope_address(address, "utf-8")
    assert envelope == sanitize_address(address, "utf-8")
    assert _quote(envelope) == smtplib.quoteaddr(envelope)


def test_a_failure_just_before_data_delivers_nothing(sink):
    smtp = smtplib.SMTP("127.0.0.1", sink.port)
    data = flatten(message().message())

    def fail():
        raise RuntimeError("the previous result was not recorded")

    with pytest.raises(RuntimeError):
        sendmail(smtp, "no-reply@localhost", ["hocvien@example.vn"], data, before_data=fail)
    smtp = smtplib.SMTP("127.0.0.1", sink.port)
    sendmail(smtp, "no-reply@localhost", ["hocvien@example.vn"], data, before_data=lambda: None)
    smtp.quit()
    assert sink.accepted == ["<delivery-1@phunu-lanhdao.local>"] and sum(sink.attempts.values()) == 1
