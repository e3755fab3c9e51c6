"""Built-in message templates, Vietnamese and English. Organizers edit them in the admin; these
are what a fresh installation starts with (see migration 0002) and the fallback when a row is
missing."""

SIGNATURE_VI = "Ban tổ chức Chương trình phụ nữ tham gia lãnh đạo, quản lý"
SIGNATURE_EN = "The Women in Leadership programme team"

DEFAULTS = {
    ("confirmation", "vi"): dict(
        subject="Xác nhận đăng ký: {{ course }}",
        text_body="Kính gửi {{ name }},\n\nĐăng ký của chị/anh vào lớp {{ run }} đã được xác nhận.\n"
        "Buổi đầu tiên: {{ starts_at }} tại {{ venue }}.\n\nChi tiết: {{ link }}\n\n" + SIGNATURE_VI,
        short_text="Dang ky lop {{ run }} da duoc xac nhan. Buoi dau: {{ starts_at }}.",
    ),
    ("confirmation", "en"): dict(
        subject="Registration confirmed: {{ course }}",
        text_body="Dear {{ name }},\n\nYour registration for {{ run }} is confirmed.\n"
        "First session: {{ starts_at }} at {{ venue }}.\n\nDetails: {{ link }}\n\n" + SIGNATURE_EN,
        short_text="Your registration for {{ run }} is confirmed. First session: {{ starts_at }}.",
    ),
    ("reminder", "vi"): dict(
        subject="Nhắc lịch: {{ session }} lúc {{ starts_at }}",
        text_body="Kính gửi {{ name }},\n\nXin nhắc chị/anh buổi học «{{ session }}» của lớp {{ run }}\n"
        "bắt đầu lúc {{ starts_at }} tại {{ venue }}.\n\nChi tiết: {{ link }}\n\n" + SIGNATURE_VI,
        short_text="Nhac lich: {{ session }} luc {{ starts_at }}, {{ venue }}.",
    ),
    ("reminder", "en"): dict(
        subject="Reminder: {{ session }} at {{ starts_at }}",
        text_body="Dear {{ name }},\n\nThis is a reminder that the session “{{ session }}” of {{ run }}\n"
        "starts at {{ starts_at }} at {{ venue }}.\n\nDetails: {{ link }}\n\n" + SIGNATURE_EN,
        short_text="Reminder: {{ session }} at {{ starts_at }}, {{ venue }}.",
    ),
    ("offer", "vi"): dict(
        subject="Lớp {{ run }} có chỗ cho chị/anh",
        text_body="Kính gửi {{ name }},\n\nLớp {{ run }} vừa có chỗ trống dành cho chị/anh.\n"
        "Vui lòng xác nhận trước {{ respond_by }}: {{ link }}\n\n" + SIGNATURE_VI,
        short_text="Lop {{ run }} co cho cho ban. Xac nhan truoc {{ respond_by }}.",
    ),
    ("offer", "en"): dict(
        subject="A place in {{ run }} is available for you",
        text_body="Dear {{ name }},\n\nA place in {{ run }} has become available for you.\n"
        "Please accept it before {{ respond_by }}: {{ link }}\n\n" + SIGNATURE_EN,
        short_text="A place in {{ run }} is available. Accept before {{ respond_by }}.",
    ),
    ("broadcast", "vi"): dict(
        subject="{{ subject }}",
        text_body="Kính gửi {{ name }},\n\n{{ body }}\n\n" + SIGNATURE_VI,
        short_text="{{ subject }}",
    ),
    ("broadcast", "en"): dict(
        subject="{{ subject }}",
        text_body="Dear {{ name }},\n\n{{ body }}\n\n" + SIGNATURE_EN,
        short_text="{{ subject }}",
    ),
    ("digest", "vi"): dict(
        subject="Bản tin: {{ subject }}",
        text_body="Kính gửi {{ name }},\n\n{{ body }}\n\nHủy nhận bản tin: {{ unsubscribe_link }}\n\n" + SIGNATURE_VI,
        short_text="{{ subject }}",
    ),
    ("digest", "en"): dict(
        subject="Newsletter: {{ subject }}",
        text_body="Dear {{ name }},\n\n{{ body }}\n\nUnsubscribe: {{ unsubscribe_link }}\n\n" + SIGNATURE_EN,
        short_text="{{ subject }}",
    ),
}

# Sample values for the admin preview.
SAMPLE_CONTEXT = {
    "name": "Nguyễn Thị Lan",
    "course": "Bồi dưỡng kỹ năng lãnh đạo, quản lý cho cán bộ nữ",
    "run": "Lớp 01/2027",
    "session": "Bình đẳng giới và vai trò của cán bộ nữ",
    "starts_at": "08:00 15/01/2027",
    "ends_at": "11:30 15/01/2027",
    "venue": "Hội trường Sở Nội vụ tỉnh Đồng Nai",
    "link": "https://example.gov.vn/khoa-hoc/",
    "respond_by": "17:00 10/01/2027",
    "subject": "Thông báo mẫu",
    "body": "Nội dung thông báo mẫu.",
    "unsubscribe_link": "https://example.gov.vn/huy-nhan-tin/",
}


def ensure_default_templates(MessageTemplate):
    """Create the missing built-in templates (never overwrites an organizer's edits)."""
    for (kind, language), fields in DEFAULTS.items():
        MessageTemplate.objects.get_or_create(kind=kind, language=language, defaults=fields)
