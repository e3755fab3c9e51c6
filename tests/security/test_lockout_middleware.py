"""django-axes' middleware is listed as its synchronous subclass (campaigns/security/lockout.py),
so axes.W002, which looks for axes' own class name, is silenced: what it guards is held here.
The lockout itself, end to end, is in test_authentication.py."""

from axes.middleware import AxesMiddleware
from django.conf import settings
from django.core import checks
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.utils.module_loading import import_string

from campaigns.security.lockout import LockoutMiddleware


def test_axes_middleware_is_listed_last_as_its_subclass():
    assert issubclass(import_string(settings.MIDDLEWARE[-1]), AxesMiddleware)
    assert settings.MIDDLEWARE[-1] == "campaigns.security.lockout.LockoutMiddleware"


def test_axes_checks_raise_only_the_silenced_name_check():
    found = [message for message in checks.run_checks() if message.id.startswith("axes.")]
    assert [message.id for message in found] == ["axes.W002"]
    assert all(message.is_silenced() for message in found)


def _through(request):
    return LockoutMiddleware(lambda request: HttpResponse("ok"))(request)


def test_a_locked_out_login_gets_the_lockout_page_and_others_pass():
    request = RequestFactory().post("/admin/login/")
    request.axes_locked_out = True
    assert _through(request).status_code == 429
    assert _through(RequestFactory().post("/admin/login/")).status_code == 200


def test_with_axes_disabled_a_locked_out_flag_changes_nothing():
    request = RequestFactory().post("/admin/login/")
    request.axes_locked_out = True
    with override_settings(AXES_ENABLED=False):
        assert _through(request).status_code == 200
