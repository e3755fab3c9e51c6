"""Every StreamField block of the site, in one module, grouped the way editors look for them:
text, media, figures and links. Page bodies use BODY_BLOCKS; templates are under
templates/blocks/."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT = _("Văn bản")
MEDIA = _("Hình ảnh và đa phương tiện")
FIGURES = _("Số liệu")
LINKS = _("Liên kết và kêu gọi")

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tiêu đề"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("cấp"), choices=[("h2", _("Mục (H2)")), ("h3", _("Mục con (H3)"))], default="h2"
    )

    class Meta:
        label = _("Tiêu đề mục")
        icon = "title"
        group = TEXT
        template = "blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("trích dẫn"), max_length=1000)
    attribution = blocks.CharBlock(label=_("người nói"), required=False, max_length=200)

    class Meta:
        label = _("Trích dẫn")
        icon = "openquote"
        group = TEXT
        template = "blocks/quote.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    alt = blocks.CharBlock(
        label=_("mô tả ảnh (alt)"), max_length=250,
        help_text=_("Mô tả nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("nguồn ảnh"), required=False, max_length=200)

    class Meta:
        label = _("Ảnh có chú thích")
        icon = "image"
        group = MEDIA
        template = "blocks/image.html"


class VideoEmbedBlock(EmbedBlock):
    class Meta:
        label = _("Nhúng video / nội dung")
        icon = "media"
        group = MEDIA
        template = "blocks/embed.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("con số"), max_length=32, help_text=_("Ví dụ: 65%"))
    label = blocks.CharBlock(label=_("ý nghĩa"), max_length=200)
    source = blocks.CharBlock(label=_("nguồn"), required=False, max_length=200)

    class Meta:
        label = _("Con số nổi bật")
        icon = "pick"
        group = FIGURES
        template = "blocks/key_figure.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("tài liệu"))
    label = blocks.CharBlock(label=_("nhãn liên kết"), required=False, max_length=200)

    class Meta:
        label = _("Liên kết tài liệu")
        icon = "doc-full"
        group = LINKS
        template = "blocks/document_link.html"


def course_choices():
    """The training catalogue's courses as (pk, title) choices, read at form-build time so a
    course created after start-up can be chosen without a restart."""
    from campaigns.training.models import Course

    return [("", "---------")] + [(str(pk), title) for pk, title in Course.objects.values_list("pk", "title")]


class CourseChoiceBlock(blocks.ChoiceBlock):
    """A course of the training catalogue. The cms only reads courses, so it chooses by id
    instead of registering the domain model as a snippet editors could change."""

    def to_python(self, value):
        from campaigns.training.models import Course

        if value in (None, ""):
            return None
        if isinstance(value, Course):
            return value
        return Course.objects.filter(pk=value).first()

    def get_prep_value(self, value):
        return str(value.pk) if value is not None and hasattr(value, "pk") else (value or "")

    def value_for_form(self, value):
        return self.get_prep_value(value)

    def value_from_form(self, value):
        return self.to_python(value)


class CallToActionBlock(blocks.StructBlock):
    """A button to exactly one target: a page of the site, a training course, or a URL."""

    heading = blocks.CharBlock(label=_("tiêu đề"), required=False, max_length=200)
    text = blocks.TextBlock(label=_("lời kêu gọi"), required=False, max_length=500)
    label = blocks.CharBlock(label=_("nhãn nút"), max_length=80)
    page = blocks.PageChooserBlock(label=_("trang đích"), required=False)
    course = CourseChoiceBlock(label=_("khóa học"), choices=course_choices, required=False)
    url = blocks.URLBlock(label=_("địa chỉ web"), required=False)

    class Meta:
        label = _("Kêu gọi hành động")
        icon = "pick"
        group = LINKS
        template = "blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "course", "url") if value.get(name)]
        if len(targets) != 1:
            message = _("Chọn đúng một đích đến: một trang, một khóa học hoặc một địa chỉ web.")
            errors = {name: ErrorList([message]) for name in ("page", "course", "url")}
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


def call_to_action_href(value):
    """The URL a call-to-action points at, or "" when its target no longer exists."""
    if value.get("page"):
        return value["page"].specific.url or ""
    course = value.get("course")
    if course is not None:
        return course.get_absolute_url() if hasattr(course, "get_absolute_url") else ""
    return value.get("url") or ""


class ParagraphBlock(blocks.RichTextBlock):
    """Rich text that must say something. Draftail sends an untouched paragraph as
    `<p data-block-key="…"></p>`, which a plain RichTextBlock takes as filled in; the page
    was then submitted, and the approver's editor (reading it back as empty) refused the
    approval with "required" on a block the approver never touched. Refuse it at once.

    Validation only, so migrations see it as the RichTextBlock it stores like (the four
    StreamFields using it need no migration: migration states never validate content)."""

    canonical_module_path = "wagtail.blocks.RichTextBlock"

    def clean(self, value):
        value = super().clean(value)
        if self.required and not _has_text(value):
            raise ValidationError(_("Đoạn văn đang trống: hãy nhập nội dung hoặc xóa khối này."))
        return value


def _has_text(value):
    from django.utils.html import strip_tags

    return bool(strip_tags(value.source if value is not None else "").replace("&nbsp;", "").strip())


BODY_BLOCKS = [
    ("paragraph", ParagraphBlock(
        features=RICH_TEXT_FEATURES, label=_("Đoạn văn"), icon="pilcrow", group=TEXT,
        template="blocks/paragraph.html",
    )),
    ("heading", HeadingBlock()),
    ("quote", QuoteBlock()),
    ("image", ImageBlock()),
    ("embed", VideoEmbedBlock()),
    ("key_figure", KeyFigureBlock()),
    ("document", DocumentLinkBlock()),
    ("call_to_action", CallToActionBlock()),
]
