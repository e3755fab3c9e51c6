"""bench/pages/settings.py, and with BENCH_REACH_OFF=1 the same site without the reach
middlewares: the baseline of bench/pages/counting.py."""

import os

from bench.pages.settings import *  # noqa: F403
from bench.pages.settings import MIDDLEWARE

if os.environ.get("BENCH_REACH_OFF") == "1":
    MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("campaigns.reach.")]
