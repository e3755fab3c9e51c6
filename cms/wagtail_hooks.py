"""Admin registrations: topics and authors as snippets, grouped under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import cache
from cms.models import Author, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Chủ đề")
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    ordering = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Tác giả")
    list_display = ["name", "role"]
    search_fields = ["name", "role"]
    ordering = ["name"]


class PublishingSnippets(SnippetViewSetGroup):
    items = (TopicViewSet, AuthorViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Phân loại nội dung")
    menu_name = "publishing-taxonomy"


register_snippet(PublishingSnippets)


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    """Public pages (no view restriction) may be cached for anonymous visitors."""
    if not page.get_view_restrictions().exists():
        cache.mark_cacheable(request)
