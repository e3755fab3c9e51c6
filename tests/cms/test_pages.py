"""Page types: where each may live, the rules their fields enforce, and how they render."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.rich_text import RichText

from campaigns.training.models import Course
from cms.blocks import CallToActionBlock
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    CampaignPage,
    DocumentLibraryPage,
    HomePage,
    LegalDocumentPage,
    StandardPage,
    StoryPage,
)

from .conftest import make_article, make_image, publish


def test_each_page_type_declares_where_it_may_live(db):
    assert ArticleIndexPage.allowed_parent_page_models() == [HomePage]
    assert set(ArticleIndexPage.allowed_subpage_models()) == {ArticlePage, StoryPage}
    assert ArticlePage.allowed_subpage_models() == [] and StoryPage.allowed_subpage_models() == []
    assert set(HomePage.allowed_subpage_models()) == {ArticleIndexPage, CampaignPage, DocumentLibraryPage, StandardPage}
    assert LegalDocumentPage.allowed_parent_page_models() == [DocumentLibraryPage]
    assert CampaignPage.allowed_parent_page_models() == [HomePage]
    assert not ArticlePage.can_create_at(HomePage())


def test_hero_image_without_alt_text_is_refused(site):
    article = ArticlePage(title="Bài", slug="bai", summary="Tóm tắt", body=[], hero_image=make_image(), hero_alt=" ")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "hero_alt" in error.value.message_dict
    assert "mô tả cho ảnh đầu trang" in error.value.message_dict["hero_alt"][0]


def test_campaign_ending_before_it_starts_is_refused(site):
    import datetime

    campaign = CampaignPage(title="Chiến dịch", slug="cd", starts_on=datetime.date(2026, 12, 1),
                            ends_on=datetime.date(2026, 11, 1))
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "ends_on" in error.value.message_dict


def _cta(**targets):
    value = {"heading": "", "text": "", "label": "Đăng ký", "page": None, "course": None, "url": "", **targets}
    block = CallToActionBlock()
    return block.clean(block.to_python({**value, "page": value["page"].pk if value["page"] else None,
                                        "course": str(value["course"].pk) if value["course"] else ""}))


@pytest.mark.parametrize("targets", ["none", "two"])
def test_call_to_action_needs_exactly_one_target(site, targets):
    course = Course.objects.create(title="Kỹ năng lãnh đạo", slug="ky-nang")
    chosen = {} if targets == "none" else {"page": site["news"], "course": course}
    with pytest.raises(blocks.StructBlockValidationError) as error:
        _cta(**chosen)
    assert "đúng một đích đến" in str(error.value.block_errors["url"])


@pytest.mark.parametrize("target", ["page", "course", "url"])
def test_call_to_action_with_one_target_links_to_it(site, target):
    from cms.blocks import call_to_action_href

    course = Course.objects.create(title="Kỹ năng lãnh đạo", slug="ky-nang")
    values = {"page": site["news"], "course": course, "url": "https://example.vn/dang-ky"}
    cleaned = _cta(**{target: values[target]})
    href = call_to_action_href(cleaned)
    if target == "page":
        assert href == "/tin-tuc/"
    elif target == "url":
        assert href == "https://example.vn/dang-ky"
    else:
        assert cleaned["course"] == course


def test_article_shows_topics_tags_author_and_reading_time(site, topics, client):
    from cms.models import Author

    author = Author.objects.create(name="Nguyễn Thị Lan")
    words = " ".join(["chữ"] * 450)
    article = make_article(site["news"], title="Phụ nữ và lãnh đạo", topics=[topics["lanh-dao"]], tags=["quy hoạch"],
                           author=author, body=[("paragraph", RichText(f"<p>{words}</p>"))])
    assert article.reading_time == 3
    html = client.get(article.url).content.decode()
    assert "Nguyễn Thị Lan" in html and "quy hoạch" in html and "3 phút đọc" in html
    assert 'href="/tin-tuc/?topic=lanh-dao"' in html


def test_article_index_paginates_and_filters_by_topic(site, topics, client):
    for number in range(14):
        make_article(site["news"], title=f"Bài số {number}", topics=[topics["dao-tao"]] if number < 3 else [])
    first = client.get("/tin-tuc/").content.decode()
    assert first.count('class="card"') == 12 and "Trang 1 / 2" in first
    second = client.get("/tin-tuc/?page=2").content.decode()
    assert second.count('class="card"') == 2
    assert client.get("/tin-tuc/?page=abc").status_code == 200
    filtered = client.get("/tin-tuc/?topic=dao-tao").content.decode()
    assert filtered.count('class="card"') == 3 and "Đào tạo" in filtered
    assert client.get("/tin-tuc/?topic=khong-co").content.decode().count('class="card"') == 0


def test_images_are_served_as_webp_renditions_with_srcset(site, client):
    article = make_article(site["news"], title="Có ảnh", hero_image=make_image(), hero_alt="Hội nghị cán bộ nữ")
    html = client.get(article.url).content.decode()
    assert 'srcset="' in html and ".format-webp.webp 480w" in html and 'alt="Hội nghị cán bộ nữ"' in html
    assert 'sizes="' in html


def test_pages_have_landmarks_skip_link_and_ordered_headings(site, topics, client):
    import re

    article = make_article(site["news"], title="Cấu trúc trang", topics=[topics["lanh-dao"]], body=[
        ("heading", {"text": "Mục một", "level": "h2"}), ("heading", {"text": "Mục con", "level": "h3"}),
    ])
    make_article(site["news"], title="Liên quan", topics=[topics["lanh-dao"]])
    for url in ["/", "/tin-tuc/", article.url, "/tim-kiem/?q=lanh+dao", "/ban-tin/"]:
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html and "<header" in html and "<footer" in html and "<nav" in html, url
        levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
        assert levels[0] == 1 and levels.count(1) == 1, url
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)
        assert 'for="site-search-q"' in html, url
        # Every asset is served by the site itself.
        assert not re.search(r'(src|srcset)="(https?:)?//', html), url
        assert not re.search(r'<link rel="(stylesheet|preload|icon)"[^>]*href="(https?:)?//', html), url


def test_standard_page_and_document_library_render(site, client):
    import datetime

    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    standard = publish(site["home"].add_child(instance=StandardPage(title="Giới thiệu", slug="gioi-thieu", body=[])))
    library = publish(site["home"].add_child(instance=DocumentLibraryPage(title="Văn bản", slug="van-ban")))
    document = get_document_model()(title="347/KH-UBND")
    document.file.save("kh347.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    for number, status in [("347/KH-UBND", "in_force"), ("12/KH-UBND", "superseded")]:
        publish(library.add_child(instance=LegalDocumentPage(
            title=f"Kế hoạch {number}", slug=number.split("/")[0], number=number, issuing_body="UBND tỉnh",
            date_signed=datetime.date(2023, 11, 21), status=status, summary="Trích yếu", document=document)))
    assert client.get(standard.url).status_code == 200
    listing = client.get("/van-ban/").content.decode()
    assert "347/KH-UBND" in listing and "12/KH-UBND" in listing
    in_force = client.get("/van-ban/?status=in_force").content.decode()
    assert "347/KH-UBND" in in_force and "12/KH-UBND" not in in_force


def test_campaign_page_lists_its_courses_and_related_articles(site, client):
    import datetime

    from cms.models import CampaignRelatedArticle

    article = make_article(site["news"], title="Bài liên quan chiến dịch")
    course = Course.objects.create(title="Bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ", slug="boi-duong", hours=16)
    campaign = CampaignPage(title="Tháng hành động", slug="thang-hanh-dong", starts_on=datetime.date(2026, 11, 15),
                            ends_on=datetime.date(2026, 12, 15), key_messages=[("message", "Bình đẳng giới")])
    campaign.courses = [course]
    campaign.related_article_links = [CampaignRelatedArticle(page=article)]
    publish(site["home"].add_child(instance=campaign))
    html = client.get("/thang-hanh-dong/").content.decode()
    assert "Bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ" in html and "Bài liên quan chiến dịch" in html
    assert "15/11/2026" in html and "Bình đẳng giới" in html


def test_campaign_indicator_block_shows_live_public_indicators(site, client):
    import datetime

    from campaigns.programme.models import OrganisationUnit

    OrganisationUnit.add_root(code="T1", name="Tỉnh Thử", level="province", unit_type="committee",
                              valid_from=datetime.date(2025, 7, 1))
    campaign = CampaignPage(title="Chiến dịch chỉ tiêu", slug="chi-tieu", starts_on=datetime.date(2026, 11, 15),
                            ends_on=datetime.date(2026, 12, 15),
                            body=[("indicator_progress", {"heading": "", "unit": "T1", "indicators": ["pool_women"]})])
    publish(site["home"].add_child(instance=campaign))
    html = client.get("/chi-tieu/").content.decode()
    assert "Tiến độ thực hiện chỉ tiêu – Tỉnh Thử" in html and "Số liệu tính đến ngày" in html
    assert "Nữ trong quy hoạch lãnh đạo" in html
    assert "Cơ quan có lãnh đạo chủ chốt là nữ" not in html


def test_indicator_block_reads_its_unit_without_listing_the_units(site):
    """The stored unit code is the block's value as it is: reading a page's body asks the
    database nothing about units (Wagtail's ChoiceBlock would list them all)."""
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from campaigns.programme.models import OrganisationUnit

    OrganisationUnit.add_root(code="T1", name="Tỉnh Thử", level="province", unit_type="committee",
                              valid_from=datetime.date(2025, 7, 1))
    campaign = CampaignPage(title="Chiến dịch đơn vị", slug="don-vi", starts_on=datetime.date(2026, 11, 15),
                            ends_on=datetime.date(2026, 12, 15),
                            body=[("indicator_progress", {"heading": "", "unit": "T1", "indicators": []})])
    publish(site["home"].add_child(instance=campaign))
    with CaptureQueriesContext(connection) as queries:
        value = CampaignPage.objects.get(pk=campaign.pk).body[0].value
    assert value["unit"] == "T1"
    assert not [q for q in queries if "programme_organisationunit" in q["sql"]]
    block = value.block.child_blocks["unit"]
    assert block.clean("T1") == "T1" and ("T1", "Tỉnh Thử") in block.field.choices
