"""What of the notifications each staff account reaches (the object_scope of each admin
viewset, and the send, progress and figures screens). An account limited to some units
(campaigns.security.scopes) reaches reminder rules of its runs, broadcasts to its runs or
units, ledger rows about its runs, sessions, registrations, broadcasts or people, and the
channel preferences of its people. Rules for every run, and broadcasts to the whole
programme (newsletter, the whole pool), belong to unlimited accounts. Message templates are
shared wording, not unit data: they are not limited."""

from django.db.models import Q

from campaigns.security.scopes import is_scoped, units_visible_to
from campaigns.training.permissions import scoped_registrations, scoped_runs, scoped_sessions

from .models import Audience, Broadcast, ChannelPreference, Delivery, ReminderRule


def _active(user):
    return getattr(user, "is_authenticated", False) and user.is_active


def _scope(model, user, condition):
    if not _active(user):
        return model.objects.none()
    if not is_scoped(user):
        return model.objects.all()
    return model.objects.filter(condition()).distinct()


def scoped_rules(user):
    return _scope(ReminderRule, user, lambda: Q(run__in=scoped_runs(user)))


def scoped_broadcasts(user):
    """A limited account reaches a broadcast by what it is sent to: one of its runs, or one
    of its units (the other audiences are the whole programme's)."""
    return _scope(Broadcast, user, lambda: (
        Q(audience=Audience.RUN, run__in=scoped_runs(user)) | Q(audience=Audience.UNIT, unit__in=units_visible_to(user))
    ))


def may_send_to(user, audience):
    """Whether `user` may write a broadcast to `audience`: limited accounts only to a run or
    a unit of theirs (the form's choices of runs and units are limited to the scope)."""
    return not is_scoped(user) or audience in (Audience.RUN, Audience.UNIT)


def scoped_deliveries(user):
    return _scope(Delivery, user, lambda: (
        Q(registration__in=scoped_registrations(user)) | Q(session__in=scoped_sessions(user))
        | Q(broadcast__in=scoped_broadcasts(user)) | Q(person__unit__in=units_visible_to(user))
    ))


def scoped_preferences(user):
    return _scope(ChannelPreference, user, lambda: Q(person__unit__in=units_visible_to(user)))
