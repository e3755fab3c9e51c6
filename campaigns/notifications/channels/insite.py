"""In-site notification: a row in the person's inbox, shown on their own page."""

from .base import BaseChannel, PermanentError


class InSiteChannel(BaseChannel):
    name = "insite"

    def address(self, *, person, delivery=None):
        return f"person:{person.pk}" if person is not None else ""

    def send(self, *, delivery, message, address, connection):
        from campaigns.notifications.models import InSiteNotification

        if delivery.person_id is None:
            raise PermanentError("in-site notifications need a person")
        note, _ = InSiteNotification.objects.get_or_create(
            delivery=delivery,
            defaults={"person_id": delivery.person_id, "title": message.subject[:255], "body": message.text},
        )
        return f"insite-{note.pk}"
