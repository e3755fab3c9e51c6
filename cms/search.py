"""Accent-insensitive search over articles, stories, campaigns, legal documents and courses.

Each searchable item has one SearchEntry whose text is folded (campaigns.text.fold: marks
dropped, đ→d, lower case), so the same plain substring match finds "phụ nữ" from "phu nu",
"Đồng Nai" from "dong nai", and "hoà" from "hòa" on SQLite and PostgreSQL alike. Every
word of the query must occur as a whole word; rank weighs title over summary over body,
plus a bonus when the words occur together as the query's phrase."""

import re

from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe

from campaigns.text import fold, nfc

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
_WORD = re.compile(r"\w+")


def folded(text):
    """Folded words of `text` joined and padded by single spaces: " phu nu lanh dao "."""
    words = _WORD.findall(fold(text))
    return f" {' '.join(words)} " if words else ""


def query_terms(query):
    """The folded words of a query (NFC first), at most MAX_TERMS, duplicates dropped."""
    terms = []
    for word in _WORD.findall(fold(nfc(query or "")[:MAX_QUERY_LENGTH])):
        if word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def _entry_defaults(*, kind, title, summary, text, url, date, language):
    return {
        "kind": kind, "title": title[:255], "summary": summary or "", "text": text or "", "url": url or "",
        "date": date, "language": language, "title_folded": folded(title),
        "summary_folded": folded(summary), "text_folded": folded(text),
    }


def index_page(page):
    """Create or refresh the entry of a live page; remove it when the page is not live,
    not public, or of a kind that is not searched."""
    from cms.models import SearchEntry

    page = page.specific
    kind = getattr(page, "search_kind", "")
    if not kind or not page.live or page.get_view_restrictions().exists():
        SearchEntry.objects.filter(page_id=page.pk).delete()
        return None
    document = page.search_document()
    defaults = _entry_defaults(
        kind=kind, title=page.title, summary=document["summary"], text=document["text"],
        url=page.get_url(), date=document["date"], language=page.locale.language_code,
    )
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(page_id=page.pk, defaults=defaults)
    return entry


def unindex_page(page_id):
    from cms.models import SearchEntry

    SearchEntry.objects.filter(page_id=page_id).delete()


def index_course(course):
    """Create or refresh the entry of a training course (shown in every language)."""
    from cms.models import SearchEntry

    url = course.get_absolute_url() if hasattr(course, "get_absolute_url") else ""
    text = " ".join(filter(None, [course.audience, course.eligibility, course.topic]))
    defaults = _entry_defaults(
        kind="course", title=course.title, summary=course.objectives, text=text, url=url, date=None, language="",
    )
    with transaction.atomic():
        entry, _ = SearchEntry.objects.update_or_create(course_id=course.pk, defaults=defaults)
    return entry


def rebuild_index():
    """Index every live page and every course again; returns the number of entries."""
    from wagtail.models import Page

    from campaigns.training.models import Course
    from cms.models import SearchEntry

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for page in Page.objects.live().specific():
            index_page(page)
        for course in Course.objects.all():
            index_course(course)
    return SearchEntry.objects.count()


def _weight(field, needle, points):
    return Case(When(**{f"{field}__contains": needle}, then=Value(points)), default=Value(0), output_field=IntegerField())


def search(query, *, language):
    """Entries matching every word of `query`, best first. Returns (terms, queryset)."""
    from cms.models import SearchEntry

    terms = query_terms(query)
    entries = SearchEntry.objects.filter(Q(language=language) | Q(language=""))
    if not terms:
        return terms, entries.none()
    rank = Value(0, output_field=IntegerField())
    for term in terms:
        whole = f" {term} "
        entries = entries.filter(
            Q(title_folded__contains=whole) | Q(summary_folded__contains=whole) | Q(text_folded__contains=whole)
        )
        rank = rank + _weight("title_folded", whole, 8) + _weight("summary_folded", whole, 3) \
            + _weight("text_folded", whole, 1)
    if len(terms) > 1:
        phrase = f" {' '.join(terms)} "
        rank = rank + _weight("title_folded", phrase, 12) + _weight("summary_folded", phrase, 6) \
            + _weight("text_folded", phrase, 4)
    entries = entries.annotate(rank=Coalesce(rank, 0)).order_by("-rank", "-date", "title")
    return terms, entries


def highlight(text, terms, *, limit=None):
    """`text` escaped, with each word whose folded form is a query term wrapped in
    <mark>. With `limit` (words), an excerpt around the first match is returned."""
    text = text or ""
    wanted = set(terms)
    matches = [m for m in _WORD.finditer(text) if fold(m.group()) in wanted]
    start, end, prefix, suffix = 0, len(text), "", ""
    if limit:
        words = list(_WORD.finditer(text))
        if len(words) > limit:
            first = words.index(matches[0]) if matches else 0
            lo = max(0, first - limit // 3)
            hi = min(len(words), lo + limit)
            start, end = words[lo].start(), words[hi - 1].end()
            prefix, suffix = ("… " if lo else ""), (" …" if hi < len(words) else "")
    out, position = [prefix], start
    for m in matches:
        if m.start() < start or m.end() > end:
            continue
        out.append(escape(text[position:m.start()]))
        out.append(f"<mark>{escape(m.group())}</mark>")
        position = m.end()
    out.append(escape(text[position:end]))
    out.append(suffix)
    return mark_safe("".join(out))
