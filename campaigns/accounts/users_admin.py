"""The admin's Users list, searched like every other list: accent-insensitive, across name,
username and email ("nguyen thi lan" finds "Nguyễn Thị Lan"). Wagtail's UserViewSet with the
project's folded search (campaigns/i18n/admin_search.py); installed by UsersAdminConfig
(campaigns/accounts/apps.py), which takes wagtail.users' place in INSTALLED_APPS."""

from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from campaigns.i18n.admin_search import FoldedSearchViewSet


class UserViewSet(FoldedSearchViewSet, WagtailUserViewSet):
    search_fields = ["first_name", "last_name", "username", "email"]
