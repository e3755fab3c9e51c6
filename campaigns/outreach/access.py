"""Who reads campaign results, and which campaigns. Communications officers, approvers,
monitors and administrators read the results screen (read-only for all: it has no form that
changes anything); officers and approvers also edit campaigns (their model permissions,
campaigns/accounts/roles.py), monitors only view them.

Which campaigns: those with at least one unit the account may see (campaigns.security.
scopes); a campaign with no unit is seen only by accounts not limited to some units.
Anything else answers 404, on the results screen, its exports and the comparison alike."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from campaigns.accounts import roles

RESULT_ROLES = {roles.COMMUNICATIONS_OFFICER, roles.APPROVER, roles.MONITOR, roles.ADMINISTRATOR}


def can_read_results(user):
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=RESULT_ROLES).exists()


def visible_campaigns(user):
    """The campaigns `user` may read (none for accounts without a results role)."""
    from campaigns.security.scopes import limit_to_units

    from .models import Campaign

    if not can_read_results(user):
        return Campaign.objects.none()
    reachable = limit_to_units(Campaign.objects.all(), user, field="units")
    return Campaign.objects.filter(pk__in=reachable.values("pk"))


def campaign_scope(user):
    """object_scope for the campaign snippets: the same campaigns as the results screen, for
    any staff account with a permission on campaigns (the viewset checks which one)."""
    from campaigns.security.scopes import limit_to_units

    from .models import Campaign

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Campaign.objects.none()
    reachable = limit_to_units(Campaign.objects.all(), user, field="units")
    return Campaign.objects.filter(pk__in=reachable.values("pk"))


def get_campaign(user, pk):
    """The campaign `pk` if `user` may read its results: 403 without a results role, 404
    for a campaign outside the account's units (its existence is not revealed)."""
    if not can_read_results(user):
        raise PermissionDenied
    campaign = visible_campaigns(user).filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def visible_campaign_units(user, campaign):
    """The campaign's units the account may see (the unit filter's choices)."""
    from campaigns.security.scopes import units_visible_to

    return campaign.units.filter(pk__in=units_visible_to(user).values("pk")).order_by("path")


class ResultsReaderRequired:
    def dispatch(self, request, *args, **kwargs):
        if not can_read_results(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
