"""A person's channel choices: which channels they refuse, in which order they prefer them."""

from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.notifications.models import Channel, ChannelPreference
from campaigns.notifications.models.preferences import DEFAULT_FALLBACK_ORDER

from .errors import NotificationError

PERSON_CHANNELS = [Channel.EMAIL, Channel.ZALO, Channel.SMS, Channel.INSITE]


def set_preferences(*, person, opted_out, order=None):
    """Record opt-outs and the preferred order. The in-site inbox cannot be refused: it is where
    a person still finds what they opted out of elsewhere."""
    unknown = [c for c in list(opted_out) + list(order or []) if c not in PERSON_CHANNELS]
    if unknown:
        raise NotificationError(_("Kênh không hợp lệ: %(names)s.") % {"names": ", ".join(unknown)})
    if Channel.INSITE in opted_out:
        raise NotificationError(_("Không thể tắt thông báo trên trang."))
    with transaction.atomic():
        pref, _created = ChannelPreference.objects.select_for_update().get_or_create(person=person)
        pref.opted_out = list(dict.fromkeys(opted_out))
        if order:
            pref.order = list(dict.fromkeys(order)) + [c for c in DEFAULT_FALLBACK_ORDER if c not in order]
        pref.save()
    return pref


def channel_choices(person):
    """[(value, label, opted_out)] for the preferences form."""
    pref = ChannelPreference.objects.filter(person=person).first()
    refused = set(pref.opted_out if pref else [])
    return [(c.value, c.label, c.value in refused) for c in PERSON_CHANNELS if c != Channel.INSITE]
