"""Development channel: the message goes to the log."""

import logging

from .base import BaseChannel

logger = logging.getLogger("campaigns.notifications.console")


class ConsoleChannel(BaseChannel):
    name = "console"

    def address(self, *, person, delivery=None):
        if delivery is not None and delivery.address:
            return delivery.address
        return f"person:{person.pk}" if person is not None else ""

    def send(self, *, delivery, message, address, connection):
        logger.info("[%s] to %s: %s\n%s", delivery.kind, address, message.subject, message.text)
        return f"console-{delivery.pk}"
