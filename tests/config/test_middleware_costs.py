"""The middleware trimmed for speed (config/middleware.py, cms/cache.py, the session and
two-factor checks) behaves exactly as what it replaces: the same language, headers and
messages as Django's own middleware, the same cacheability whatever the thread did before."""

import pytest
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.test import RequestFactory
from django.utils import translation
from django.utils.functional import empty

from cms.cache import may_be_cached
from config.middleware import LazyMessageMiddleware, LocaleMiddleware

PATHS = ["/", "/en/", "/vi/", "/en/news/first/", "/tin-tuc/bai/", "/__bench__/minimal", "/en-us/x/", "/fr/x/",
         "/healthz", "/admin/", "/tai-khoan/dang-nhap/"]
CLIENT_CHOICES = [{}, {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}, {"HTTP_COOKIE": "django_language=en"}]


def _through(middleware_class, path, extra):
    seen = {}

    def view(request):
        seen["language"] = translation.get_language()
        return HttpResponse("ok")

    request = RequestFactory().get(path, **extra)
    response = middleware_class(view)(request)
    return seen["language"], request.LANGUAGE_CODE, response.get("Vary"), response.get("Content-Language")


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("extra", CLIENT_CHOICES)
def test_locale_middleware_chooses_as_djangos_own(path, extra):
    assert _through(LocaleMiddleware, path, extra) == _through(DjangoLocaleMiddleware, path, extra)


@pytest.mark.parametrize("previous", ["vi", "en"])
def test_cacheability_does_not_depend_on_the_previous_requests_language(previous):
    factory = RequestFactory()
    with translation.override(previous):
        assert may_be_cached(factory.get("/tin-tuc/bai/"))
        assert may_be_cached(factory.get("/en/news/first/"))
        assert not may_be_cached(factory.get("/healthz"))
        assert not may_be_cached(factory.get("/admin/"))


def _with_messages(middleware_class, view, cookies=None):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    response = SessionMiddleware(middleware_class(view))(request)
    return request, response


@pytest.mark.django_db
@pytest.mark.parametrize("middleware_class", [LazyMessageMiddleware, MessageMiddleware])
def test_messages_added_are_kept_for_the_next_request_and_untouched_ones_cost_nothing(middleware_class):
    def add(request):
        messages.success(request, "Đã lưu.")
        return HttpResponse("ok")

    def show(request):
        return HttpResponse("|".join(str(m) for m in messages.get_messages(request)))

    _request, response = _with_messages(middleware_class, add)
    cookies = {name: morsel.value for name, morsel in response.cookies.items()}
    assert "messages" in cookies
    _request, shown = _with_messages(middleware_class, show, cookies)
    assert shown.content.decode() == "Đã lưu."
    request, untouched = _with_messages(middleware_class, lambda request: HttpResponse("ok"))
    assert "messages" not in untouched.cookies
    if middleware_class is LazyMessageMiddleware:
        assert request._messages._wrapped is empty  # never loaded


@pytest.mark.django_db
def test_a_request_without_session_never_loads_its_user():
    from django.contrib.auth.models import AnonymousUser
    from django.utils.functional import SimpleLazyObject

    from campaigns.security.sessions import SessionTimeoutMiddleware
    from campaigns.security.twofactor import TwoFactorMiddleware

    loaded = []
    request = RequestFactory().get("/tin-tuc/bai/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = SimpleLazyObject(lambda: loaded.append(True) or AnonymousUser())
    response = SessionTimeoutMiddleware(TwoFactorMiddleware(lambda r: HttpResponse("ok")))(request)
    assert response.status_code == 200 and loaded == []
