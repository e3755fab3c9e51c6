"""The middleware trimmed for speed (config/middleware.py, cms/cache.py, the session and
two-factor checks) behaves exactly as what it replaces: the same language, headers and
messages as Django's own middleware, the same cacheability whatever the thread did before.
Each request a check now skips, or a read it now spares, has a test below showing the
behaviour still holds where it matters (two-factor, the CSP nonce, campaign attribution,
the site's 404)."""

import re

import pytest
from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.test import RequestFactory
from django.urls import path
from django.utils import translation
from django.utils.functional import empty

from campaigns.accounts import roles
from cms.cache import may_be_cached
from config.middleware import LazyMessageMiddleware, LocaleMiddleware
from config.urls import urlpatterns as site_urlpatterns

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
    return seen["language"], request.LANGUAGE_CODE, response.get("Content-Language")


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("extra", CLIENT_CHOICES)
def test_locale_middleware_chooses_as_djangos_own(path, extra):
    assert _through(LocaleMiddleware, path, extra) == _through(DjangoLocaleMiddleware, path, extra)


@pytest.mark.parametrize("path", PATHS)
def test_no_vary_on_accept_language_since_only_the_path_chooses_the_language(path):
    """Django's adds "Vary: Accept-Language" to unprefixed paths though, with i18n patterns
    whose default language has no prefix, it ignores that header there too (the choices
    above are the same whatever the browser sends). A Vary already set is left as it was."""
    chosen = {_through(LocaleMiddleware, path, extra) for extra in CLIENT_CHOICES}
    assert len(chosen) == 1
    response = LocaleMiddleware(lambda request: HttpResponse("ok"))(RequestFactory().get(path))
    assert "Vary" not in response

    def varies_on_cookie(request):
        response = HttpResponse("ok")
        response["Vary"] = "Cookie"
        return response

    assert LocaleMiddleware(varies_on_cookie)(RequestFactory().get(path))["Vary"] == "Cookie"


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


# --- Skipped paths: each skip still keeps its behaviour where it matters ----------------

def _minimal(request):
    return HttpResponse("ok", content_type="text/plain")


def _nonce(request):
    return HttpResponse(str(request.csp_nonce), content_type="text/plain")


# The site's URLs behind one minimal view, like bench/middleware's (see `urls` marks below).
urlpatterns = [path("__minimal__", _minimal), path("__nonce__", _nonce), *site_urlpatterns]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_signed_in_trainee_costs_the_session_and_the_user_only(client, django_assert_num_queries):
    """Two-factor's role check is read with the user (accounts/backends.py), not by a query
    of its own: a trainee's request reads what bare Django's would (session, user)."""
    from tests.security.helpers import make_user

    client.force_login(make_user(roles.TRAINEE))
    assert client.get("/__minimal__").status_code == 200  # stamps the session's first activity
    with django_assert_num_queries(2):
        assert client.get("/__minimal__").status_code == 200


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_role_that_needs_two_factor_applies_at_the_next_request(client):
    from django.contrib.auth.models import Group

    from tests.security.helpers import make_user

    user = make_user(roles.TRAINEE)
    client.force_login(user)
    assert client.get("/__minimal__").status_code == 200
    user.groups.add(Group.objects.get(name=roles.APPROVER))
    response = client.get("/__minimal__")
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/setup/")
    user.groups.remove(Group.objects.get(name=roles.APPROVER))
    assert client.get("/__minimal__").status_code == 200


@pytest.mark.django_db
def test_two_factor_reads_the_role_itself_for_a_user_loaded_elsewhere():
    from django.contrib.auth import get_user_model

    from campaigns.security.twofactor import requires_two_factor
    from tests.security.helpers import make_user

    approver, trainee = make_user(roles.APPROVER), make_user(roles.TRAINEE)
    User = get_user_model()
    assert requires_two_factor(User.objects.get(pk=approver.pk))
    assert not requires_two_factor(User.objects.get(pk=trainee.pk))


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_csp_nonce_is_spent_after_every_response(client):
    from csp.exceptions import CSPNonceError

    first = RequestFactory().get("/__minimal__")
    response = client.get("/__nonce__")  # a view that used its nonce: django-csp's own path
    assert len(response.content) >= 16
    assert response["Content-Security-Policy"] == client.get("/__minimal__")["Content-Security-Policy"]
    from campaigns.security.csp import PolicyMiddleware

    middleware = PolicyMiddleware(lambda request: HttpResponse("ok"))
    for request in (first, RequestFactory().get("/__minimal__")):
        middleware(request)
        with pytest.raises(CSPNonceError):
            str(request.csp_nonce)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["cd=tet-2027", "%63d=tet-2027", "x=1&cd=tet-2027&cdm=email"])
