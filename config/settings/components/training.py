"""Training: registration windows, signed links, check-in codes."""

import environ

env = environ.Env()

# --- Training -----------------------------------------------------------------------

# Hours a trainee has to take a seat offered from the waiting list.
TRAINING_OFFER_WINDOW_HOURS = env.int("TRAINING_OFFER_WINDOW_HOURS", default=48)
# Days a cancel / apology / offer link in an email stays valid.
TRAINING_LINK_MAX_AGE_DAYS = env.int("TRAINING_LINK_MAX_AGE_DAYS", default=60)
# Lock the run before counting seats. Only the concurrency test's negative control turns it off.
TRAINING_REGISTRATION_LOCK = True
# The version of the consent wording shown at sign-up (stored with each consent).
TRAINING_CONSENT_VERSION = "2026-01"
# Seconds a self check-in code shown on screen stays valid (it rotates every minute).
TRAINING_SELF_CHECKIN_STEP = 60
