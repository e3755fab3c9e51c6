"""The checks that concern signed-in accounts, as one layer of the middleware stack:
django_otp's OTPMiddleware (which device verified this session), the session's expiry
(sessions.py) and two-factor (twofactor.py), run in that order exactly as three layers of
their own would run them.

A request that carries no session can only be anonymous (sessions.may_be_signed_in), and
none of the three has anything to do for it: it goes straight on, without django_otp's lazy
wrapper around its anonymous user and through one layer instead of three. That is most
requests. Its anonymous user then has no `is_verified()`: nothing asks an anonymous user
(twofactor.py asks only accounts whose role needs a second factor)."""

from django_otp.middleware import OTPMiddleware

from .sessions import SessionTimeoutMiddleware, may_be_signed_in
from .twofactor import TwoFactorMiddleware


class SignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.signed_in = OTPMiddleware(SessionTimeoutMiddleware(TwoFactorMiddleware(get_response)))

    def __call__(self, request):
        if may_be_signed_in(request):
            return self.signed_in(request)
        return self.get_response(request)