def test_the_campaign_is_remembered_in_the_session_however_the_query_spells_it(query):
    from campaigns.reach import attribution
    from campaigns.reach.middleware import PageMarkMiddleware

    request = RequestFactory().get(f"/dao-tao/?{query}")
    SessionMiddleware(lambda r: None).process_request(request)
    request.session["signed_in"] = True  # a visitor with a session
    PageMarkMiddleware(lambda r: HttpResponse("ok"))(request)
    assert request.session[attribution.SESSION_KEY] == ["tet-2027", "email" if "cdm" in query else "page"]


def test_a_request_whose_query_cannot_carry_a_campaign_is_not_parsed():
    from campaigns.reach.middleware import PageMarkMiddleware

    for query in ("", "?page=2"):
        request = RequestFactory().get(f"/dao-tao/{query}")
        PageMarkMiddleware(lambda r: HttpResponse("ok"))(request)
        assert "GET" not in request.__dict__


def test_counted_views_follow_the_setting():
    from django.test import override_settings

    from campaigns.reach.middleware import COUNTED_VIEWS, counted_views

    assert counted_views() == COUNTED_VIEWS
    with override_settings(REACH_COUNTED_VIEWS=frozenset({"cms_search"})):
        assert counted_views() == {"cms_search"}
    assert counted_views() == COUNTED_VIEWS


def test_the_site_404_middleware_leaves_the_chain_when_debug_is_off(settings):
    from django.core.exceptions import MiddlewareNotUsed

    from config.errors import SiteErrorPagesMiddleware

    settings.DEBUG = False
    with pytest.raises(MiddlewareNotUsed):
        SiteErrorPagesMiddleware(lambda request: HttpResponse("ok"))
    settings.DEBUG = True
    assert SiteErrorPagesMiddleware(lambda request: HttpResponse("ok")) is not None


@pytest.mark.parametrize("code", ["vi", "en"])
def test_the_language_code_remembered_follows_the_settings(settings, code):
    settings.LANGUAGE_CODE = code
    assert _through(LocaleMiddleware, "/tin-tuc/bai/", {}) == _through(DjangoLocaleMiddleware, "/tin-tuc/bai/", {})


@pytest.mark.django_db
def test_the_signed_in_layer_lets_a_request_without_session_through_untouched():
    from django.contrib.auth.models import AnonymousUser
    from django.utils.functional import SimpleLazyObject

    from campaigns.security.signed_in import SignedInMiddleware

    loaded = []
    request = RequestFactory().get("/tin-tuc/bai/")
    SessionMiddleware(lambda r: None).process_request(request)
    user = request.user = SimpleLazyObject(lambda: loaded.append(True) or AnonymousUser())
    response = SignedInMiddleware(lambda r: HttpResponse("ok"))(request)
    assert response.status_code == 200 and loaded == [] and request.user is user


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_signed_in_account_still_gets_django_otps_verification(client, settings):
    from campaigns.security.signed_in import SignedInMiddleware
    from tests.security.helpers import make_user

    seen = {}

    def view(request):
        seen["verified"] = request.user.is_verified()
        seen["device"] = request.user.otp_device
        return HttpResponse("ok")

    user = make_user(roles.TRAINEE)
    client.force_login(user)
    request = RequestFactory().get("/__minimal__", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}")
    SessionMiddleware(lambda r: None).process_request(request)
    from django.contrib.auth.middleware import AuthenticationMiddleware

    AuthenticationMiddleware(lambda r: None).process_request(request)
    assert SignedInMiddleware(view)(request).status_code == 200
    assert seen == {"verified": False, "device": None}


@pytest.mark.django_db
def test_wagtails_redirects_still_answer_404s_and_leave_other_responses_alone():
    from django.http import HttpResponseNotFound
    from wagtail.contrib.redirects.models import Redirect

    from config.middleware import RedirectMiddleware

    Redirect.objects.create(old_path="/tin-cu", redirect_link="/tin-tuc/", is_permanent=True)
    not_found = RedirectMiddleware(lambda request: HttpResponseNotFound("x"))
    response = not_found(RequestFactory().get("/tin-cu/"))
    assert response.status_code == 301 and response["Location"] == "/tin-tuc/"
    assert not_found(RequestFactory().get("/khong-co/")).status_code == 404
    found = RedirectMiddleware(lambda request: HttpResponse("ok"))(RequestFactory().get("/tin-cu/"))
    assert found.status_code == 200


