"""The one interface every channel implements, and the two errors a send may raise."""

import abc
import contextlib
from dataclasses import dataclass, field


class TransientError(Exception):
    """Worth retrying later (a 4xx SMTP reply, a timeout, a gateway that is down)."""


class PermanentError(Exception):
    """Retrying will not help (a 5xx SMTP reply, an invalid number, a text too long)."""


@dataclass
class Rendered:
    """A message rendered for one recipient in their language. Attachments ((filename, bytes,
    mimetype)) and headers are for email; the other channels use the text or short text."""

    subject: str
    text: str
    html: str = ""
    short_text: str = ""
    zns_template_id: str = ""
    params: dict = field(default_factory=dict)
    attachments: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)
    inline: list = field(default_factory=list)  # images the HTML shows: (content id, bytes, mimetype, alt)


class BaseChannel(abc.ABC):
    name = ""

    @abc.abstractmethod
    def address(self, *, person, delivery=None):
        """The address this channel reaches `person` at, or "" when it cannot."""

    @contextlib.contextmanager
    def batch(self):
        """Resources shared by the sends of one batch (an SMTP connection, an HTTP session)."""
        yield None

    @abc.abstractmethod
    def send(self, *, delivery, message, address, connection):
        """Send; return the provider's message id. Raise TransientError or PermanentError."""
