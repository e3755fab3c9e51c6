"""All text input arrives in NFC: the middleware normalises query strings, form fields,
uploaded file names and JSON bodies before any form, admin screen or API sees them."""

import json
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import JsonResponse
from django.test import RequestFactory

from campaigns.i18n.middleware import NFCMiddleware

NAME = "Nguyễn Thị Hoà — Ủy ban xã Đắk Ơ"
NFD = unicodedata.normalize("NFD", NAME)


def _echo(request):
    return JsonResponse({
        "get": request.GET.get("q"),
        "post": request.POST.get("name"),
        "files": [f.name for f in request.FILES.values()],
        "body": json.loads(request.body) if request.content_type == "application/json" else None,
    })


def _run(request):
    return json.loads(NFCMiddleware(_echo)(request).content)


def test_query_string_is_normalised():
    assert NFD != NAME
    assert _run(RequestFactory().get("/", {"q": NFD}))["get"] == NAME


def test_form_fields_and_file_names_are_normalised():
    upload = SimpleUploadedFile(unicodedata.normalize("NFD", "Báo cáo quý.pdf"), b"%PDF-1.4")
    result = _run(RequestFactory().post("/", {"name": NFD, "file": upload}))
    assert result["post"] == NAME
    assert result["files"] == ["Báo cáo quý.pdf"]


def test_json_body_is_normalised():
    request = RequestFactory().post("/", json.dumps({"name": NFD, "nested": [NFD]}, ensure_ascii=False),
                                    content_type="application/json")
    assert _run(request)["body"] == {"name": NAME, "nested": [NAME]}


def test_malformed_body_is_left_for_the_view_to_refuse():
    request = RequestFactory().post("/", b"\xff\xfe not utf-8", content_type="application/json")
    response = NFCMiddleware(lambda r: JsonResponse({"raw": len(r.body)}))(request)
    assert json.loads(response.content) == {"raw": 12}


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="qt", email="qt@example.vn", password="x")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_wagtail_admin_stores_nfc_from_a_decomposed_form(admin_client):
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    response = admin_client.post("/admin/collections/add/", {"name": NFD, "parent": root.pk})
    assert response.status_code == 302, response.content[:500]
    assert Collection.objects.filter(name=NAME).exists()


@pytest.mark.django_db
def test_uploaded_document_title_and_file_name_are_nfc(admin_client, settings, tmp_path):
    from wagtail.documents.models import Document
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile(unicodedata.normalize("NFD", "Kế hoạch 347.pdf"), b"%PDF-1.4 demo")
    response = admin_client.post("/admin/documents/add/", {
        "title": unicodedata.normalize("NFD", "Kế hoạch 347/KH-UBND"), "file": upload,
        "collection": Collection.get_first_root_node().pk,
    })
    assert response.status_code == 302, response.content[:500]
    document = Document.objects.get()
    assert document.title == "Kế hoạch 347/KH-UBND"
    assert unicodedata.is_normalized("NFC", document.file.name)
