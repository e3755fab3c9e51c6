"""The newsletter digest, composed for the notifications engine at send time: the articles
chosen when the digest was queued (still live), the edition's date, the subscriber's signed
one-click unsubscribe link, and the List-Unsubscribe / List-Unsubscribe-Post headers
(RFC 2369, RFC 8058). The wording is the organizer-editable digest template. The articles
come from the source cms registers (articles.py)."""

import datetime

from django.utils.translation import gettext as _

from campaigns.notifications.channels import PermanentError
from campaigns.notifications.composers import Item, Lines, Parts, composer
from campaigns.notifications.models import MessageKind

from . import articles as article_source
from .emails import unsubscribe_url
from .models import Subscriber, SubscriberStatus


@composer(MessageKind.DIGEST)
def digest_parts(delivery):
    data = delivery.context or {}
    subscriber = Subscriber.objects.filter(pk=data.get("subscriber_id"), email=delivery.address).first()
    if subscriber is None or subscriber.status != SubscriberStatus.CONFIRMED:
        raise PermanentError("the address is no longer subscribed to the newsletter")
    articles = article_source.source().still_published(data.get("article_ids", []))
    if not articles:
        raise PermanentError("none of the digest's articles is still published")
    link = unsubscribe_url(subscriber)
    edition = datetime.date.fromisoformat(data["edition"])
    context = {
        "edition": edition.strftime("%d/%m/%Y"),
        "articles": Lines(Item(a.title, url=a.url, note=a.summary) for a in articles),
        "article_count": str(len(articles)),
        "unsubscribe_link": link,
        "footer": _("Bạn nhận thư này vì đã đăng ký nhận bản tin của Chương trình phụ nữ tham gia lãnh đạo, quản lý."),
    }
    headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return Parts(context=context, headers=headers)
