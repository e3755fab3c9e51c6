"""Third-party middleware made to cost what it must on every request, behaviour unchanged:

- `LazyMessageMiddleware`: Django's messages are loaded (their storage chosen, their cookie
  and session read) only when a view or template asks for them, and written back only then;
  a request that never touches them pays nothing.
- `RedirectMiddleware`: Wagtail's, which acts on 404s only, asked only about them.
- `LocaleMiddleware`: Django's, for URL patterns whose default language has no prefix (ours:
  config/urls.py): the language is the path's prefix or LANGUAGE_CODE, so neither the
  language cookie nor Accept-Language is parsed (Django's would parse them, then discard
  them), and the path's language is looked up once (remembered for the last 4,000 paths and
  1,000 prefixes, misses included: Django's lookup raises and catches an exception for every
  path whose first segment is not a language, which is nearly all of them); what the
  middleware does with it (the language, request.LANGUAGE_CODE) is remembered per URLconf
  and path as one answer. Since nothing but the path chooses the language, responses carry
  no "Vary: Accept-Language" (Django's adds it to every path without a language prefix).

- `SessionMiddleware`: Django's, which for a request without a session cookie whose session
  nothing read nor wrote (an anonymous visitor's, most requests) has nothing to do after the
  view, and then does not look again (Django's asks the session whether it is empty by
  raising and catching an AttributeError, and reads four settings).
- `CommonMiddleware`: Django's (the Host header checked on every request, the redirects it
  makes, Content-Length), checking each Host header value against ALLOWED_HOSTS once (a
  value accepted is remembered until those settings change), writing Content-Length without
  checking and encoding a header Django has no need to check (digits), and without first
  raising and catching the KeyError of a missing header (`has_header`).
- `AuthenticationMiddleware`: Django's, with `request.user` the same lazy user made the quick
  way (config/hot.py `QuickLazy`).

Django's checks find the session and authentication layers by subclass (admin.E408, admin.E410,
auth.E013); none looks for CommonMiddleware by name. Two deploy checks look for
SessionMiddleware by name (security.W011, W014), but their twins for the sessions app (W010,
W013) still watch the same cookie settings (tests/security/test_hardening.py).

Each runs as one synchronous `__call__` (Django's MiddlewareMixin would look up and call a
process_request and a process_response method each time), read their settings and response
headers through config/hot.py, and make their lazy objects (the messages, the user) through
it. tests/config/test_middleware_costs.py holds each to what Django's own answers."""

import functools

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.auth.middleware import AuthenticationMiddleware as _AuthenticationMiddleware
from django.contrib.auth.middleware import auser, get_user
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.middleware import SessionMiddleware as _SessionMiddleware
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware.common import CommonMiddleware as _CommonMiddleware
from django.middleware.locale import LocaleMiddleware as _LocaleMiddleware
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation.trans_real import get_supported_language_variant, language_code_prefix_re
from wagtail.contrib.redirects.middleware import RedirectMiddleware as _RedirectMiddleware

from config.hot import QuickLazy, checked_header, default_header, hot_settings, is_unused


class _LazyStorage(QuickLazy, SimpleLazyObject):
    pass


class _LazyUser(QuickLazy, SimpleLazyObject):
    pass


class AuthenticationMiddleware(_AuthenticationMiddleware):
    async_capable = False

    def __call__(self, request):
        if "session" not in request.__dict__:
            super().process_request(request)  # Django's error when the session layer is missing
        # Django's process_request: SimpleLazyObject(lambda: get_user(request)), and auser.
        request.user = _LazyUser(get_user, request)
        request.auser = functools.partial(auser, request)
        return self.get_response(request)


class SessionMiddleware(_SessionMiddleware):
    async_capable = False

    def __call__(self, request):
        # Django's process_request, the cookie's name read once per process.
        key = request.COOKIES.get(hot_settings.SESSION_COOKIE_NAME)
        request.session = self.SessionStore(key)
        response = self.get_response(request)
        if key is None and _untouched(request.__dict__.get("session")):
            # Django's process_response has nothing to do: no cookie to delete, nothing read
            # to vary on, nothing written to save (nor, the session being empty, to save
            # again under SESSION_SAVE_EVERY_REQUEST).
            return response
        return self.process_response(request, response)


def _untouched(session):
    return session is not None and getattr(session, "accessed", True) is False and getattr(session, "modified", True) is False


