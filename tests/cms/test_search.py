"""Search ignores Vietnamese diacritics in both directions, ranks, paginates, highlights,
and covers articles, stories, campaigns, legal documents and training courses."""

import datetime
import unicodedata

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from campaigns.training.models import Course
from cms import search
from cms.models import CampaignPage, DocumentLibraryPage, LegalDocumentPage, SearchEntry, StoryPage

from .conftest import make_article, publish


def results(client, query, page=None):
    params = {"q": query} if page is None else {"q": query, "page": page}
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("stored", "query"), [
    ("Phụ nữ tham gia lãnh đạo", "phu nu"),
    ("Sáp nhập vào Đồng Nai", "dong nai"),
    ("Bình đẳng giới và hoà nhập", "hòa nhập"),
    ("Bình đẳng giới và hòa nhập", "hoà nhập"),
    ("Hoa hong", "Hoà"),
    ("Quy hoạch cán bộ nữ", "QUY HOẠCH"),
])
def test_search_is_accent_insensitive_both_ways(site, client, stored, query):
    make_article(site["news"], title=stored, slug="bai-tim")
    assert "/tin-tuc/bai-tim/" in results(client, query)


def test_decomposed_input_is_normalised_to_nfc(site, client):
    make_article(site["news"], title="Phụ nữ lãnh đạo", slug="bai-nfc")
    decomposed = unicodedata.normalize("NFD", "phụ nữ")
    assert decomposed != "phụ nữ"
    html = results(client, decomposed)
    assert "/tin-tuc/bai-nfc/" in html and 'value="phụ nữ"' in html


def test_every_word_must_match_and_partial_words_do_not(site, client):
    make_article(site["news"], title="Phụ nữ lãnh đạo", slug="a")
    make_article(site["news"], title="Nước sạch nông thôn", slug="b", body=[])
    assert "/tin-tuc/a/" in results(client, "phu nu") and "/tin-tuc/b/" not in results(client, "phu nu")
    assert "/tin-tuc/a/" not in results(client, "phu nu nong thon")
    assert "/tin-tuc/b/" not in results(client, "nuo")


def test_title_matches_rank_before_body_matches(site, client):
    make_article(site["news"], title="Tin tức tổng hợp", slug="body-only", summary="Tóm tắt",
                 body=[("paragraph", RichText("<p>quy hoạch</p>"))])
    make_article(site["news"], title="Quy hoạch cán bộ nữ", slug="in-title")
    html = results(client, "quy hoach")
    assert html.index("/tin-tuc/in-title/") < html.index("/tin-tuc/body-only/")


def test_matched_words_are_highlighted_and_escaped(site, client):
    make_article(site["news"], title="Phụ nữ <b>lãnh đạo</b>", slug="hl")
    html = results(client, "lanh dao")
    assert "<mark>lãnh</mark> <mark>đạo</mark>" in html
    assert "&lt;b&gt;" in html and "<b><mark>" not in html


def test_results_are_paginated(site, client):
    for number in range(13):
        make_article(site["news"], title=f"Cán bộ nữ số {number}", slug=f"n{number}")
    first, second = results(client, "can bo nu"), results(client, "can bo nu", page=2)
    assert first.count('class="search-result"') == 10 and second.count('class="search-result"') == 3
    assert "13 kết quả" in first and "q=can%20bo%20nu&amp;page=2" in first


def test_stories_campaigns_documents_and_courses_are_searchable(site, client):
    publish(site["news"].add_child(instance=StoryPage(
        title="Nữ bí thư xã", slug="chuyen", summary="Chuyện", body=[], leader_name="Điểu Thị Hạnh",
        leader_position="Bí thư")))
    publish(site["home"].add_child(instance=CampaignPage(
        title="Tháng hành động vì bình đẳng giới", slug="thang", starts_on=datetime.date(2026, 11, 15),
        ends_on=datetime.date(2026, 12, 15))))
    library = publish(site["home"].add_child(instance=DocumentLibraryPage(title="Văn bản", slug="van-ban")))
    document = get_document_model()(title="KH 347")
    document.file.save("kh.pdf", ContentFile(b"%PDF-1.4"), save=True)
    publish(library.add_child(instance=LegalDocumentPage(
        title="Kế hoạch thực hiện chương trình", slug="kh-347", number="347/KH-UBND", issuing_body="UBND tỉnh Bình Phước",
        date_signed=datetime.date(2023, 11, 21), summary="Trích yếu", document=document)))
    Course.objects.create(title="Bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ", slug="boi-duong", objectives="Nâng cao năng lực")

    assert "/tin-tuc/chuyen/" in results(client, "dieu thi hanh")
    assert "/thang/" in results(client, "binh dang gioi")
    assert "/van-ban/kh-347/" in results(client, "binh phuoc")
    html = results(client, "boi duong ky nang")
    assert "<mark>Bồi</mark> <mark>dưỡng</mark>" in html and "Khóa học" in html


def test_a_course_found_by_search_is_a_link_to_its_page_with_the_open_runs(site, client):
    from bs4 import BeautifulSoup

    from tests.campaigns.training.factories import run_with_sessions

    run = run_with_sessions(capacity=5)
    run.course.title = "Kỹ năng ra quyết định cho cán bộ nữ"
    run.course.save()
    page = BeautifulSoup(results(client, "ra quyet dinh"), "html.parser")
    link = page.select_one(".search-result h2 a")
    assert link is not None and link["href"] == f"/dao-tao/khoa-hoc/{run.course.slug}/"
    course_page = BeautifulSoup(client.get(link["href"]).content.decode(), "html.parser")
    run_link = course_page.select_one(f"a[href='/dao-tao/lop/{run.pk}/']")
    assert run_link is not None and "5/5 chỗ" in course_page.get_text()


def test_unpublished_pages_leave_the_index(site, client):
    article = make_article(site["news"], title="Sắp gỡ xuống", slug="go")
    assert SearchEntry.objects.filter(page_id=article.pk).exists()
    article.unpublish()
    assert not SearchEntry.objects.filter(page_id=article.pk).exists()
    assert "/tin-tuc/go/" not in results(client, "sap go")


def test_empty_or_symbol_only_query_gives_no_results_and_no_error(site, client):
    make_article(site["news"], title="Bài", slug="x")
    for query in ["", "   ", "%%%", "' OR 1=1 --", "a" * 5000]:
        assert 'class="search-result"' not in results(client, query)


def test_rebuild_index_covers_every_live_page_and_course(site):
    make_article(site["news"], title="Một", slug="mot")
    make_article(site["news"], title="Nháp", slug="nhap", live=False)
    Course.objects.create(title="Khóa A", slug="a")
    assert search.rebuild_index() == 2
