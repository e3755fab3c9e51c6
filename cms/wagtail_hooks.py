"""Admin registrations: topics and authors as snippets, grouped under one menu; the page
cache, the editor's autosave script and the message on approving a scheduled page. (The
newsletter's subscribers are registered by campaigns/newsletter/wagtail_hooks.py.)"""

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


@hooks.register("insert_editor_js")
def autosave_waits_for_a_title():
    """The page editor's autosave starts once the page has a title (cms/static/cms/editor-autosave.js)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("cms/editor-autosave.js"))


@hooks.register("after_edit_page")
def say_when_an_approved_page_goes_live(request, page):
    """Approving a page whose go-live time is ahead schedules it; Wagtail then says only that
    the page was updated. Say when it will be published."""
    from django.contrib import messages
    from django.utils import timezone
    from django.utils.translation import gettext
    from wagtail.models import Page

    from config.formats.times import time_range

    if request.method != "POST" or "workflow-action-name" not in request.POST:
        return None
    revision = Page.objects.get(pk=page.pk).scheduled_revision
    if revision is not None and revision.approved_go_live_at and revision.approved_go_live_at > timezone.now():
        messages.success(request, gettext("Trang “%(title)s” đã được duyệt và sẽ tự động xuất bản lúc %(when)s.") % {
            "title": page.get_admin_display_title(), "when": time_range(revision.approved_go_live_at)})
    return None
