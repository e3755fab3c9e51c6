"""Notifications: channels, dispatcher batches, retries, rate limits."""

import environ

env = environ.Env()

# --- Notifications ------------------------------------------------------------------

# Email for notifications: empty means EMAIL_BACKEND (SMTP from the environment, or an
# anymail backend such as "anymail.backends.amazon_ses.EmailBackend" with its ANYMAIL settings).
NOTIFICATIONS_EMAIL_BACKEND = env.str("NOTIFICATIONS_EMAIL_BACKEND", default="")
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env.str("NOTIFICATIONS_MESSAGE_ID_DOMAIN", default="phunu-lanhdao.local")
NOTIFICATIONS_DEFAULT_CHANNEL = "email"
# Offer the development-only console channel ("Nhật ký (phát triển)") in the admin's forms.
NOTIFICATIONS_CONSOLE_CHANNEL = env.bool("NOTIFICATIONS_CONSOLE_CHANNEL", default=False)
NOTIFICATIONS_KICK_AFTER_COMMIT = env.bool("NOTIFICATIONS_KICK_AFTER_COMMIT", default=True)
NOTIFICATIONS_CHUNK_SIZE = env.int("NOTIFICATIONS_CHUNK_SIZE", default=200)
NOTIFICATIONS_BATCH_SECONDS = env.int("NOTIFICATIONS_BATCH_SECONDS", default=45)
# Dispatcher tasks started at once, and the connections each opens at once (one thread per
# connection). A relay usually takes about ten connections per client: their product is the
# most this deployment opens, and a crash repeats at most one message per open connection.
NOTIFICATIONS_PARALLEL_BATCHES = env.int("NOTIFICATIONS_PARALLEL_BATCHES", default=1)
NOTIFICATIONS_CONNECTIONS = env.int("NOTIFICATIONS_CONNECTIONS", default=10)
NOTIFICATIONS_LEASE_SECONDS = env.int("NOTIFICATIONS_LEASE_SECONDS", default=300)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.int("NOTIFICATIONS_RETRY_BASE_SECONDS", default=60)
NOTIFICATIONS_RETRY_MAX_SECONDS = env.int("NOTIFICATIONS_RETRY_MAX_SECONDS", default=6 * 3600)
# A delivery later than this (minutes past its due time) is marked missed instead of sent.
NOTIFICATIONS_MAX_LATENESS_MINUTES = {"reminder": env.int("NOTIFICATIONS_REMINDER_MAX_LATENESS", default=360)}
NOTIFICATIONS_PLAN_HORIZON_DAYS = env.int("NOTIFICATIONS_PLAN_HORIZON_DAYS", default=60)
# Messages per minute per channel (None: unlimited).
NOTIFICATIONS_RATE_LIMITS = {
    "email": env.int("NOTIFICATIONS_EMAIL_PER_MINUTE", default=0) or None,
    "sms": env.int("NOTIFICATIONS_SMS_PER_MINUTE", default=60) or None,
    "zalo": env.int("NOTIFICATIONS_ZALO_PER_MINUTE", default=60) or None,
}
NOTIFICATIONS_SMS_GATEWAY_URL = env.str("NOTIFICATIONS_SMS_GATEWAY_URL", default="")
NOTIFICATIONS_SMS_API_KEY = env.str("NOTIFICATIONS_SMS_API_KEY", default="")
NOTIFICATIONS_SMS_BRANDNAME = env.str("NOTIFICATIONS_SMS_BRANDNAME", default="SONOIVU")
NOTIFICATIONS_SMS_ASCII = env.bool("NOTIFICATIONS_SMS_ASCII", default=True)
NOTIFICATIONS_SMS_MAX_SEGMENTS = env.int("NOTIFICATIONS_SMS_MAX_SEGMENTS", default=3)
NOTIFICATIONS_SMS_QUIET_HOURS = (21, 7)  # local hours: no SMS from 21:00 to 07:00, deferred
NOTIFICATIONS_ZALO_API_URL = env.str("NOTIFICATIONS_ZALO_API_URL", default="https://business.openapi.zalo.me/message/template")
NOTIFICATIONS_ZALO_ACCESS_TOKEN = env.str("NOTIFICATIONS_ZALO_ACCESS_TOKEN", default="")
NOTIFICATIONS_ASYNC_RESULT_COMMIT = env.bool("NOTIFICATIONS_ASYNC_RESULT_COMMIT", default=True)
