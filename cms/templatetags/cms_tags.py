"""Template tags of the public site: language links, the main menu, absolute URLs for
social cards, one rendition of an image, and schema.org JSON-LD that is safe to embed in HTML."""

import functools
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@functools.cache
def _filter(spec):
    from wagtail.images.models import Filter

    return Filter(spec=spec)  # holds nothing but its parsed spec (cms/image_filters.py)


@register.simple_tag
def rendition(image, spec):
    """`{% rendition image "fill-1200x630|format-jpeg" as og %}`: what `{% image image
    fill-1200x630 format-jpeg as og %}` gives, through Image.get_renditions, which leaves
    the cache alone when the renditions were prefetched (the home page's hero:
    cms/models/pages.py with_renditions); `{% image %}` writes the rendition back to the
    cache on every view."""
    from wagtail.images.shortcuts import get_renditions_or_not_found

    return get_renditions_or_not_found(image, [_filter(spec)])[spec]

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: the translation of the current page when it is live,
    else that language's home page; for non-page views, the same path in that language."""
    from cms.models import HomePage

    request = context["request"]
    page = context.get("page")
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    translations = {}
    if page is not None and hasattr(page, "translations_for_switcher"):
        translations = {p.locale.language_code: p for p in page.translations_for_switcher()}
    homes = None
    links = []
    for code, name in settings.LANGUAGES:
        if page is not None and code in translations:
            url, exact = translations[code].get_url(request), True
        elif page is not None:
            if homes is None:
                found = (page.homes_for_switcher() if hasattr(page, "homes_for_switcher")
                         else HomePage.objects.live().select_related("locale"))
                homes = {h.locale.language_code: h for h in found}
            url, exact = (homes[code].get_url(request) if code in homes else None), False
        else:
            url, exact = translate_url(request.get_full_path(), code), True
        if url:
            links.append({"code": code, "name": name, "url": url, "current": code == current, "exact": exact})
    return links


@register.simple_tag(takes_context=True)
def absolute(context, url):
    """`url` made absolute against the current request."""
    return context["request"].build_absolute_uri(url)


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> element; <, > and & are escaped so text from
    editors cannot close the script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def article_json_ld(context, page):
    """schema.org NewsArticle data for an article page."""
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title,
        "description": page.summary,
        "datePublished": page.first_published_at or page.date,
        "dateModified": page.last_published_at or page.first_published_at or page.date,
        "inLanguage": page.locale.language_code,
        "mainEntityOfPage": page.get_full_url(request),
        "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
    }
    if page.author_id:
        data["author"] = {"@type": "Person", "name": page.author.name}
    image = context.get("og_image_url")
    if image:
        data["image"] = [image]
    return json_ld(data)


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The main navigation: the active language's home page's children shown in menus, as
    (pk, title, url). Kept in the cache until the next publish (cms.cache.purge)."""
    from wagtail.models import Locale

    from cms import cache
    from cms.models import HomePage

    request = context.get("request")
    language = get_language() or settings.LANGUAGE_CODE
    host = request.get_host() if request is not None else ""
    key = f"cms:menu:{host}:{language}:{cache.generation(request)}"
    store = cache.shared_cache()
    items = store.get(key)
    if items is None:
        home = HomePage.objects.live().filter(locale=Locale.get_active()).first()
        children = home.get_children().live().public().in_menu() if home else []
        items = [{"pk": page.pk, "title": page.title, "url": page.get_url(request)} for page in children]
        store.set(key, items, 3600)
    return items


@register.simple_tag
def cta_href(value):
    """Where a call-to-action block points."""
    from cms.blocks import call_to_action_href

    return call_to_action_href(value)
