"""The newsletter's links, and the double opt-in message. The confirmation request is sent
after the subscription commits, straight to the address that asked for it (the digest goes
through the notifications ledger: notification_hooks.py composes it). The links lead to the
public pages cms serves (cms/newsletter/urls.py, namespace cms_newsletter)."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from config.links import absolute
from config.mail import Email

from . import tokens


def unsubscribe_url(subscriber):
    with translation.override(subscriber.language):
        return absolute(reverse("cms_newsletter:unsubscribe", args=[tokens.make(subscriber, tokens.UNSUBSCRIBE_SALT)]))


def confirm_url(subscriber):
    with translation.override(subscriber.language):
        return absolute(reverse("cms_newsletter:confirm", args=[tokens.make(subscriber, tokens.CONFIRM_SALT)]))


def send_confirmation(subscriber):
    """Ask the subscriber to confirm the address (double opt-in), with a plain-text part and
    an HTML alternative, in the language they subscribed in."""
    context = {"subscriber": subscriber, "confirm_url": confirm_url(subscriber)}
    with translation.override(subscriber.language):
        subject = " ".join(render_to_string("email/newsletter_confirm_subject.txt", context).split())
        text = render_to_string("email/newsletter_confirm.txt", context)
        html = render_to_string("email/newsletter_confirm.html", context)
    message = Email(subject=subject, body=text, to=[subscriber.email])
    message.attach_alternative(html, "text/html")
    message.send()
