"""Admin registrations: the subscribers screen (viewsets.py) and the log action of an
unsubscription staff make at someone's request (staff.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_admin_viewset")
def register_newsletter_subscribers():
    from .viewsets import subscriber_viewset

    return subscriber_viewset


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    from .staff import UNSUBSCRIBE_ACTION

    actions.register_action(UNSUBSCRIBE_ACTION, _("Hủy đăng ký theo yêu cầu"),
                            _("Đã hủy đăng ký bản tin theo yêu cầu của người đăng ký"))
