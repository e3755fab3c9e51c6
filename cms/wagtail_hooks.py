"""Admin registrations: topics and authors as snippets, grouped under one menu; the
newsletter's subscribers (cms/newsletter/viewsets.py) and their log action."""

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


@hooks.register("register_admin_viewset")
def register_newsletter_subscribers():
    from cms.newsletter.viewsets import subscriber_viewset

    return subscriber_viewset


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    from cms.newsletter.staff import UNSUBSCRIBE_ACTION

    actions.register_action(UNSUBSCRIBE_ACTION, _("Hủy đăng ký theo yêu cầu"),
                            _("Đã hủy đăng ký bản tin theo yêu cầu của người đăng ký"))


@hooks.register("before_serve_page")
def cache_public_pages(page, request, serve_args, serve_kwargs):
    """Served pages may be cached for anonymous visitors. A restricted page never reaches
    the cache: anonymous visitors get its password form (which sets a CSRF cookie) or a
    redirect to log in, and neither is stored; those who got in carry a session cookie."""
    cache.mark_cacheable(request)
