"""Wagtail search (site and admin) folds Vietnamese the same way as campaigns.text.fold."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection, Page

from campaigns.i18n.search import fold_query


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
    ("an", {"an"}),           # a Vietnamese syllable, not an English stop word
    ("bu gia map", {"an"}),
])
def test_search_folds_index_and_query(documents, query, expected):
    found = {key for key, doc in documents.items() if doc in Document.objects.search(query)}
    assert found == expected


def test_autocomplete_folds_too(documents):
    assert documents["xoai"] in Document.objects.autocomplete("dong xo")


@pytest.mark.django_db
def test_admin_page_search_finds_vietnamese_without_marks(client, django_user_model):
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    client.force_login(django_user_model.objects.create_superuser("qt", "qt@example.vn", "x"))
    response = client.get("/admin/pages/search/", {"q": "muc tieu 2030"})
    assert response.status_code == 200
    assert "mục tiêu 65% cơ quan" in response.content.decode()
    assert Page.objects.search("binh dang gioi").count() >= 1


def test_fold_query_handles_query_objects():
    from modelsearch.query import And, Phrase, PlainText

    folded = fold_query(And([PlainText("Đồng Nai"), Phrase("Hòa Bình")]))
    assert [q.query_string for q in folded.subqueries] == ["dong nai", "hoa binh"]
