"""Built-in message templates, Vietnamese and English. Organizers edit them in the admin; these
are what a fresh installation starts with (migrations 0002 and 0004) and the fallback when a
row is missing."""

from .composers import Item, Lines

SIGNATURE_VI = "Ban tổ chức Chương trình phụ nữ tham gia lãnh đạo, quản lý"
SIGNATURE_EN = "The Women in Leadership programme team"

DEFAULTS = {
    # Registration status messages (the training app's composer adds {{ sessions }}, {{ code }},
    # {{ apology_links }}, {{ cancel_link }}, {{ accept_link }}, {{ decline_link }},
    # {{ respond_by }}; {{ link }} is the run's page; email confirmations carry the .ics and QR).
    ("confirmation", "vi"): dict(
        subject="Xác nhận đăng ký: {{ course }}",
        text_body="Chào {{ name }},\n\nBạn đã được xác nhận tham gia lớp \"{{ run }}\" của khóa học \"{{ course }}\".\n\n"
        "Lịch học:\n{{ sessions }}\n\n"
        "Mã điểm danh của bạn: {{ code }}. Hãy đưa mã QR đính kèm cho người tổ chức quét khi đến lớp. "
        "Tệp lịch (.ics) đính kèm có đủ các buổi học.\n\n"
        "Nếu không thể tham gia một buổi, hãy báo vắng trước:\n{{ apology_links }}\n\n"
        "Hủy đăng ký: {{ cancel_link }}\n\nThông tin lớp học: {{ link }}\n\n" + SIGNATURE_VI,
        html_body="<p>Chào {{ name }},</p>\n<p>Bạn đã được xác nhận tham gia lớp <strong>{{ run }}</strong> của khóa học "
        "<strong>{{ course }}</strong>.</p>\n<h2 style=\"font-size:18px;margin:20px 0 8px;\">Lịch học</h2>\n{{ sessions }}\n"
        "<p>Mã điểm danh của bạn: <strong>{{ code }}</strong>. Hãy đưa mã QR trong thư này (cũng được đính kèm) cho người "
        "tổ chức quét khi đến lớp. Tệp lịch (.ics) đính kèm có đủ các buổi học.</p>\n"
        "<p>Nếu không thể tham gia một buổi, hãy báo vắng trước:</p>\n{{ apology_links }}\n"
        "<p><a href=\"{{ link }}\">Thông tin lớp học</a> · <a href=\"{{ cancel_link }}\">Hủy đăng ký</a></p>\n<p>" + SIGNATURE_VI + "</p>",
        short_text="Dang ky lop {{ run }} da duoc xac nhan. Buoi dau: {{ starts_at }}. Ma diem danh: {{ code }}.",
    ),
    ("confirmation", "en"): dict(
        subject="Registration confirmed: {{ course }}",
        text_body="Dear {{ name }},\n\nYour place in \"{{ run }}\" of the course \"{{ course }}\" is confirmed.\n\n"
        "Sessions:\n{{ sessions }}\n\n"
        "Your check-in code: {{ code }}. Show the attached QR code to the organizer when you arrive. "
        "The attached calendar file (.ics) has every session.\n\n"
        "If you cannot attend a session, send your apologies in advance:\n{{ apology_links }}\n\n"
        "Cancel your registration: {{ cancel_link }}\n\nAbout the class: {{ link }}\n\n" + SIGNATURE_EN,
        html_body="<p>Dear {{ name }},</p>\n<p>Your place in <strong>{{ run }}</strong> of the course <strong>{{ course }}</strong> "
        "is confirmed.</p>\n<h2 style=\"font-size:18px;margin:20px 0 8px;\">Sessions</h2>\n{{ sessions }}\n"
        "<p>Your check-in code: <strong>{{ code }}</strong>. Show the QR code in this email (also attached) to the organizer "
        "when you arrive. The attached calendar file (.ics) has every session.</p>\n"
        "<p>If you cannot attend a session, send your apologies in advance:</p>\n{{ apology_links }}\n"
        "<p><a href=\"{{ link }}\">About the class</a> · <a href=\"{{ cancel_link }}\">Cancel your registration</a></p>\n<p>" + SIGNATURE_EN + "</p>",
        short_text="Your registration for {{ run }} is confirmed. First session: {{ starts_at }}. Check-in code: {{ code }}.",
    ),
    ("pending", "vi"): dict(
        subject="Đăng ký đang chờ duyệt: {{ course }}",
        text_body="Chào {{ name }},\n\nChúng tôi đã nhận đăng ký của bạn cho lớp \"{{ run }}\" của khóa học \"{{ course }}\". "
        "Người tổ chức sẽ xem xét và bạn sẽ nhận thông báo khi có kết quả.\n\n"
        "Hủy đăng ký: {{ cancel_link }}\n\n" + SIGNATURE_VI,
        short_text="Dang ky lop {{ run }} dang cho duyet. Ban se nhan thong bao khi co ket qua.",
    ),
    ("pending", "en"): dict(
        subject="Registration awaiting approval: {{ course }}",
        text_body="Dear {{ name }},\n\nWe have received your registration for \"{{ run }}\" of the course \"{{ course }}\". "
        "The organizer will review it and you will hear from us when it is decided.\n\n"
        "Cancel your registration: {{ cancel_link }}\n\n" + SIGNATURE_EN,
        short_text="Your registration for {{ run }} awaits approval. We will tell you the decision.",
    ),
    ("waitlist", "vi"): dict(
        subject="Bạn đang trong danh sách chờ: {{ course }}",
        text_body="Chào {{ name }},\n\nLớp \"{{ run }}\" của khóa học \"{{ course }}\" đã đủ chỗ. Bạn đã được đưa vào "
        "danh sách chờ; khi có chỗ trống, chúng tôi sẽ gửi thư mời bạn nhận chỗ.\n\n"
        "Rút khỏi danh sách chờ: {{ cancel_link }}\n\nThông tin lớp học: {{ link }}\n\n" + SIGNATURE_VI,
        short_text="Lop {{ run }} da du cho. Ban dang trong danh sach cho; khi co cho trong chung toi se bao.",
    ),
    ("waitlist", "en"): dict(
        subject="You are on the waiting list: {{ course }}",
        text_body="Dear {{ name }},\n\n\"{{ run }}\" of the course \"{{ course }}\" is full. You are on the waiting list; "
        "when a place frees up we will invite you to take it.\n\n"
        "Leave the waiting list: {{ cancel_link }}\n\nAbout the class: {{ link }}\n\n" + SIGNATURE_EN,
        short_text="{{ run }} is full. You are on the waiting list; we will tell you when a place frees up.",
    ),
    ("offer", "vi"): dict(
        subject="Đã có chỗ cho bạn: {{ course }}",
        text_body="Chào {{ name }},\n\nLớp \"{{ run }}\" của khóa học \"{{ course }}\" vừa có chỗ trống và chỗ này được dành "
        "cho bạn. Hãy nhận chỗ trước {{ respond_by }}; sau thời hạn này chỗ sẽ được mời cho người tiếp theo.\n\n"
        "Nhận chỗ: {{ accept_link }}\nTừ chối: {{ decline_link }}\n\n" + SIGNATURE_VI,
        html_body="<p>Chào {{ name }},</p>\n<p>Lớp <strong>{{ run }}</strong> của khóa học <strong>{{ course }}</strong> vừa có chỗ "
        "trống và chỗ này được dành cho bạn. Hãy nhận chỗ trước <strong>{{ respond_by }}</strong>; sau thời hạn này chỗ sẽ được "
        "mời cho người tiếp theo.</p>\n<p>Không tham gia được? <a href=\"{{ decline_link }}\">Từ chối chỗ</a> để người khác "
        "có cơ hội.</p>\n<p>" + SIGNATURE_VI + "</p>",
        short_text="Lop {{ run }} co cho cho ban. Nhan cho truoc {{ respond_by }}: {{ accept_link }}",
    ),
    ("offer", "en"): dict(
        subject="A place is available for you: {{ course }}",
        text_body="Dear {{ name }},\n\nA place in \"{{ run }}\" of the course \"{{ course }}\" has become available and is "
        "kept for you. Please accept it before {{ respond_by }}; after that it is offered to the next person.\n\n"
        "Accept: {{ accept_link }}\nDecline: {{ decline_link }}\n\n" + SIGNATURE_EN,
        html_body="<p>Dear {{ name }},</p>\n<p>A place in <strong>{{ run }}</strong> of the course <strong>{{ course }}</strong> has "
        "become available and is kept for you. Please accept it before <strong>{{ respond_by }}</strong>; after that it is "
        "offered to the next person.</p>\n<p>Cannot come? <a href=\"{{ decline_link }}\">Decline the place</a> so someone "
        "else can have it.</p>\n<p>" + SIGNATURE_EN + "</p>",
        short_text="A place in {{ run }} is available. Accept before {{ respond_by }}: {{ accept_link }}",
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
    # A trainee's own cancellation, confirmed (training's composer adds {{ sessions }} and the
    # run's {{ link }}), and her completion of a course ({{ certificate_link }}, {{ verify_link }}).
    ("cancellation", "vi"): dict(
        subject="Đã hủy đăng ký: {{ course }}",
        text_body="Chào {{ name }},\n\nChúng tôi xác nhận bạn đã hủy đăng ký lớp \"{{ run }}\" của khóa học \"{{ course }}\". "
        "Chỗ của bạn đã được dành cho người khác; bạn không cần làm gì thêm.\n\n"
        "Nếu đổi ý, bạn có thể đăng ký lại khi lớp còn chỗ: {{ link }}\n\n" + SIGNATURE_VI,
        short_text="Ban da huy dang ky lop {{ run }}. Dang ky lai: {{ link }}",
    ),
    ("cancellation", "en"): dict(
        subject="Registration cancelled: {{ course }}",
        text_body="Dear {{ name }},\n\nThis confirms that you cancelled your registration for \"{{ run }}\" of the course "
        "\"{{ course }}\". Your place has been released; there is nothing else to do.\n\n"
        "If you change your mind, you can register again while places remain: {{ link }}\n\n" + SIGNATURE_EN,
        short_text="You cancelled your registration for {{ run }}. Register again: {{ link }}",
    ),
    ("completion", "vi"): dict(
        subject="Chúc mừng bạn đã hoàn thành khóa học: {{ course }}",
        text_body="Chào {{ name }},\n\nChúc mừng bạn đã hoàn thành lớp \"{{ run }}\" của khóa học \"{{ course }}\".\n\n"
        "Tải giấy chứng nhận (PDF): {{ certificate_link }}\n"
        "Mã xác minh {{ certificate_code }}; ai cũng có thể kiểm tra giấy chứng nhận tại: {{ verify_link }}\n\n"
        "Xin cảm ơn bạn đã tham gia. Ý kiến của bạn giúp các lớp sau tốt hơn: {{ feedback_link }}\n\n" + SIGNATURE_VI,
        html_body="<p>Chào {{ name }},</p>\n<p>Chúc mừng bạn đã hoàn thành lớp <strong>{{ run }}</strong> của khóa học "
        "<strong>{{ course }}</strong>.</p>\n<p>Giấy chứng nhận của bạn có mã xác minh <strong>{{ certificate_code }}</strong>; "
        "ai cũng có thể <a href=\"{{ verify_link }}\">kiểm tra giấy chứng nhận</a>.</p>\n"
        "<p>Xin cảm ơn bạn đã tham gia. <a href=\"{{ feedback_link }}\">Góp ý về khóa học</a> giúp các lớp sau tốt hơn.</p>\n"
        "<p>" + SIGNATURE_VI + "</p>",
        short_text="Chuc mung ban da hoan thanh {{ course }}. Giay chung nhan: {{ certificate_link }}",
    ),
    ("completion", "en"): dict(
        subject="Congratulations on completing: {{ course }}",
        text_body="Dear {{ name }},\n\nCongratulations on completing \"{{ run }}\" of the course \"{{ course }}\".\n\n"
        "Download your certificate (PDF): {{ certificate_link }}\n"
        "Verification code {{ certificate_code }}; anyone can check the certificate at: {{ verify_link }}\n\n"
        "Thank you for taking part. Your feedback helps the next classes: {{ feedback_link }}\n\n" + SIGNATURE_EN,
        html_body="<p>Dear {{ name }},</p>\n<p>Congratulations on completing <strong>{{ run }}</strong> of the course "
        "<strong>{{ course }}</strong>.</p>\n<p>Your certificate has the verification code <strong>{{ certificate_code }}</strong>; "
        "anyone can <a href=\"{{ verify_link }}\">check the certificate</a>.</p>\n"
        "<p>Thank you for taking part. <a href=\"{{ feedback_link }}\">Your feedback</a> helps the next classes.</p>\n"
        "<p>" + SIGNATURE_EN + "</p>",
        short_text="Congratulations on completing {{ course }}. Certificate: {{ certificate_link }}",
    ),
    # The newsletter digest (cms's composer adds {{ edition }}, {{ articles }}, {{ article_count }}
    # and {{ unsubscribe_link }}, and the List-Unsubscribe headers).
    ("digest", "vi"): dict(
        subject="Bản tin Phụ nữ tham gia lãnh đạo, quản lý – {{ edition }}",
        text_body="Bản tin ngày {{ edition }}: {{ article_count }} bài viết mới.\n\n{{ articles }}\n\n--\n"
        "Hủy đăng ký: {{ unsubscribe_link }}",
        html_body="<p>Bản tin ngày {{ edition }}: {{ article_count }} bài viết mới.</p>\n{{ articles }}\n"
        "<p><a href=\"{{ unsubscribe_link }}\">Hủy đăng ký nhận bản tin</a></p>",
        short_text="Ban tin ngay {{ edition }}",
    ),
    ("digest", "en"): dict(
        subject="Women in Leadership newsletter – {{ edition }}",
        text_body="Newsletter of {{ edition }}: {{ article_count }} new articles.\n\n{{ articles }}\n\n--\n"
        "Unsubscribe: {{ unsubscribe_link }}",
        html_body="<p>Newsletter of {{ edition }}: {{ article_count }} new articles.</p>\n{{ articles }}\n"
        "<p><a href=\"{{ unsubscribe_link }}\">Unsubscribe from the newsletter</a></p>",
        short_text="Newsletter of {{ edition }}",
    ),
    # A session's time or venue changed (the change rule, on by default): told to its
    # registrants with the session as it is now and as it was ({{ previous_… }}).
    ("session_change", "vi"): dict(
        subject="Thay đổi lịch học: {{ session }} ({{ course }})",
        text_body="Chào {{ name }},\n\nBuổi học \"{{ session }}\" của lớp \"{{ run }}\" (khóa học \"{{ course }}\") đã thay đổi.\n\n"
        "Lịch mới: từ {{ starts_at }} đến {{ ends_at }}, tại {{ venue }}.\n"
        "Lịch cũ: từ {{ previous_starts_at }} đến {{ previous_ends_at }}, tại {{ previous_venue }}.\n\n"
        "Nếu không thể tham gia theo lịch mới, bạn có thể báo vắng hoặc hủy đăng ký trên trang \"Khóa học của tôi\".\n\n"
        "Thông tin lớp học: {{ link }}\n\n" + SIGNATURE_VI,
        short_text="Thay doi lich: {{ session }} nay tu {{ starts_at }} tai {{ venue }}.",
    ),
    ("session_change", "en"): dict(
        subject="Schedule change: {{ session }} ({{ course }})",
        text_body="Dear {{ name }},\n\nThe session \"{{ session }}\" of \"{{ run }}\" (course \"{{ course }}\") has changed.\n\n"
        "Now: from {{ starts_at }} to {{ ends_at }}, at {{ venue }}.\n"
        "Before: from {{ previous_starts_at }} to {{ previous_ends_at }}, at {{ previous_venue }}.\n\n"
        "If you cannot attend at the new time, you can send your apologies or cancel on \"My courses\".\n\n"
        "About the class: {{ link }}\n\n" + SIGNATURE_EN,
        short_text="Schedule change: {{ session }} is now at {{ starts_at }}, {{ venue }}.",
    ),
}

_COMMON = ["name", "link"]
_SESSION = ["course", "run", "session", "starts_at", "ends_at", "venue"]
_REGISTRATION = _SESSION + ["code", "sessions", "cancel_link"]
# The placeholders each kind's messages fill (the admin preview lists them).
PLACEHOLDERS = {
    "confirmation": _COMMON + _REGISTRATION + ["apology_links"],
    "pending": _COMMON + _REGISTRATION,
    "waitlist": _COMMON + _REGISTRATION,
    "offer": _COMMON + _REGISTRATION + ["respond_by", "accept_link", "decline_link"],
    "reminder": _COMMON + _SESSION,
    "broadcast": _COMMON + ["subject", "body"],
    "digest": ["edition", "articles", "article_count", "unsubscribe_link"],
    "cancellation": _COMMON + _REGISTRATION,
    "completion": _COMMON + _SESSION + ["certificate_link", "certificate_code", "verify_link", "feedback_link"],
    "session_change": _COMMON + _SESSION + ["previous_starts_at", "previous_ends_at", "previous_venue"],
}

# The rule that tells a session's registrants of a change of its time or venue, on by default
# (created by migration; organizers may switch it off or add a run's own).
DEFAULT_CHANGE_RULE = dict(
    name="Báo khi buổi học đổi giờ hoặc địa điểm", anchor="change", offset_minutes=0, kind="session_change",
    statuses=["confirmed", "pending", "waitlisted", "offered"], channels=["email"], is_active=True,
)

_EXAMPLE = "https://example.gov.vn"
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
    "code": "K7PX2M9Q",
    "sessions": Lines([Item("08:00–11:30, thứ Sáu 15/01/2027: Bình đẳng giới và vai trò của cán bộ nữ", note="Hội trường Sở Nội vụ"),
                       Item("08:00–11:30, thứ Bảy 16/01/2027: Kỹ năng lãnh đạo", note="Hội trường Sở Nội vụ")]),
    "certificate_link": f"{_EXAMPLE}/dao-tao/chung-nhan/K7PX2M9Q.pdf",
    "certificate_code": "K7PX2M9Q",
    "verify_link": f"{_EXAMPLE}/dao-tao/chung-nhan/xac-minh/K7PX2M9Q/",
    "feedback_link": f"{_EXAMPLE}/dao-tao/cua-toi/1/danh-gia/",
    "apology_links": Lines([Item("Bình đẳng giới và vai trò của cán bộ nữ", url=f"{_EXAMPLE}/dao-tao/lien-ket/mau-1/"),
                            Item("Kỹ năng lãnh đạo", url=f"{_EXAMPLE}/dao-tao/lien-ket/mau-2/")]),
    "cancel_link": f"{_EXAMPLE}/dao-tao/lien-ket/huy/",
    "accept_link": f"{_EXAMPLE}/dao-tao/lien-ket/nhan-cho/",
    "decline_link": f"{_EXAMPLE}/dao-tao/lien-ket/tu-choi/",
    "previous_starts_at": "08:00 14/01/2027",
    "previous_ends_at": "11:30 14/01/2027",
    "previous_venue": "Phòng họp tầng 2, Sở Nội vụ",
    "edition": "15/01/2027",
    "article_count": "2",
    "articles": Lines([Item("Nữ phó chủ tịch xã 29 tuổi", url=f"{_EXAMPLE}/tin-tuc/nu-pho-chu-tich/",
                            note="Chị được bầu khi mới 29 tuổi."),
                       Item("Tháng hành động vì bình đẳng giới", url=f"{_EXAMPLE}/tin-tuc/thang-hanh-dong/",
                            note="Các hoạt động từ 15/11 đến 15/12.")]),
}


def ensure_default_templates(MessageTemplate):
    """Create the missing built-in templates (never overwrites an organizer's edits)."""
    for (kind, language), fields in DEFAULTS.items():
        MessageTemplate.objects.get_or_create(kind=kind, language=language, defaults=fields)