@pytest.mark.parametrize("path", ["/", "/en/", "/en/news/first/"])
def test_content_language_is_djangos_when_a_view_speaks_another_language_for_a_while(path):
    """The header names the language the middleware chose without asking the thread again:
    a view that renders in another language inside translation.override (as Wagtail's admin,
    {% language %} and e-mails do) leaves the same header as Django's own middleware would."""

    def view(request):
        with translation.override("en" if translation.get_language() == "vi" else "vi"):
            return HttpResponse(translation.gettext("Đăng ký"))

    ours = LocaleMiddleware(view)(RequestFactory().get(path))
    djangos = DjangoLocaleMiddleware(view)(RequestFactory().get(path))
    assert ours["Content-Language"] == djangos["Content-Language"] == ("en" if path.startswith("/en/") else "vi")


def _common_answer(middleware_class, make_response, path, host):
    request = RequestFactory().get(path, HTTP_HOST=host)
    try:
        response = middleware_class(lambda r: make_response())(request)
    except Exception as exc:  # the Host check raises DisallowedHost
        return type(exc).__name__
    body = b"".join(response) if response.streaming else response.content
    return response.status_code, dict(response.items()), body


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8000", "evil.example", "127.0.0.1@evil.example"])
@pytest.mark.parametrize("path", ["/tin-tuc", "/tin-tuc/", "/khong-co", "/__bench__/minimal", "/dao-tao?x=1"])
@pytest.mark.parametrize("kind", ["ok", "sized", "not found", "streaming", "redirect"])
def test_common_middleware_answers_as_djangos(settings, host, path, kind):
    """config.middleware.CommonMiddleware against Django's on the same requests: the same
    status, headers (Content-Length among them) and body, the same slash redirect on a 404
    of a path that exists with a slash, the same refusal of a Host not allowed."""
    from django.http import HttpResponseNotFound, HttpResponseRedirect, StreamingHttpResponse
    from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware

    from config.middleware import CommonMiddleware

    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    make = {
        "ok": lambda: HttpResponse("Xin chào"),
        "sized": lambda: HttpResponse("abc", headers={"Content-Length": "3"}),
        "not found": lambda: HttpResponseNotFound("không có"),
        "streaming": lambda: StreamingHttpResponse(iter([b"a", b"b"])),
        "redirect": lambda: HttpResponseRedirect("/tin-tuc/"),
    }[kind]
    ours = _common_answer(CommonMiddleware, make, path, host)
    assert ours == _common_answer(DjangoCommonMiddleware, make, path, host)
    if kind == "ok" and host == "127.0.0.1":
        assert ours[1]["Content-Length"] == str(len("Xin chào".encode()))


def _session_answer(middleware_class, cookie, action):
    from django.conf import settings

    def view(request):
        if action == "read":
            request.session.get("x")
        elif action == "write":
            request.session["x"] = "Chào"
        elif action == "flush":
            request.session.flush()
        elif action == "drop":
            del request.session
        return HttpResponse("ok")

    extra = {"HTTP_COOKIE": f"{settings.SESSION_COOKIE_NAME}={cookie}"} if cookie is not None else {}
    response = middleware_class(view)(RequestFactory().get("/", **extra))
    cookies = {name: {key: value for key, value in morsel.items() if key != "expires"} | {"set": bool(morsel.value)}
               for name, morsel in response.cookies.items()}
    return response.status_code, dict(response.items()), cookies


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", [None, "", "not-a-session-key", "valid"])
@pytest.mark.parametrize("action", ["none", "read", "write", "flush", "drop"])
@pytest.mark.parametrize("save_every_request", [False, True])
def test_session_middleware_answers_as_djangos(settings, cookie, action, save_every_request):
    """config.middleware.SessionMiddleware against Django's on the same requests: with no
    session cookie, an empty one, a key that is no session and a live session, whatever the
    view does with the session, the same headers (Vary) and cookies (set, refreshed, deleted)."""
    from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware

    from config.middleware import SessionMiddleware

    settings.SESSION_SAVE_EVERY_REQUEST = save_every_request
    answers = []
    for middleware_class in (DjangoSessionMiddleware, SessionMiddleware):
        key = cookie
        if cookie == "valid":
            store = SessionMiddleware(lambda request: None).SessionStore()
            store["x"] = "có"
            store.create()
            key = store.session_key
        answers.append(_session_answer(middleware_class, key, action))
    assert answers[0] == answers[1]


