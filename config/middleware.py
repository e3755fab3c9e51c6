"""Third-party middleware made to cost what it must on every request, behaviour unchanged:

- `LazyMessageMiddleware`: Django's messages are loaded (their storage chosen, their cookie
  and session read) only when a view or template asks for them, and written back only then;
  a request that never touches them pays nothing.
- `LocaleMiddleware`: Django's, for URL patterns whose default language has no prefix (ours:
  config/urls.py): the language is the path's prefix or LANGUAGE_CODE, so neither the
  language cookie nor Accept-Language is parsed (Django's would parse them, then discard
  them), and the path's language is looked up once (remembered for the last 4,000 paths and
  1,000 prefixes, misses included: Django's lookup raises and catches an exception for every
  path whose first segment is not a language, which is nearly all of them)."""

import functools

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware as _LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation.trans_real import get_supported_language_variant, language_code_prefix_re


class LazyMessageMiddleware(MessageMiddleware):
    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = request.__dict__.get("_messages")
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response  # never read nor added to: nothing to store
        return super().process_response(request, response)


class LocaleMiddleware(_LocaleMiddleware):
    def process_request(self, request):
        used, prefixed = is_language_prefix_patterns_used(getattr(request, "urlconf", settings.ROOT_URLCONF))
        if not used or prefixed:
            return super().process_request(request)
        request._language_from_path = language_from_path(request.path_info)
        language = request._language_from_path or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = _active_language(language)
        return None

    def process_response(self, request, response):
        if "_language_from_path" not in request.__dict__:
            return super().process_response(request, response)
        # Django's, less the redirect to a prefixed URL, which only prefixed defaults need.
        if not request._language_from_path:
            if "Vary" in response:
                patch_vary_headers(response, ("Accept-Language",))
            else:  # what patch_vary_headers would write, without parsing an absent header
                response.headers["Vary"] = "Accept-Language"
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


@functools.lru_cache(maxsize=4000)
def language_from_path(path):
    """Django's translation.get_language_from_path(path), remembered for the last 4,000
    paths (the page cache asks it too, for the same path, earlier in the same request)."""
    match = language_code_prefix_re.match(path)
    return _supported_language(match[1]) if match else None


@functools.lru_cache(maxsize=1000)
def _supported_language(code):
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


@functools.lru_cache(maxsize=100)
def _active_language(code):
    """What translation.get_language() answers while `code` is active (Django's own
    middleware asks it right after activating)."""
    with translation.override(code):
        return translation.get_language()


@receiver(setting_changed)
def _forget_languages(*, setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N"):
        for remembered in (language_from_path, _supported_language, _active_language):
            remembered.cache_clear()
