"""The demo site: a Vietnamese home page with an English translation, news and stories
written from the facts of Plan 347/KH-UBND, the 2026 Action Month for Gender Equality
campaign page with its courses, and a library of the programme's legal documents.
Rerunnable: every object is found by a natural key (slug, title, name) before it is made."""

import datetime
import io
import pathlib
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from campaigns.accounts import role_setup
from campaigns.text import fold
from campaigns.training.models import Course
from cms import search
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    Author,
    CampaignPage,
    CampaignRelatedArticle,
    DocumentLibraryPage,
    HomePage,
    LegalDocumentPage,
    StandardPage,
    StoryPage,
    Topic,
)

TOPICS = [
    ("lanh-dao-nu", "Lãnh đạo nữ", "Women leaders"),
    ("quy-hoach-can-bo", "Quy hoạch cán bộ", "Leadership planning"),
    ("dao-tao-boi-duong", "Đào tạo, bồi dưỡng", "Training"),
    ("binh-dang-gioi", "Bình đẳng giới", "Gender equality"),
]

AUTHORS = [
    ("Ban biên tập", "Sở Nội vụ tỉnh Đồng Nai"),
    ("Nguyễn Thị Lan", "Phòng Công chức, viên chức – Sở Nội vụ"),
]
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


# slug -> (topic slugs, tags, key figure)
ARTICLE_EXTRAS = {
    "ke-hoach-347-muc-tieu-den-2030": (["lanh-dao-nu", "binh-dang-gioi"], ["Kế hoạch 347"], ("65%", "cơ quan có lãnh đạo chủ chốt là nữ vào năm 2030")),
    "quy-hoach-can-bo-nu-40-phan-tram": (["quy-hoach-can-bo"], ["quy hoạch"], ("40%", "cán bộ nữ trong diện quy hoạch từ năm 2025")),
    "dao-tao-boi-duong-75-phan-tram": (["dao-tao-boi-duong", "quy-hoach-can-bo"], ["đào tạo"], ("75%", "cán bộ nữ trong diện quy hoạch được đào tạo, bồi dưỡng vào năm 2025")),
    "truyen-thong-trach-nhiem-nguoi-dung-dau": (["binh-dang-gioi"], ["truyền thông"], None),
}

DOCUMENTS = [
    ("quyet-dinh-2282-qd-ttg", "Quyết định phê duyệt Chương trình tăng cường sự tham gia bình đẳng của phụ nữ trong lãnh đạo, quản lý giai đoạn 2021–2030",
     "2282/QĐ-TTg", "Thủ tướng Chính phủ", datetime.date(2020, 12, 31),
     "Phê duyệt Chương trình “Tăng cường sự tham gia bình đẳng của phụ nữ trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai đoạn 2021–2030”."),
    ("ke-hoach-347-kh-ubnd", "Kế hoạch thực hiện Chương trình tăng cường sự tham gia bình đẳng của phụ nữ tỉnh Bình Phước giai đoạn 2023–2030",
     "347/KH-UBND", "Ủy ban nhân dân tỉnh Bình Phước", datetime.date(2023, 11, 21),
     "Cụ thể hóa Quyết định 2282/QĐ-TTg tại tỉnh Bình Phước (nay thuộc tỉnh Đồng Nai): mục tiêu, nhiệm vụ, giải pháp và phân công thực hiện."),
]