class CommonMiddleware(_CommonMiddleware):
    async_capable = False

    def __call__(self, request):
        response = self.process_request(request)
        if response is None:
            response = self.get_response(request)
        if response.status_code == 404 or response.streaming:
            return self.process_response(request, response)  # Django's: the slash redirect
        store = response.headers._store  # what header() reads (config/hot.py)
        if "content-length" not in store:
            # Django's process_response sets str(len(response.content)) through the checks of
            # ResponseHeaders, which a string of digits always passes.
            store["content-length"] = ("Content-Length", str(len(response.content)))
        return response

    def process_request(self, request):
        """Django's (user agents, the Host header, www), with the Host header checked once per
        value: a Host that request.get_host() accepted is remembered (up to 1,000 values, until
        a setting it reads changes), and the next request with it is not split, lowered and
        matched against ALLOWED_HOSTS again. Any other Host still goes through get_host(), which
        raises DisallowedHost as before."""
        if hot_settings.DISALLOWED_USER_AGENTS or hot_settings.PREPEND_WWW:
            return super().process_request(request)
        meta = request.META
        # Django's request._get_raw_host(), for a request that names its host (they all do).
        if hot_settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
            host = meta["HTTP_X_FORWARDED_HOST"]
        else:
            host = meta.get("HTTP_HOST")
        if host is None or host not in _accepted_hosts:
            request.get_host()  # raises DisallowedHost for a Host not allowed
            if host is not None and len(_accepted_hosts) < 1000:
                _accepted_hosts.add(host)
        return None


# The Host header values request.get_host() has accepted under the current settings.
_accepted_hosts = set()


@receiver(setting_changed)
def _forget_hosts(*, setting, **kwargs):
    if setting in ("ALLOWED_HOSTS", "DEBUG", "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT",
                   "SECURE_PROXY_SSL_HEADER"):
        _accepted_hosts.clear()


class LazyMessageMiddleware(MessageMiddleware):
    async_capable = False  # one synchronous call per request, like the project's own layers

    def __call__(self, request):
        request._messages = messages = _LazyStorage(default_storage, request)
        response = self.get_response(request)
        if request.__dict__.get("_messages") is messages and is_unused(messages):
            return response  # never read nor added to: nothing to store
        return self.process_response(request, response)


class RedirectMiddleware(_RedirectMiddleware):
    async_capable = False

    def __call__(self, request):
        response = self.get_response(request)
        return response if response.status_code != 404 else self.process_response(request, response)


class LocaleMiddleware(_LocaleMiddleware):
    async_capable = False

    def __call__(self, request):
        # request.urlconf is set by another middleware, if ever: read without an AttributeError.
        chosen = _language_for(request.__dict__.get("urlconf") or hot_settings.ROOT_URLCONF, request.path_info)
        if chosen is None:
            return super().__call__(request)  # Django's own, unchanged
        language, code = chosen
        request.LANGUAGE_CODE = code
        translation.activate(language)
        response = self.get_response(request)
        # Django's process_response, less the redirect to a prefixed URL, which only prefixed
        # defaults need, and less "Vary: Accept-Language": the language never depends on that
        # header here (nor on anything but the path), so the header would only make caches
        # keep one copy of the same page per browser language.
        # What translation.get_language() answers now, without reading the thread's translation
        # again (about 1 µs through asgiref's Local): nothing the project runs activates a
        # language but this middleware; views and templates that speak another (Wagtail's
        # admin, {% language %}, e-mails) override it in a block that restores it. A
        # Content-Language the view set itself stays.
        default_header(response, _content_language(code))
        return response


@functools.lru_cache(maxsize=4000)
def _language_for(urlconf, path):
    """What LocaleMiddleware chooses for `path` under `urlconf`: (the language to activate,
    request.LANGUAGE_CODE); None where Django's own middleware decides (no i18n patterns,
    or a prefixed default language)."""
    used, prefixed = is_language_prefix_patterns_used(urlconf)
    if not used or prefixed:
        return None
    language = language_from_path(path) or settings.LANGUAGE_CODE
    return language, _active_language(language)


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


@functools.lru_cache(maxsize=100)
def _content_language(code):
    return checked_header("Content-Language", code)


@receiver(setting_changed)
def _forget_languages(*, setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "USE_I18N"):
        for remembered in (_language_for, language_from_path, _supported_language, _active_language, _content_language):
            remembered.cache_clear()
