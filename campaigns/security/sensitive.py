"""Ethnicity is sensitive personal data (Law 91/2025/QH15): only roles that need it see it
(monitors, for the ethnic-minority indicator, and administrators), and the person
themself. Everyone else gets the value masked, in lists, detail pages and exports."""

from django.utils.translation import gettext_lazy as _

HIDDEN = _("(ẩn)")


def can_view_ethnicity(user, person=None):
    """True when `user` may see ethnicity (of `person`, when given: everyone sees their own)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if person is not None and person.user_id is not None and person.user_id == user.pk:
        return True
    return user.has_perm("security.view_ethnicity")


def ethnicity_for(user, person):
    """The ethnicity label `user` may read for `person`: the name, "" when unknown, or a mask."""
    if not person.ethnicity:
        return ""
    return person.get_ethnicity_display() if can_view_ethnicity(user, person) else str(HIDDEN)
