"""Building and sending the newsletter's messages. `deliver()` is the single place that
hands a message to a transport: when the notifications delivery ledger exists, the digest
is routed through it by changing this function alone."""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import tokens


def absolute(path):
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def unsubscribe_url(subscriber):
    with translation.override(subscriber.language):
        return absolute(reverse("cms_newsletter:unsubscribe", args=[tokens.make(subscriber, tokens.UNSUBSCRIBE_SALT)]))


def confirm_url(subscriber):
    with translation.override(subscriber.language):
        return absolute(reverse("cms_newsletter:confirm", args=[tokens.make(subscriber, tokens.CONFIRM_SALT)]))


def deliver(*, to, subject, text, html, headers=None):
    """Send one message with a plain-text part and an HTML alternative."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers or {})
    message.attach_alternative(html, "text/html")
    message.send()


def _render(name, context, language):
    with translation.override(language):
        subject = " ".join(render_to_string(f"email/{name}_subject.txt", context).split())
        text = render_to_string(f"email/{name}.txt", context)
        html = render_to_string(f"email/{name}.html", context)
    return subject, text, html


def send_confirmation(subscriber):
    """Ask the subscriber to confirm the address (double opt-in)."""
    context = {"subscriber": subscriber, "confirm_url": confirm_url(subscriber)}
    subject, text, html = _render("newsletter_confirm", context, subscriber.language)
    deliver(to=subscriber.email, subject=subject, text=text, html=html)


def send_digest(subscriber, articles, edition):
    """The digest of `articles`, with one-click unsubscribe headers (RFC 2369 / RFC 8058)."""
    link = unsubscribe_url(subscriber)
    items = [{"title": a.title, "summary": a.summary, "url": a.get_full_url(), "date": a.date} for a in articles]
    context = {"subscriber": subscriber, "articles": items, "edition": edition, "unsubscribe_url": link,
               "site_url": settings.SITE_URL}
    subject, text, html = _render("newsletter_digest", context, subscriber.language)
    headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    deliver(to=subscriber.email, subject=subject, text=text, html=html, headers=headers)
