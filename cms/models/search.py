"""The site's own search index: one row per searchable page or course, holding its text
folded to accent-free lower case (campaigns.text.fold). Matching folded text against a
folded query is what makes "phu nu" find "phụ nữ" on SQLite and PostgreSQL alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchKind(models.TextChoices):
    ARTICLE = "article", _("Bài viết")
    STORY = "story", _("Câu chuyện")
    CAMPAIGN = "campaign", _("Chiến dịch")
    DOCUMENT = "document", _("Văn bản")
    COURSE = "course", _("Khóa học")
    PAGE = "page", _("Trang")


class SearchEntry(models.Model):
    kind = models.CharField(_("loại"), max_length=16, choices=SearchKind.choices)
    page = models.OneToOneField(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
    )
    course = models.OneToOneField(
        "training.Course", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
    )
    # "" means every language (courses are not translated).
    language = models.CharField(max_length=8, blank=True, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    date = models.DateField(null=True, blank=True)
    # Folded copies padded with spaces, so " word " matches a whole word.
    title_folded = models.TextField()
    summary_folded = models.TextField(blank=True)
    text_folded = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mục tìm kiếm")
        verbose_name_plural = _("mục tìm kiếm")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, course__isnull=True)
                | models.Q(page__isnull=True, course__isnull=False),
                name="search_entry_page_xor_course",
            )
        ]

    def __str__(self):
        return self.title
