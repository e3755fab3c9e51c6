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
    """Served pages may be cached for anonymous visitors. A restricted page never reaches
    the cache: anonymous visitors get its password form (which sets a CSRF cookie) or a
    redirect to log in, and neither is stored; those who got in carry a session cookie."""
    cache.mark_cacheable(request)
