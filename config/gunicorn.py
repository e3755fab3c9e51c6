"""gunicorn's settings, the same for `python3 dev.py run` (Procfile.dev) and production
(Procfile, docs/deploy.md); only the address to bind differs (given on the command line).

A burst — two hundred trainees pressing "Đăng ký" in the same second — must queue, not be
refused: the kernel keeps up to `backlog` connections waiting to be accepted, and each
worker process answers `threads` requests at once (gthread), so a request that waits on the
database does not hold up the ones behind it. Django's development server had neither and
reset most of such a burst's connections."""

import os

wsgi_app = "config.wsgi"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "4"))
backlog = int(os.environ.get("WEB_BACKLOG", "2048"))
# A request still running after this many seconds is cut off and its worker replaced.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
accesslog = "-"
# gunicorn believes no X-Forwarded-* header from anyone (its default trusts 127.0.0.1): the
# application decides whom to believe, by TRUSTED_PROXY_COUNT (docs/deploy.md, "Proxies").
forwarded_allow_ips = ""