def test_the_deploy_checks_still_watch_the_session_cookie_settings(settings):
    """Two of Django's deploy checks look for its SessionMiddleware by name, which the
    project's subclass replaces; their twins for the sessions app still warn."""
    from django.core import checks

    settings.SESSION_COOKIE_SECURE = False
    settings.SESSION_COOKIE_HTTPONLY = False
    found = {message.id for message in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])}
    assert {"security.W010", "security.W013"} <= found


def test_a_host_once_accepted_is_not_checked_again_until_the_settings_change(settings):
    """The Host header values get_host() accepted are remembered (config/middleware.py): a
    Host never accepted is still refused after one that was, a forwarded Host is the one
    checked where the proxy's is trusted, and a change of ALLOWED_HOSTS forgets them."""
    from django.core.exceptions import DisallowedHost, PermissionDenied

    from config.middleware import CommonMiddleware

    settings.ALLOWED_HOSTS = ["phunu.example.gov.vn"]
    layer = CommonMiddleware(lambda request: HttpResponse("ok"))
    for _ in range(2):
        assert layer(RequestFactory().get("/", HTTP_HOST="phunu.example.gov.vn")).status_code == 200
        with pytest.raises(DisallowedHost):
            layer(RequestFactory().get("/", HTTP_HOST="evil.example"))
    settings.USE_X_FORWARDED_HOST = True
    with pytest.raises(DisallowedHost):
        layer(RequestFactory().get("/", HTTP_HOST="phunu.example.gov.vn", HTTP_X_FORWARDED_HOST="evil.example"))
    assert layer(RequestFactory().get("/", HTTP_HOST="evil.example",
                                      HTTP_X_FORWARDED_HOST="phunu.example.gov.vn")).status_code == 200
    settings.ALLOWED_HOSTS = ["other.example.gov.vn"]
    with pytest.raises(DisallowedHost):
        layer(RequestFactory().get("/", HTTP_HOST="evil.example", HTTP_X_FORWARDED_HOST="phunu.example.gov.vn"))
    settings.DISALLOWED_USER_AGENTS = [re.compile("BadBot")]
    with pytest.raises(PermissionDenied):
        layer(RequestFactory().get("/", HTTP_HOST="other.example.gov.vn", HTTP_USER_AGENT="BadBot/1.0"))


@pytest.mark.django_db
def test_authentication_middleware_gives_the_same_lazy_user_as_djangos(client, settings):
    """config.middleware.AuthenticationMiddleware against Django's: the same user for a
    session of a signed-in trainee and for none, lazy until used, read with the same queries
    and once, the same `auser`, and Django's error when the session layer is missing."""
    from asgiref.sync import async_to_sync
    from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
    from django.core.exceptions import ImproperlyConfigured
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from config.middleware import AuthenticationMiddleware
    from tests.security.helpers import make_user

    user = make_user(roles.TRAINEE)
    client.force_login(user)
    for cookie in ("", f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}"):
        answers = []
        for middleware_class in (DjangoAuthenticationMiddleware, AuthenticationMiddleware):
            request = RequestFactory().get("/", HTTP_COOKIE=cookie)
            SessionMiddleware(lambda r: None).process_request(request)
            seen = {}

            def view(request, seen=seen):
                seen["lazy"] = object.__getattribute__(request.user, "_wrapped") is empty
                with CaptureQueriesContext(connection) as queries:
                    seen["user"] = (request.user.pk, request.user.is_authenticated, request.user.pk)
                seen["queries"] = len(queries)
                seen["auser"] = async_to_sync(request.auser)().pk
                return HttpResponse("ok")

            assert middleware_class(view)(request).status_code == 200
            answers.append(seen)
        assert answers[0] == answers[1] and answers[1]["lazy"]
    assert answers[1]["user"] == (user.pk, True, user.pk) and answers[1]["queries"] >= 1
    with pytest.raises(ImproperlyConfigured):
        AuthenticationMiddleware(lambda r: HttpResponse("ok"))(RequestFactory().get("/"))
