"""Turn a delivery into the words its recipient reads: the template of its kind in the
recipient's language, filled with placeholders from the session, run, broadcast and person,
and with what the kind's composer (composers.py) adds: placeholders, attachments, headers.
An email's links then pass through the link rewriter registered for its kind, if any
(`link_rewriter`: an app's notification_hooks.py may turn them into tracked links)."""

import html as html_lib
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils.html import linebreaks, urlize
from django.utils.translation import gettext as _
from django.utils.translation import override

from campaigns.notifications.channels.base import Rendered
from campaigns.notifications.composers import compose
from campaigns.notifications.defaults import DEFAULTS, SAMPLE_CONTEXT
from config.formats.times import time_range
from config.links import absolute

_engine = Engine(autoescape=False)
_html_engine = Engine(autoescape=True)
_compiled = {}


def _compile(source, html=False):
    key = (source, html)
    template = _compiled.get(key)
    if template is None:
        if len(_compiled) > 500:
            _compiled.clear()
        template = (_html_engine if html else _engine).from_string(source)
        _compiled[key] = template
    return template


def _fill(source, context, html=False):
    return _compile(source, html).render(Context(context, autoescape=html)).strip()


def check_template_syntax(*, template):
    """Raise ValidationError naming the field whose placeholders do not parse."""
    for field in ("subject", "text_body", "html_body", "short_text"):
        try:
            _compile(getattr(template, field) or "", html=field == "html_body")
        except TemplateSyntaxError as exc:
            raise ValidationError({field: _("Mẫu có lỗi cú pháp: %(error)s") % {"error": exc}})


def local(dt):
    """'08:00, thứ Sáu 15/01/2027' in the site's time zone and the message's language
    (config/formats/times.py)."""
    return time_range(dt) if dt else ""


def language_of(person):
    user = getattr(person, "user", None) if person is not None else None
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class TemplateCache:
    """Templates looked up once per batch: (kind, language) -> fields, with the Vietnamese one
    and then the built-in default as fallbacks."""

    def __init__(self):
        self._rows = None

    def get(self, kind, language):
        if self._rows is None:
            from campaigns.notifications.models import MessageTemplate

            self._rows = {
                (t.kind, t.language): dict(subject=t.subject, text_body=t.text_body, html_body=t.html_body,
                                           short_text=t.short_text, zns_template_id=t.zns_template_id)
                for t in MessageTemplate.objects.all()
            }
        for key in ((kind, language), (kind, settings.LANGUAGE_CODE)):
            if key in self._rows:
                return self._rows[key]
            if key in DEFAULTS:
                return {"html_body": "", "zns_template_id": "", **DEFAULTS[key]}
        raise KeyError(kind)


def context_for(delivery):
    """Placeholder values for `delivery` (strings, ready for any channel)."""
    person = delivery.person
    ctx = {"name": person.full_name if person else delivery.address, "link": absolute("/")}
    broadcast = delivery.broadcast
    if broadcast is not None:
        ctx.update(subject=broadcast.subject, body=_fill(broadcast.body, {"name": ctx["name"]}))
    ctx.update(delivery.context or {})
    return ctx


def render_delivery(delivery, templates=None):
    """The Rendered message for `delivery`, in its language."""
    templates = templates or TemplateCache()
    fields = templates.get(delivery.kind, delivery.language)
    with override(delivery.language):
        parts = compose(delivery)
        rendered = render_fields(fields, {**context_for(delivery), **parts.context}, language=delivery.language,
                                 inline=parts.inline if delivery.channel == "email" else ())
        if delivery.channel == "email":
            rewrite_links(delivery, rendered)
    rendered.attachments, rendered.headers = parts.attachments, parts.headers
    return rendered


_link_rewriters = {}
_HREF = re.compile(r'(\shref=")([^"]+)(")')
_TEXT_URL = re.compile(r'https?://[^\s<>"]+')
_TRAILING = ".,;:!?)"


def link_rewriter(*kinds):
    """Decorator: `fn(delivery) -> rewrite` for the emails of `kinds`, where `rewrite(url)`
    returns the link to put in its place (the same url to leave it), or fn returns None to
    leave the whole email alone. Applied to the plain text's URLs and the HTML's hrefs."""

    def register(fn):
        for kind in kinds:
            _link_rewriters[str(kind)] = fn
        return fn

    return register


def rewrite_links(delivery, rendered):
    """Pass the links of `rendered` through the rewriter of the delivery's kind, if any."""
    factory = _link_rewriters.get(delivery.kind)
    rewrite = factory(delivery) if factory is not None else None
    if rewrite is None:
        return

    def in_text(match):
        url = match.group(0)
        trail = len(url) - len(url.rstrip(_TRAILING))
        url, tail = (url[:-trail], url[-trail:]) if trail else (url, "")
        return rewrite(url) + tail

    def in_html(match):
        new = rewrite(html_lib.unescape(match.group(2)))
        return match.group(1) + html_lib.escape(new, quote=True) + match.group(3)

    rendered.text = _TEXT_URL.sub(in_text, rendered.text)
    rendered.html = _HREF.sub(in_html, rendered.html)


def render_fields(fields, ctx, *, language, inline=()):
    """The Rendered message: subject, plain text, and the HTML email (the site's email layout
    around the body, with a heading, the main action's button when the context names one
    (action_url, action_label) and the inline images)."""
    subject = " ".join(_fill(fields["subject"], ctx).split())
    text = _fill(fields["text_body"], ctx)
    if fields.get("html_body"):
        inner = _fill(fields["html_body"], ctx, html=True)
    else:  # the plain text, its links made clickable (long signed links shown shortened)
        inner = linebreaks(urlize(text, trim_url_limit=60, autoescape=True))
    html = render_to_string("email/notifications/message.html", {
        "subject": subject, "content": inner, "language": language, "footer": ctx.get("footer", ""),
        "action_url": ctx.get("action_url", ""), "action_label": ctx.get("action_label", ""),
        "images": [{"cid": cid, "alt": alt} for cid, _content, _mimetype, alt in inline],
    })
    short = _fill(fields.get("short_text") or "", ctx) or subject
    return Rendered(subject=subject, text=text, html=html, short_text=short, inline=list(inline),
                    zns_template_id=fields.get("zns_template_id", ""), params={k: str(v) for k, v in ctx.items()})


def preview(*, template, language=None):
    """The template rendered with sample values, for the admin preview."""
    fields = dict(subject=template.subject, text_body=template.text_body, html_body=template.html_body,
                  short_text=template.short_text, zns_template_id=template.zns_template_id)
    return render_fields(fields, SAMPLE_CONTEXT, language=language or template.language)
