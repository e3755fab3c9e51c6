"""What of the notifications each staff account reaches (the object_scope of each admin
viewset, and the send, progress and figures screens). An account limited to some units
(campaigns.security.scopes) reaches broadcasts to its runs or units (as each audience says),
ledger rows about subjects it reaches (as the app owning the subject says: training's
sessions and registrations), its broadcasts or its people, and the channel preferences of its
people. Broadcasts to the whole programme (newsletter, the whole pool) belong to unlimited
accounts. Message templates are shared wording, not unit data: they are not limited."""

import functools
import operator

from django.db.models import Q

from campaigns.security.scopes import is_scoped, units_visible_to

from . import audiences, subjects
from .models import Broadcast, ChannelPreference, Delivery


def _active(user):
    return getattr(user, "is_authenticated", False) and user.is_active


def _scope(model, user, condition):
    if not _active(user):
        return model.objects.none()
    if not is_scoped(user):
        return model.objects.all()
    return model.objects.filter(condition()).distinct()


def _audience_scopes(user):
    """The Q of each audience a limited account may send to (its own scope: one of its runs,
    one of its units); audiences with none are the whole programme's."""
    return [q for q in (audiences.get(key).scope(user) for key, _label in audiences.choices()) if q is not None]


def scoped_broadcasts(user):
    """A limited account reaches a broadcast by what it is sent to, as its audience says
    (one of its runs, one of its units; the other audiences are the whole programme's)."""
    def condition():
        conditions = _audience_scopes(user)
        return functools.reduce(operator.or_, conditions) if conditions else Q(pk__in=[])

    return _scope(Broadcast, user, condition)


def may_send_to(user, audience):
    """Whether `user` may write a broadcast to `audience`: limited accounts only to an
    audience with a scope of its own (the form's choices of runs and units are limited too)."""
    registered = audiences.get(audience)
    return not is_scoped(user) or (registered is not None and registered.scope(user) is not None)


def scoped_deliveries(user):
    return _scope(Delivery, user, lambda: (
        subjects.in_scope(user) | Q(broadcast__in=scoped_broadcasts(user)) | Q(person__unit__in=units_visible_to(user))
    ))


def scoped_preferences(user):
    return _scope(ChannelPreference, user, lambda: Q(person__unit__in=units_visible_to(user)))