ARTICLE_DRAWINGS = ["chi-tieu-2030", "quy-hoach-can-bo-nu", "lop-boi-duong", "truyen-thong-binh-dang-gioi"]


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug, **fields):
    """Return the child of `parent` with this slug, creating and publishing it once."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    return _publish(parent.add_child(instance=model(slug=slug, **fields)))


ILLUSTRATIONS = pathlib.Path(__file__).parent / "illustrations"


def _is_plain_colour(image):
    """True for the flat colour fields earlier versions of the demo made as images."""
    from PIL import Image as PILImage

    try:
        with image.open_file() as handle, PILImage.open(handle) as picture:
            return all(low == high for low, high in picture.convert("RGB").getextrema())
    except (OSError, ValueError):
        return False


def _image(title, drawing):
    """A demo illustration (demo/illustrations/<drawing>.jpg, CC0, our own), found
    by title on reruns; an image left from an older demo as a flat colour field takes the
    drawing instead (an image an editor replaced is kept)."""
    Image = get_image_model()
    content = (ILLUSTRATIONS / f"{drawing}.jpg").read_bytes()
    existing = Image.objects.filter(title=title).first()
    if existing is not None and not _is_plain_colour(existing):
        return existing
    file = ImageFile(io.BytesIO(content), name=f"{slugify(fold(title))}.jpg")
    if existing is None:
        return Image.objects.create(title=title, file=file)
    existing.renditions.all().delete()
    existing.file, existing.file_size, existing.file_hash = file, None, ""  # size and hash are read again lazily
    existing.save()
    return existing


def _give_hero(page, title, drawing, alt):
    """Give a demo page made before it had an illustration its hero image (once)."""
    page = page.specific
    if page.hero_image_id is None:
        page.hero_image, page.hero_alt = _image(title, drawing), alt
        _publish(page)


def _pdf(title, number):
    """A one-page PDF standing in for the scanned document, found by title on reruns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    Document = get_document_model()
    existing = Document.objects.filter(title=number).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawString(72, 770, number)
    pdf.drawString(72, 750, "Demo")
    pdf.save()
    document = Document(title=number)
    document.file.save(f"{number.replace('/', '-')}.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def _site_root():
    """The tree root and the two locales (a flushed test database has neither)."""
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Trang gốc", slug="root", locale=vi))
    return root, vi, en


def _translate(page, en, **fields):
    """The English translation of `page`, created and published once."""
    existing = page.get_translation_or_none(en)
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(en)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return _publish(translation)


def _refresh_illustrations():
    """Images an older demo made as flat colour fields take their drawings."""
    known = {"Ảnh đầu trang – hội nghị cán bộ nữ": "hoi-nghi-can-bo-nu"}
    known.update({f"Ảnh minh họa {number + 1}": drawing for number, drawing in enumerate(ARTICLE_DRAWINGS)})
    for title in get_image_model().objects.filter(title__in=known).values_list("title", flat=True):
        _image(title, known[title])


def load():
    """Create the demo content once and point the default site at its home page."""
    root, vi, en = _site_root()
    _refresh_illustrations()
    home = HomePage.objects.filter(locale=vi).first()
    if home is None:
        # Wagtail's installer leaves a placeholder "Welcome" page; the home page replaces it.
        Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
        home = _publish(root.add_child(instance=HomePage(
            title="Phụ nữ tham gia lãnh đạo, quản lý", slug="trang-chu", locale=vi,
            intro="<p>Cổng thông tin về Chương trình tăng cường sự tham gia bình đẳng của phụ nữ "
            "trong các vị trí lãnh đạo và quản lý ở các cấp hoạch định chính sách giai đoạn 2021–2030.</p>",
            hero_image=_image("Ảnh đầu trang – hội nghị cán bộ nữ", "hoi-nghi-can-bo-nu"),
            hero_alt="Hội nghị cán bộ nữ của tỉnh",
        )))
    url = urlsplit(settings.SITE_URL)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": url.hostname or "localhost", "port": url.port or (443 if url.scheme == "https" else 80), "root_page": home,
                  "site_name": "Phụ nữ lãnh đạo"},
    )
    topics = {}
    for slug, name, name_en in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})
    authors = [Author.objects.get_or_create(name=name, defaults={"role": role})[0] for name, role in AUTHORS]

    news = _child(home, ArticleIndexPage, "tin-tuc", title="Tin tức", locale=vi, show_in_menus=True)
    articles = []
    for number, (slug, title, date, summary, body) in enumerate(ARTICLES):
        topic_slugs, tags, figure = ARTICLE_EXTRAS[slug]
        blocks = [("paragraph", RichText(body))]
        if figure:
            blocks.insert(0, ("key_figure", {"value": figure[0], "label": figure[1], "source": "Kế hoạch 347/KH-UBND"}))
        article = ArticlePage.objects.child_of(news).filter(slug=slug).first()
        if article is None:
            article = ArticlePage(
                slug=slug, title=title, date=date, summary=summary, body=blocks, locale=vi,
                author=authors[number % 2], hero_alt="Ảnh minh họa: " + title,
                hero_image=_image(f"Ảnh minh họa {number + 1}", ARTICLE_DRAWINGS[number]),
            )
            article.topics = [topics[t] for t in topic_slugs]
            article.tags.add(*tags)
            _publish(news.add_child(instance=article))
        articles.append(article)
    story = StoryPage.objects.child_of(news).filter(slug="nu-bi-thu-xa-dau-tien").first()
    if story is None:
        story = StoryPage(
            slug="nu-bi-thu-xa-dau-tien", title="Từ cán bộ đoàn đến nữ bí thư đảng ủy xã", locale=vi,
            date=datetime.date(2024, 3, 8), author=authors[1],
            summary="Câu chuyện của một nữ cán bộ người S'tiêng trưởng thành từ phong trào thanh niên ở cơ sở.",
            leader_name="Điểu Thị Hạnh", leader_position="Bí thư Đảng ủy xã", leader_unit="Xã Bình Minh, tỉnh Đồng Nai",
            leader_quote="Phụ nữ làm lãnh đạo cần được tin tưởng giao việc khó ngay từ đầu.",
            body=[("paragraph", RichText("<p>Chị bắt đầu công tác từ vị trí bí thư chi đoàn thôn, được đưa vào diện "
                                         "quy hoạch và tham gia lớp bồi dưỡng kỹ năng lãnh đạo dành cho cán bộ nữ.</p>"))],
        )
        story.topics = [topics["lanh-dao-nu"]]
        _publish(news.add_child(instance=story))
    _give_hero(story, "Chân dung minh họa – nữ bí thư xã", "nu-lanh-dao-xa", "Minh họa: một nữ cán bộ lãnh đạo xã trước ngôi nhà văn hóa")

    campaign = CampaignPage.objects.child_of(home).filter(slug="thang-hanh-dong-binh-dang-gioi-2026").first()
    if campaign is None:
        campaign = CampaignPage(
            slug="thang-hanh-dong-binh-dang-gioi-2026", title="Tháng hành động vì bình đẳng giới 2026", locale=vi,
            starts_on=datetime.date(2026, 11, 15), ends_on=datetime.date(2026, 12, 15),
            summary="Chuỗi hoạt động truyền thông từ 15/11 đến 15/12 về vai trò lãnh đạo của phụ nữ.",
            goals="<p>Lan tỏa thông điệp về vai trò lãnh đạo của phụ nữ; khuyến khích cán bộ nữ trong diện "
            "quy hoạch đăng ký các lớp bồi dưỡng.</p>",
            key_messages=[("message", "Bình đẳng giới trong lãnh đạo là trách nhiệm của người đứng đầu."),
                          ("message", "Đầu tư cho cán bộ nữ là đầu tư cho chất lượng quản trị.")],
            body=[("call_to_action", {"heading": "Đăng ký lớp bồi dưỡng", "text": "Dành cho cán bộ nữ trong diện quy hoạch.",
                                      "label": "Xem các bài viết về đào tạo", "page": news, "course": None, "url": ""}),
                  ("indicator_progress", {"heading": "Tiến độ chỉ tiêu của tỉnh", "unit": "DN", "indicators": []})],
            show_in_menus=True,
        )
        campaign.related_article_links = [CampaignRelatedArticle(page=a) for a in articles[:2]]
        campaign.courses = list(Course.objects.order_by("pk")[:3])
        _publish(home.add_child(instance=campaign))
    _give_hero(campaign, "Minh họa – Tháng hành động vì bình đẳng giới", "thang-hanh-dong",
               "Minh họa: dải ruy băng tím và lịch tháng hành động từ 15/11 đến 15/12")
    if not home.specific.body:
        # The programme's progress on the home page (the public indicator block).
        home = home.specific
        home.body = [("indicator_progress", {"heading": "Tiến độ thực hiện chỉ tiêu của tỉnh", "unit": "DN", "indicators": []})]
        _publish(home)

    library = _child(home, DocumentLibraryPage, "van-ban", title="Văn bản", locale=vi, show_in_menus=True,
                     intro="Văn bản chỉ đạo của Trung ương và của tỉnh về công tác cán bộ nữ.")
    for slug, title, number, body, signed, summary in DOCUMENTS:
        if not LegalDocumentPage.objects.child_of(library).filter(slug=slug).exists():
            document = LegalDocumentPage(slug=slug, title=title, number=number, issuing_body=body, date_signed=signed,
                                         summary=summary, document=_pdf(title, number), locale=vi)
            document.topics = [topics["binh-dang-gioi"]]
            _publish(library.add_child(instance=document))
    _child(home, StandardPage, "gioi-thieu", title="Giới thiệu chương trình", locale=vi, show_in_menus=True,
           intro="Mục tiêu và nhiệm vụ của chương trình giai đoạn 2021–2030.",
           body=[("paragraph", RichText("<p>Chương trình do Thủ tướng Chính phủ phê duyệt tại Quyết định 2282/QĐ-TTg "
                                        "ngày 31/12/2020 và được tỉnh cụ thể hóa bằng Kế hoạch 347/KH-UBND.</p>"))])

    # English: the home page, the news index and the first article.
    _translate(home, en, title="Women in leadership and management", slug="home",
               intro="<p>The portal of the programme for women's equal participation in leadership and "
               "management, 2021–2030.</p>", hero_alt="A conference of women officials")
    en_news = _translate(news, en, title="News", slug="news")
    _translate(articles[0].specific, en, title="Binh Phuoc aims for 65% of agencies with a woman key leader by 2030",
               slug="plan-347-targets-2030", hero_alt="Illustration",
               summary="Plan 347/KH-UBND of 21/11/2023 sets the province's targets for women in leadership to 2030.")
    assert en_news.locale == en

    role_setup.setup_roles()
    search.rebuild_index()
    return home
