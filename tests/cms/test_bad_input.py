"""Bad input: uploads that are too large or not images are refused with a message and
stored nowhere; script payloads in any text field render as text, never as markup."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import ArticlePage, Author, Topic

from .conftest import make_article, make_image

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def png_bytes(size=(64, 64)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def test_oversized_image_upload_is_refused_with_a_message(officer_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    upload = SimpleUploadedFile("lon.png", png_bytes((800, 800)) + b"\0" * 2048, content_type="image/png")
    response = officer_client.post(reverse("wagtailimages:add"), {"title": "Ảnh lớn", "file": upload, "collection": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == 0


@pytest.mark.parametrize(("name", "content"), [
    ("tai-lieu.txt", b"khong phai anh"),
    ("gia-anh.png", b"<html>not a png</html>"),
    ("script.svg", b"<svg onload=alert(1)></svg>"),
])
def test_non_image_upload_is_refused_with_a_message(officer_client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = officer_client.post(reverse("wagtailimages:add"), {"title": "Không phải ảnh", "file": upload, "collection": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert get_image_model().objects.count() == 0


def test_valid_image_upload_is_accepted(officer_client):
    upload = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    response = officer_client.post(reverse("wagtailimages:add"), {"title": "Ảnh hợp lệ", "file": upload, "collection": 1})
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Ảnh hợp lệ").exists()


def test_script_payload_in_every_text_field_renders_escaped(site, client):
    topic = Topic.objects.create(name=f"Chủ đề {PAYLOAD}", slug="xss")
    author = Author.objects.create(name=f"Tác giả {PAYLOAD}", role=PAYLOAD)
    body = [
        ("heading", {"text": PAYLOAD, "level": "h2"}),
        ("quote", {"text": PAYLOAD, "attribution": PAYLOAD}),
        ("key_figure", {"value": "65%", "label": PAYLOAD, "source": PAYLOAD}),
        ("image", {"image": make_image(), "alt": PAYLOAD, "caption": PAYLOAD, "credit": PAYLOAD}),
        ("call_to_action", {"heading": PAYLOAD, "text": PAYLOAD, "label": PAYLOAD, "page": None, "course": None,
                            "url": "https://example.vn/"}),
    ]
    article = make_article(
        site["news"], title=f"Tiêu đề {PAYLOAD}", slug="xss", summary=PAYLOAD, topics=[topic], tags=[PAYLOAD[:90]],
        author=author, body=body, seo_title=PAYLOAD, search_description=PAYLOAD, hero_image=make_image(),
        hero_alt=PAYLOAD, hero_caption=PAYLOAD, listing_title=PAYLOAD, listing_summary=PAYLOAD,
    )
    related = make_article(site["news"], title="Liên quan", slug="lien-quan", topics=[topic])
    assert related.pk != article.pk
    for url in [article.url, "/", "/tin-tuc/", "/tin-tuc/?topic=xss", "/tim-kiem/?q=tieu+de", "/feeds/rss/", "/feeds/atom/",
                f"/tim-kiem/?q={PAYLOAD}", "/ban-tin/"]:
        html = client.get(url).content.decode()
        # Neither payload element appears as markup anywhere (inside JSON-LD, < is \u003C).
        assert "<script>alert" not in html and "<img src=x" not in html, url
    html = client.get(article.url).content.decode()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html
    # The JSON-LD block cannot be closed early by a title.
    ld = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "</script" not in ld and json.loads(ld)["headline"].startswith("Tiêu đề <script>")


def test_script_typed_into_the_rich_text_editor_is_stored_as_text(site, client, officer, topics):
    client.force_login(officer)
    contentstate = {"blocks": [{"key": "a1b2c", "type": "unstyled", "depth": 0, "text": PAYLOAD,
                                "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}
    data = nested_form_data({
        "title": "Bài có mã độc", "slug": "ma-doc", "summary": "Tóm tắt", "date": "27/11/2026", "author": "",
        "body": streamfield([("paragraph", json.dumps(contentstate))]), "topics": [], "tags": "",
        "hero_image": "", "hero_alt": "", "hero_caption": "", "seo_title": "", "search_description": "",
        "social_image": "", "listing_title": "", "listing_summary": "", "listing_image": "",
        "go_live_at": "", "expire_at": "", "comments": inline_formset([]),
    })
    response = client.post(reverse("wagtailadmin_pages:add", args=["cms", "articlepage", site["news"].pk]), data)
    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="ma-doc").get_latest_revision_as_object()
    source = page.body[0].value.source
    assert "<script>" not in source and "&lt;script&gt;" in source
    preview = page.body[0].render()
    assert "<script>alert" not in preview and "<img src=x" not in preview


# --- more bad input: every upload route, empty paragraphs, unknown topics, more text fields ---

BAD_UPLOADS = {
    "too large": ("lon.png", lambda: png_bytes((800, 800)) + b"\0" * 2048, "Tệp quá lớn"),
    "text file": ("tai-lieu.txt", lambda: b"khong phai anh", "Hãy tải lên một hình ảnh hợp lệ"),
    "html named png": ("gia-anh.png", lambda: b"<html>not a png</html>", "Không phải ảnh .png hợp lệ"),
    "svg with script": ("script.svg", lambda: b"<svg onload=alert(1)></svg>", "Hãy tải lên một hình ảnh hợp lệ"),
}


@pytest.mark.parametrize("route", ["library", "chooser"])
@pytest.mark.parametrize("kind", list(BAD_UPLOADS))
def test_bad_image_uploads_get_a_vietnamese_message_from_the_library_and_the_editor_chooser(
        officer_client, settings, route, kind):
    """The chooser's upload tab is how an officer adds an image while writing (the browser
    test uses it); both routes refuse the same files with the same messages."""
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    name, content, message = BAD_UPLOADS[kind]
    upload = SimpleUploadedFile(name, content(), content_type="image/png")
    if route == "library":
        response = officer_client.post(reverse("wagtailimages:add"), {"title": "Ảnh", "file": upload, "collection": 1})
        html = response.content.decode()
    else:
        response = officer_client.post(reverse("wagtailimages_chooser:create"), {
            "image-chooser-upload-title": "Ảnh", "image-chooser-upload-file": upload,
            "image-chooser-upload-collection": 1})
        assert response.json()["step"] == "reshow_creation_form"
        html = response.json()["htmlFragment"]
    assert response.status_code == 200 and message in html
    assert get_image_model().objects.count() == 0


def _article_form(site, paragraph_text, **extra):
    contentstate = {"blocks": [{"key": "k1", "type": "unstyled", "depth": 0, "text": paragraph_text,
                                "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}
    return nested_form_data({
        "title": "Bài có đoạn trống", "slug": "doan-trong", "summary": "Tóm tắt", "date": "27/11/2026", "author": "",
        "body": streamfield([("paragraph", json.dumps(contentstate))]), "topics": [], "tags": "",
        "hero_image": "", "hero_alt": "", "hero_caption": "", "seo_title": "", "search_description": "",
        "social_image": "", "listing_title": "", "listing_summary": "", "listing_image": "",
        "go_live_at": "", "expire_at": "", "comments": inline_formset([]), **extra,
    })


def test_an_empty_paragraph_is_refused_at_submission_and_may_stay_in_a_draft(site, client, officer):
    """Draftail sends an untouched paragraph as an empty block; accepted at submission, it came
    back to the approver as a "required" error they could not see the cause of."""
    client.force_login(officer)
    url = reverse("wagtailadmin_pages:add", args=["cms", "articlepage", site["news"].pk])
    response = client.post(url, _article_form(site, "   ", **{"action-submit": "1"}))
    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["body"]
    assert error.block_errors[0].messages == ["Đoạn văn đang trống: hãy nhập nội dung hoặc xóa khối này."]
    assert not ArticlePage.objects.filter(slug="doan-trong").exists()
    # A draft may hold unfinished work.
    assert client.post(url, _article_form(site, "")).status_code == 302
    draft = ArticlePage.objects.get(slug="doan-trong")
    assert not draft.live and draft.current_workflow_state is None


@pytest.mark.parametrize("topic", ["999999", "khong-phai-so"])
def test_subscribing_to_an_unknown_topic_gets_a_message_and_changes_nothing(site, client, topic):
    from django.core import mail

    from campaigns.newsletter.models import Subscriber

    response = client.post("/ban-tin/", {"email": "lan@example.vn", "topics": [topic]})
    assert response.status_code == 400
    assert "Chủ đề bạn chọn không còn trong danh sách. Vui lòng chọn lại." in response.content.decode()
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_script_payload_in_story_and_document_fields_renders_escaped(site, client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.rich_text import RichText

    from cms.models import StoryPage

    document = get_document_model().objects.create(
        title=f"Quyết định {PAYLOAD}", file=ContentFile(b"%PDF-1.4 thu", name="quyet-dinh.pdf"))
    story = StoryPage(
        title="Câu chuyện", slug="cau-chuyen", summary="Tóm tắt", leader_name=PAYLOAD, leader_position=PAYLOAD,
        leader_unit=PAYLOAD, leader_quote=PAYLOAD,
        body=[("paragraph", RichText("<p>Nội dung.</p>")),
              ("document", {"document": document, "label": ""}),
              ("document", {"document": document, "label": f"Tải {PAYLOAD}"})],
    )
    site["news"].add_child(instance=story)
    story.save_revision().publish()
    for url in (story.url, "/tin-tuc/", "/tim-kiem/?q=cau+chuyen"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html, url
    html = client.get(story.url).content.decode()
    assert html.count("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;") >= 6  # 4 fields, 2 links


def test_script_payload_in_article_fields_is_escaped_in_the_digest_email(site):
    from django.core import mail
    from django.utils import timezone

    from campaigns.newsletter import services
    from campaigns.newsletter.models import Subscriber, SubscriberStatus
    from campaigns.notifications.services.dispatch import run_dispatcher

    earlier = timezone.now() - timezone.timedelta(days=1)
    Subscriber.objects.create(email="lan@example.vn", status=SubscriberStatus.CONFIRMED, confirmed_at=earlier,
                              digest_watermark=earlier)
    make_article(site["news"], title=f"Tiêu đề {PAYLOAD}", slug="xss-thu", summary=f"Tóm tắt {PAYLOAD}")
    mail.outbox.clear()
    services.send_digests()
    run_dispatcher()  # the digest may go through the notifications ledger
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
