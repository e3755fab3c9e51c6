"""Where the digest's articles come from. The articles are the site's pages, which the domain
never imports; the publishing app registers a source when it starts (cms/newsletter/articles.py,
from cms/apps.py) and the newsletter asks it, when a digest is queued, which articles are new
for a subscriber and, when it is sent, which of them are still published."""

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Article:
    pk: int
    title: str
    url: str
    summary: str
    first_published_at: datetime.datetime


class ArticleSource(Protocol):
    def published(self, *, language: str, after: datetime.datetime, until: datetime.datetime,
                  topic_ids: list[int], limit: int) -> list[tuple[int, datetime.datetime]]:
        """(pk, first published at) of the live, public articles in `language` first
        published in (after, until], restricted to `topic_ids` when there are any, oldest
        first, at most `limit`."""

    def still_published(self, ids: list[int]) -> list[Article]:
        """Those of `ids` that are still live and public, oldest first."""


_source: ArticleSource | None = None


def register(source: ArticleSource):
    global _source
    _source = source


def source() -> ArticleSource:
    if _source is None:
        raise ImproperlyConfigured("No article source is registered for the newsletter (cms registers one).")
    return _source
