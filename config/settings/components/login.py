"""Login hardening: lockout (django-axes), trusted proxies, two-factor, idle sessions."""

from datetime import timedelta

import environ

env = environ.Env()

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "campaigns.security.backends.normalised_login"
AXES_LOCKOUT_CALLABLE = "campaigns.security.backends.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Number of reverse proxies we run in front of the app (0 unless set: the socket peer is the
# client, and no X-Forwarded-* header is believed). Rate limits, the lockout and /healthz read
# the client's address through one function. See docs/deploy.md.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# A header is believed only when a proxy we run vouches for it: with TRUSTED_PROXY_COUNT = 0
# the socket peer is the client and HTTPS is what gunicorn itself was asked over; with N
# proxies in front, the client is the address the outermost one saw (X-Forwarded-For's N-th
# entry from the right) and X-Forwarded-Proto is the nearest proxy's word.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
AXES_CLIENT_IP_CALLABLE = "campaigns.security.ratelimit.client_ip"

# Two-factor (TOTP) for approvers, administrators and superusers; on unless turned off.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Phu nu lanh dao"
OTP_TOTP_THROTTLE_FACTOR = 1

# Sessions: 8 hours at most after login (SESSION_COOKIE_AGE), 30 minutes idle; the cookie
# dies with the browser unless "remember me" was ticked on the login form.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
