"""Log in with an email address (or the username, for staff used to it)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        User = get_user_model()
        login = (username or kwargs.get("email") or "").strip()
        if not login or password is None:
            return None
        field = "email__iexact" if "@" in login else "username"
        user = User._default_manager.filter(**{field: login}).first()
        if user is None:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        """The signed-in user of a session, with her trainee profile and its channel preference
        in the same query (a LEFT JOIN each; either may be missing): a trainee's pages and her
        registration use both (campaigns/training/views/common.py person_of), and a request
        that does not pays for no second query."""
        User = get_user_model()
        try:
            user = User._default_manager.select_related("person__channel_preference").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
