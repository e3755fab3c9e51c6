"""The legal-document library: decisions, plans and guidance with their number, issuing body,
signing date and whether they are still in force."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from cms.pagination import paginate

from .base import SitePage
from .snippets import Topic

DOCUMENTS_PER_PAGE = 20


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    SUPERSEDED = "superseded", _("Đã được thay thế")


class DocumentLibraryPage(SitePage):
    intro = models.TextField(_("giới thiệu"), blank=True, max_length=1000)

    content_panels = Page.content_panels + ["intro"]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.LegalDocumentPage"]

    class Meta:
        verbose_name = _("thư viện văn bản")

    def get_context(self, request, *args, **kwargs):
        """One page of documents, newest signed first, filtered by ?topic= and ?status=."""
        context = super().get_context(request, *args, **kwargs)
        documents = (
            LegalDocumentPage.objects.live().public().child_of(self)
            .select_related("document").order_by("-date_signed", "title")
        )
        slug = request.GET.get("topic", "")[:100]
        topic = Topic.objects.filter(slug=slug).first() if slug else None
        if slug:
            documents = documents.filter(topics=topic) if topic else documents.none()
        status = request.GET.get("status", "")
        if status in DocumentStatus.values:
            documents = documents.filter(status=status)
        context.update(
            topic=topic, status=status, statuses=DocumentStatus.choices,
            topics=Topic.objects.filter(legaldocumentpage__in=self.get_children().live()).distinct(),
            documents=paginate(request, documents, per_page=DOCUMENTS_PER_PAGE),
        )
        return context


class LegalDocumentPage(SitePage):
    number = models.CharField(_("số, ký hiệu"), max_length=64, help_text=_("Ví dụ: 347/KH-UBND"))
    issuing_body = models.CharField(_("cơ quan ban hành"), max_length=200)
    date_signed = models.DateField(_("ngày ký"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.IN_FORCE)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="supersedes",
        verbose_name=_("được thay thế bởi"),
    )
    summary = models.TextField(_("trích yếu"), max_length=1000)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("tệp văn bản"),
    )
    topics = ParentalManyToManyField("cms.Topic", blank=True, verbose_name=_("chủ đề"))

    search_kind = "document"
    content_panels = Page.content_panels + [
        MultiFieldPanel(["number", "issuing_body", "date_signed"], heading=_("Thông tin văn bản")),
        MultiFieldPanel(["status", "superseded_by"], heading=_("Hiệu lực")),
        "summary", "document", FieldPanel("topics"),
    ]
    parent_page_types = ["cms.DocumentLibraryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def search_document(self):
        text = f"{self.number} {self.issuing_body}"
        return {"summary": self.summary, "text": text, "date": self.date_signed}
