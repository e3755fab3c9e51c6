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


# The messages Django and Wagtail make themselves, sent through the project's EMAIL_BACKEND.


@pytest.fixture
def project_backend(settings):
    """The production chain: config.mail.EmailBackend in front of a delivery backend (the
    test runner replaces EMAIL_BACKEND with locmem; this puts the project's back)."""
    from django.core import mail

    settings.EMAIL_BACKEND = "config.mail.EmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    return mail.outbox


def read_back(message):
    return email.message_from_bytes(sent_bytes(message), policy=policy.default)


def test_a_message_of_djangos_own_class_is_sent_whole_with_its_subject_mended(project_backend):
    from django.core.mail import get_connection

    original = EmailMultiAlternatives(
        SUBJECTS[0], "Nội dung thư", "Ban tổ chức <no-reply@phunu.example.gov.vn>", ["lan@example.vn"],
        bcc=["luu@example.vn"], cc=["hoa@example.vn"], reply_to=["hoidap@example.vn"],
        headers={"Auto-Submitted": "auto-generated"},
    )
    original.attach_alternative("<p>Nội dung thư</p>", "text/html")
    original.attach("danh-sach.csv", "Họ tên\nLan\n", "text/csv")
    assert get_connection().send_messages([original]) == 1
    (sent,) = project_backend
    parsed = read_back(sent)
    assert parsed["Subject"] == SUBJECTS[0]
    assert (parsed["To"], parsed["Cc"], parsed["Reply-To"]) == ("lan@example.vn", "hoa@example.vn", "hoidap@example.vn")
    assert sent.recipients() == ["lan@example.vn", "hoa@example.vn", "luu@example.vn"]
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed.get_body(("plain",)).get_content().strip() == "Nội dung thư"
    assert parsed.get_body(("html",)).get_content().strip() == "<p>Nội dung thư</p>"
    (attachment,) = parsed.iter_attachments()
    assert attachment.get_filename() == "danh-sach.csv"
    assert attachment.get_content().replace("\r\n", "\n") == "Họ tên\nLan\n"  # SMTP's line ends


def test_the_project_own_messages_go_through_unchanged(project_backend):
    from django.core.mail import get_connection

    from config.mail import mended

    message = Email(SUBJECTS[1], "x", "a@example.vn", ["b@example.vn"])
    assert mended(message) is message
    get_connection().send_messages([message])
    (sent,) = project_backend  # locmem keeps a copy
    assert type(sent) is Email and read_back(sent)["Subject"] == SUBJECTS[1]


def test_wagtails_moderation_notice_reads_back_exactly(project_backend):
    """Wagtail's notices (wagtail.admin.mail.send_mail) are Django's EmailMultiAlternatives."""
    from wagtail.admin.mail import send_mail

    subject = "Trang \u201cKế hoạch 347: mục tiêu đến năm 2030 về phụ nữ lãnh đạo, quản lý\u201d đã được gửi duyệt"
    # The text Wagtail's templates rendered for a moderation notice in the walk-through.
    text = ("Xin chào Hạnh,\n\nNgười gửi duyệt: Nguyễn Thị Lan\n \nTrang \"Phụ nữ dám nghĩ\" đã được gửi duyệt.\n\n"
            "Bạn có thể chỉnh sửa trang tại đây: http://127.0.0.1:8700/admin/pages/18/edit/ \n\n\n\n"
            "Chỉnh sửa tùy chọn nhận thông báo tại đây: http://127.0.0.1:8700/admin/account/#tab-notifications")
    send_mail(subject, text, ["duyet@example.vn"], html_message="<p>Nội dung</p>")
    (sent,) = project_backend
    parsed = read_back(sent)
    assert parsed["Subject"] == subject
    assert parsed.get_body(("plain",)).get_content().replace("\r\n", "\n") == (
        "Xin chào Hạnh,\n\nNgười gửi duyệt: Nguyễn Thị Lan\n\nTrang \"Phụ nữ dám nghĩ\" đã được gửi duyệt.\n\n"
        "Bạn có thể chỉnh sửa trang tại đây: http://127.0.0.1:8700/admin/pages/18/edit/\n\n"
        "Chỉnh sửa tùy chọn nhận thông báo tại đây: http://127.0.0.1:8700/admin/account/#tab-notifications\n")
    assert parsed.get_body(("html",)).get_content().strip() == "<p>Nội dung</p>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert all(len(line) <= 78 for line in sent_bytes(sent).split(b"\r\n\r\n", 1)[0].split(b"\r\n"))


@pytest.mark.django_db
def test_the_password_reset_mail_reads_back_exactly(project_backend, client, django_user_model):
    django_user_model.objects.create_user("lan", email="lan@example.vn", password="Mat-khau-2026")
    response = client.post("/tai-khoan/quen-mat-khau/", {"email": "lan@example.vn"})
    assert response.status_code == 302
    (sent,) = project_backend
    parsed = read_back(sent)
    assert parsed["Subject"] == str(sent.subject) and not parsed["Subject"].startswith(" ")
    assert not parsed["Subject"].isascii()
