"""Per-kind composers: what only the app that owns a message knows about it.

The engine renders every delivery from the organizer-editable template of its kind; an app
that owns a kind registers a composer for it in its `notification_hooks.py` module (found by
`autodiscover()` when the notifications app is ready), so this package never imports the
apps it serves. A composer receives the delivery, runs in the recipient's language at send
time, and returns `Parts`: extra placeholder values (a "footer" value replaces the email
layout's footer line), attachments and headers (these two matter to email only; a composer may
look at `delivery.channel` and skip them), and images shown inside the HTML email
(`inline`: (content id, bytes, mimetype, alt text), each also shown by the layout as
<img src="cid:…">). The placeholders "action_url" and "action_label" give the email its main
button. To refuse a delivery it can no longer honour it raises `channels.PermanentError`."""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.module_loading import autodiscover_modules

_composers = {}


@dataclass
class Parts:
    context: dict = field(default_factory=dict)
    attachments: list = field(default_factory=list)  # (filename, bytes, mimetype)
    headers: dict = field(default_factory=dict)
    inline: list = field(default_factory=list)  # (content id, bytes, mimetype, alt text)


def composer(*kinds):
    """Decorator: `fn(delivery) -> Parts` composes the messages of `kinds`."""

    def register(fn):
        for kind in kinds:
            _composers[str(kind)] = fn
        return fn

    return register


def compose(delivery):
    """The Parts the owning app adds to `delivery` (empty when no composer is registered)."""
    fn = _composers.get(delivery.kind)
    return fn(delivery) if fn is not None else Parts()


def autodiscover():
    autodiscover_modules("notification_hooks")


@dataclass(frozen=True)
class Item:
    """One entry of a list placeholder: a line of text, an optional link and a note under it."""

    text: str
    url: str = ""
    note: str = ""


class Lines(str):
    """A list placeholder ({{ sessions }}, {{ articles }}, …). It is a string — one line per
    item, link and note indented under it — so plain-text bodies, SMS and in-site messages use
    it as it is; in an HTML body it renders as a list with the links clickable."""

    def __new__(cls, items):
        items = list(items)
        lines = []
        for item in items:
            lines.append(f"- {item.text}")
            lines += [f"  {extra}" for extra in (item.note, item.url) if extra]
        value = super().__new__(cls, "\n".join(lines))
        value.items = items
        return value

    def __html__(self):
        rows = format_html_join(
            "", "<li>{}{}</li>",
            ((format_html('<a href="{}">{}</a>', item.url, item.text) if item.url else item.text,
              format_html("<br>{}", item.note) if item.note else "") for item in self.items),
        )
        return format_html("<ul>{}</ul>", rows)
