"""Log in with an email address (or the username, for staff used to it)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from config.compiled import CompiledQuery

from . import roles

# The attribute campaigns/security/twofactor.py reads before asking the database whether
# an account holds a role that needs a second factor.
TWO_FACTOR_FLAG = "_requires_two_factor"


def _session_user(pk):
    User = get_user_model()
    queryset = roles.with_role_flag(User._default_manager.select_related("person__channel_preference"),
                                    TWO_FACTOR_FLAG, *roles.TWO_FACTOR_ROLES)
    return queryset.filter(pk=pk)


# Read on every request of a signed-in account: its SQL built once per process.
_SESSION_USER = CompiledQuery(_session_user)


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
        """ModelBackend's, in one query with what the request is likely to need: the answer
        two-factor needs on every request of a signed-in account (does it hold a role that
        requires a second factor? read afresh with the user on each request, so a role given or
        taken applies at once), and her trainee profile with its channel preference (a LEFT
        JOIN each; either may be missing), which a trainee's pages and her registration use
        (campaigns/training/views/common.py person_of)."""
        try:
            user = _SESSION_USER.first(int(user_id))
        except (TypeError, ValueError):
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
