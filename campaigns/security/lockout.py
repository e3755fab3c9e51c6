"""django-axes' middleware for this project's synchronous stack (settings.MIDDLEWARE, last).

`AxesMiddleware` can run in either mode, so on every request it asks whether it was made
async (an `iscoroutinefunction` check on itself) before doing its one job: answering with
the lockout page when the login that just ran was locked out. Declared synchronous here,
Django never gives it an async chain (under ASGI it adapts, as for the project's other
layers), and the job is the same. django-axes' system check looks for its own class name in
MIDDLEWARE (axes.W002, silenced in config/settings/base.py for that reason);
tests/security/test_lockout_middleware.py holds what the check guarded: this subclass is
listed, last, and a locked-out login still gets the lockout page."""

from axes.helpers import get_lockout_response
from axes.middleware import AxesMiddleware

from config.hot import hot_settings


class LockoutMiddleware(AxesMiddleware):
    async_capable = False

    def __call__(self, request):
        response = self.get_response(request)
        if hot_settings.AXES_ENABLED and getattr(request, "axes_locked_out", None):
            response = get_lockout_response(request, getattr(request, "axes_credentials", None))
        return response
