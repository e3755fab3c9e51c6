"""Page URLs remembered per process for what determines them.

Wagtail's Page.get_url_parts reverses the `wagtail_serve` URL, in the page's language,
every time a template asks for a page's URL: on the home page a dozen times (cards, the
canonical and hreflang links, the news index), each ~40 µs of translation switching and
URL reversing. What it returns depends only on the page's url_path, the sites' root paths
(which Wagtail reads once per request), the active language, the script prefix, the URL
conf and settings: with all of these in the key, a remembered answer is the one Wagtail
would give, and cannot go stale (moving a page changes its url_path, editing a site its
root paths). A page on more than one site is left to Wagtail, which then also looks at the
request's site."""

import threading

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

MAX_ENTRIES = 5000

_parts = {}
_lock = threading.Lock()


def url_parts(page, request, compute):
    """`compute()` (Wagtail's get_url_parts for `page` and `request`), remembered."""
    # Wagtail's own per-request copy of Site.get_site_root_paths() (tests/cms/test_page_urls.py
    # fails loudly if an upgrade renames it).
    roots = tuple(page._get_site_root_paths(request))
    key = (page.url_path, roots, get_language(), get_script_prefix(), get_urlconf())
    found = _parts.get(key)
    if found is None:
        found = compute()
        if len({root.site_id for root in roots if page.url_path.startswith(root.root_path)}) <= 1:
            with _lock:
                if len(_parts) >= MAX_ENTRIES:
                    _parts.clear()
                _parts[key] = found
    return found


@receiver(setting_changed)
def _forget(**kwargs):
    """Settings decide URLs too (languages, URL conf, Wagtail's i18n and trailing slash)."""
    with _lock:
        _parts.clear()
