"""Wagtail's search, which serves the admin (campaigns/i18n/search.py), folds Vietnamese the
same way as campaigns.text.fold, on both sides: the page explorer's search, the page chooser,
documents and autocomplete find "Đồng Xoài" from "dong xoai" and "Hoa hong" from "Hoà".
(The public site's search is cms/search.py: tests/cms/test_search.py.)"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, Locale, Page


def _document(title):
    document = Document(title=title, collection=Collection.get_first_root_node())
    document.file.save("tai-lieu.txt", ContentFile(b"demo"), save=False)
    document.save()
    return document


@pytest.fixture
def documents(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return {
        "xoai": _document("Báo cáo Phường Đồng Xoài"),
        "hoa": _document("Kế hoạch Hòa Bình"),
        "an": _document("Xã Bình An, huyện Bù Gia Mập"),
    }


@pytest.mark.parametrize("query, expected", [
    ("dong xoai", {"xoai"}),
    ("Đồng Xoài", {"xoai"}),
    ("ĐỒNG XOÀI", {"xoai"}),
    ("hoà", {"hoa"}),          # the other tone placement
    ("hòa bình", {"hoa"}),
    ("bu gia map", {"an"}),
])
def test_search_folds_index_and_query(documents, query, expected):
    found = {key for key, doc in documents.items() if doc in Document.objects.search(query)}
    assert found == expected


def test_a_phrase_folds_too(documents):
    from modelsearch.query import Phrase

    assert list(Document.objects.search(Phrase("phuong dong"))) == [documents["xoai"]]
    assert not Document.objects.search(Phrase("dong phuong")).count()


def test_autocomplete_folds_too(documents):
    assert list(Document.objects.autocomplete("dong xo")) == [documents["xoai"]]


@pytest.fixture
def pages(db):
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=vi))
    return {
        "binh": root.add_child(instance=Page(title="Bình đẳng giới trong lãnh đạo", slug="binh-dang", locale=vi)),
        "hoa": root.add_child(instance=Page(title="Hoa hong", slug="hoa-hong", locale=vi)),
        "khac": root.add_child(instance=Page(title="Đào tạo cán bộ nữ", slug="dao-tao", locale=vi)),
    }


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("qt", "qt@example.vn", "x"))
    return client


@pytest.mark.parametrize("query, found, not_found", [
    ("binh dang gioi", "Bình đẳng giới trong lãnh đạo", "Đào tạo cán bộ nữ"),
    ("LÃNH ĐẠO", "Bình đẳng giới trong lãnh đạo", "Hoa hong"),
    ("Hoà", "Hoa hong", "Bình đẳng giới"),  # marks in the query, none in the title
])
def test_admin_page_search_and_chooser_find_pages_without_marks(pages, admin_client, query, found, not_found):
    for url in ("/admin/pages/search/", "/admin/choose-page/search/"):
        response = admin_client.get(url, {"q": query})
        assert response.status_code == 200
        html = response.content.decode()
        assert found in html and not_found not in html, url


def test_page_queryset_search_folds(pages):
    assert list(Page.objects.search("dao tao can bo")) == [pages["khac"]]
