"""The demo site: a Vietnamese home page, a news index with articles written from the facts
of Plan 347/KH-UBND, and the 2026 Action Month for Gender Equality campaign page."""

import datetime

from wagtail.models import Locale, Page, Site

from cms.models import ArticleIndexPage, ArticlePage, CampaignPage, HomePage

ARTICLES = [
    (
        "ke-hoach-347-muc-tieu-den-2030",
        "Bình Phước đặt mục tiêu 65% cơ quan có lãnh đạo chủ chốt là nữ vào năm 2030",
        datetime.date(2023, 11, 25),
        "Kế hoạch 347/KH-UBND ngày 21/11/2023 cụ thể hóa Chương trình quốc gia về sự tham gia "
        "bình đẳng của phụ nữ trong lãnh đạo, quản lý giai đoạn 2023–2030.",
        "<p>Ngày 21/11/2023, Ủy ban nhân dân tỉnh Bình Phước ban hành Kế hoạch số 347/KH-UBND để "
        "triển khai Quyết định 2282/QĐ-TTg ngày 31/12/2020 của Thủ tướng Chính phủ.</p>"
        "<p>Theo kế hoạch, tỷ lệ cơ quan quản lý nhà nước và chính quyền địa phương các cấp có lãnh đạo "
        "chủ chốt là nữ cần đạt 50% vào năm 2025 và 65% vào năm 2030. Những ngành có dưới 30% nữ cán bộ, "
        "công chức, viên chức được phép điều chỉnh mục tiêu cho phù hợp với thực tế.</p>",
    ),
    (
        "quy-hoach-can-bo-nu-40-phan-tram",
        "Ít nhất 40% cán bộ trong diện quy hoạch là nữ từ năm 2025",
        datetime.date(2023, 11, 27),
        "Nguồn cán bộ nữ cho các chức danh lãnh đạo, quản lý được chuẩn bị từ khâu quy hoạch.",
        "<p>Kế hoạch 347/KH-UBND yêu cầu cán bộ nữ chiếm ít nhất 40% trong diện quy hoạch các chức danh "
        "lãnh đạo, quản lý các cấp vào năm 2025, và 50% vào năm 2030.</p>"
        "<p>Ở địa bàn có đồng bào dân tộc thiểu số, đội ngũ lãnh đạo cần có người dân tộc thiểu số "
        "tương xứng với cơ cấu dân cư.</p>",
    ),
    (
        "dao-tao-boi-duong-75-phan-tram",
        "75% cán bộ nữ trong diện quy hoạch được đào tạo, bồi dưỡng vào năm 2025",
        datetime.date(2023, 11, 29),
        "Đào tạo, bồi dưỡng gắn với quy hoạch là giải pháp trọng tâm để tạo nguồn cán bộ nữ.",
        "<p>Kế hoạch đặt chỉ tiêu 75% cán bộ, công chức, viên chức nữ trong diện quy hoạch được đào tạo, "
        "tập huấn, nâng cao năng lực vào năm 2025 và 90% vào năm 2030.</p>"
        "<p>Các lớp bồi dưỡng kỹ năng lãnh đạo, quản lý được tổ chức trực tiếp và trực tuyến để cán bộ "
        "ở cấp xã cũng có thể tham gia.</p>",
    ),
    (
        "truyen-thong-trach-nhiem-nguoi-dung-dau",
        "Truyền thông về trách nhiệm của người đứng đầu trong công tác cán bộ nữ",
        datetime.date(2023, 12, 2),
        "Nâng cao nhận thức về bình đẳng giới bắt đầu từ cấp ủy và người đứng đầu cơ quan, đơn vị.",
        "<p>Một trong các nhiệm vụ của kế hoạch là đẩy mạnh truyền thông về bình đẳng giới, về vai trò "
        "và tiềm năng của phụ nữ, đồng thời đề cao trách nhiệm của cấp ủy, lãnh đạo cơ quan và nhất là "
        "người đứng đầu.</p><p>Kế hoạch cũng yêu cầu thanh tra, kiểm tra định kỳ việc thực hiện chính sách "
        "về cán bộ nữ và thống kê theo cơ sở dữ liệu quốc gia về cán bộ, công chức, viên chức.</p>",
    ),
]


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug, **fields):
    """Return the live child of `parent` with this slug, creating and publishing it once."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    return _publish(parent.add_child(instance=model(slug=slug, **fields)))


def load():
    """Create the demo page tree once and point the default site at its home page."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        # Wagtail's installer leaves a placeholder "Welcome" page; the home page replaces it.
        Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
        home = _publish(root.add_child(instance=HomePage(
            title="Phụ nữ tham gia lãnh đạo, quản lý", slug="trang-chu", locale=vi,
            intro="<p>Cổng thông tin về Chương trình tăng cường sự tham gia bình đẳng của phụ nữ "
            "trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai đoạn 2021–2030.</p>",
        )))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Phụ nữ lãnh đạo"},
    )
    news = _child(home, ArticleIndexPage, "tin-tuc", title="Tin tức", locale=vi)
    for slug, title, date, summary, body in ARTICLES:
        _child(news, ArticlePage, slug, title=title, date=date, summary=summary, body=body, locale=vi)
    _child(
        home, CampaignPage, "thang-hanh-dong-binh-dang-gioi-2026",
        title="Tháng hành động vì bình đẳng giới 2026", locale=vi,
        starts_on=datetime.date(2026, 11, 15), ends_on=datetime.date(2026, 12, 15),
        goals="<p>Lan tỏa thông điệp về vai trò lãnh đạo của phụ nữ; khuyến khích cán bộ nữ trong diện "
        "quy hoạch đăng ký các lớp bồi dưỡng.</p>",
    )
    return home
