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
# Number of reverse proxies in front of the app (production: 1); rate limits and lockout
# read the client address the outermost trusted proxy saw.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if TRUSTED_PROXY_COUNT else ["REMOTE_ADDR"]

# Two-factor (TOTP) for approvers, administrators and superusers; on unless turned off.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Phu nu lanh dao"
OTP_TOTP_THROTTLE_FACTOR = 1

# Sessions: 8 hours at most after login (SESSION_COOKIE_AGE), 30 minutes idle; the cookie
# dies with the browser unless "remember me" was ticked on the login form.
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
