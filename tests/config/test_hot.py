"""config/hot.py: what the middleware reads on every request, for less, must answer exactly
what Django's own API answers, and must fail here, loudly, if a Django upgrade changes the
internals it leans on (LazyObject's `_wrapped`/`_setupfunc`, ResponseHeaders' store)."""

import copy

from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.functional import SimpleLazyObject

from config.hot import QuickLazy, checked_header, default_header, header, hot_settings, is_unused


class _Lazy(QuickLazy, SimpleLazyObject):
    pass


def test_a_setting_read_once_follows_override_settings():
    assert hot_settings.LANGUAGE_CODE == "vi"
    with override_settings(LANGUAGE_CODE="en"):
        assert hot_settings.LANGUAGE_CODE == "en"
    assert hot_settings.LANGUAGE_CODE == "vi"


def test_the_settings_fixture_is_followed_too(settings):
    settings.SESSION_COOKIE_NAME = "phien"
    assert hot_settings.SESSION_COOKIE_NAME == "phien"


def test_a_quick_lazy_object_is_made_on_first_use_only_and_once():
    made = []
    lazy = _Lazy(lambda: made.append(1) or ["một", "hai"])
    assert is_unused(lazy) and made == []
    assert "<_Lazy:" in repr(lazy) and made == []  # repr does not evaluate, as Django's
    assert len(lazy) == 2 and lazy[0] == "một" and list(lazy) == ["một", "hai"]
    assert not is_unused(lazy) and made == [1]
    assert copy.copy(lazy) == ["một", "hai"] and copy.deepcopy(lazy) == ["một", "hai"] and made == [1]


def test_an_unused_quick_lazy_object_copies_as_djangos_own():
    for lazy in (_Lazy(lambda: "x"), _Lazy(str.lower, "X")):
        assert str(copy.copy(lazy)) == "x" and str(copy.deepcopy(lazy)) == "x"
        assert is_unused(lazy)
        assert str(lazy) == "x" and not is_unused(lazy)


def test_the_quick_nonce_behaves_as_django_csps_own():
    from csp.exceptions import CSPNonceError

    from campaigns.security.csp import PolicyMiddleware

    request = RequestFactory().get("/")
    seen = {}

    def view(request):
        seen["unused"] = not request.csp_nonce  # django-csp's CheckableLazyObject: False until used
        seen["nonce"] = str(request.csp_nonce)
        return HttpResponse("ok")

    PolicyMiddleware(view)(request)
    assert seen["unused"] and len(seen["nonce"]) >= 16 and request._csp_nonce == seen["nonce"]
    request = RequestFactory().get("/")
    PolicyMiddleware(lambda request: HttpResponse("ok"))(request)
    try:
        str(request.csp_nonce)
        raise AssertionError("a spent nonce must raise")
    except CSPNonceError:
        pass


def test_header_answers_as_the_response_headers_own_get():
    response = HttpResponse("ok", content_type="text/plain")
    response["Vary"] = "Cookie"
    response["X-Reach-Page"] = "12"
    for name in ("vary", "x-reach-page", "content-type", "content-language", "content-security-policy"):
        assert header(response, name) == response.headers.get(name)
    del response["Vary"]
    assert header(response, "vary") is None


def test_default_header_writes_what_djangos_setdefault_writes():
    for name, value in (("Content-Language", "vi"), ("Content-Security-Policy", "default-src 'self'"),
                        ("X-Tiêu-Đề", "ok"), ("X-Note", "Người duyệt")):  # a non-ASCII name or value too
        try:
            expected = HttpResponse("ok")
            expected.headers.setdefault(name, value)
        except UnicodeError as error:  # Django refuses a non-ASCII name: so must checked_header
            try:
                checked_header(name, value)
            except UnicodeError as ours:
                assert type(ours) is type(error)
                continue
            raise AssertionError(f"{name!r} should be refused")
        response = HttpResponse("ok")
        default_header(response, checked_header(name, value))
        assert list(response.items()) == list(expected.items())
        assert response.headers.get(name) == expected.headers.get(name) and response.has_header(name.upper())
        assert response.serialize_headers() == expected.serialize_headers()


def test_default_header_keeps_a_header_the_response_has():
    response = HttpResponse("ok")
    response["Content-Language"] = "en"
    default_header(response, checked_header("Content-Language", "vi"))
    assert response["content-language"] == "en" and len([k for k, _ in response.items() if k.lower() == "content-language"]) == 1
