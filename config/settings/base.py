"""Settings shared by every environment. Everything that differs between machines comes
from the environment (see .env.example); the defaults give a zero-setup machine: SQLite
and a filesystem message broker under var/, mail written to files under var/."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is read when present; real environment variables win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# The machine-local state (SQLite file, broker, mail, cache, media): var/ unless VAR_DIR says
# otherwise (tests start the run command's processes on a folder of their own).
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# With DEBUG, Django's technical 404 page (it lists the URL patterns) only when asked for.
DEBUG_TECHNICAL_ERRORS = env.bool("DJANGO_DEBUG_TECHNICAL_ERRORS", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
PORT = env.int("PORT", default=8000)
# The site's one public address: every absolute link that leaves the system (mail, SMS, Zalo,
# in-site messages, feeds, .ics files, QR codes) is built from it by config.links, in every
# process alike. Never derived from PORT, which honcho sets differently for each process:
# `dev.py run` sets SITE_URL for all of them; production requires it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Applications -------------------------------------------------------------------

INSTALLED_APPS = [
    # The domain
    "campaigns.accounts",
    "campaigns.programme",
    "campaigns.training",
    "campaigns.notifications",
    "campaigns.newsletter",
    "campaigns.reach",
    "campaigns.outreach",
    "demo",
    "campaigns.i18n",
    "campaigns.security",
    # Publishing
    "cms",
    # Celery tasks and their management commands
    "tasks",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "campaigns.accounts.apps.UsersAdminConfig",  # wagtail.users, its Users list searched without accents
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Third party
    "django_celery_beat",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for the public forms' renderer (config/forms.py)
    # Security: lockout, two-factor, content security policy (campaigns/security/)
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
]

# In the order a request meets them (the response goes back up the same list).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the policy layer, which writes the header first (campaigns/security/csp.py).
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "campaigns.security.csp.PolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Page views counted with no personal data, cached pages included (campaigns/reach/).
    "campaigns.reach.middleware.CountingMiddleware",
    # Anonymous page views come from the cache until something is published (cms/cache.py).
    "cms.cache.AnonymousPageCacheMiddleware",
    "config.middleware.SessionMiddleware",  # Django's, done sooner for anonymous visitors (config/middleware.py)
    "config.middleware.LocaleMiddleware",  # Django's, reading only the path (config/middleware.py)
    "config.middleware.CommonMiddleware",  # Django's, as one call (config/middleware.py)
    # Every text input (query strings, forms, uploaded file names, JSON bodies) arrives in NFC.
    "campaigns.i18n.middleware.NFCMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "config.middleware.AuthenticationMiddleware",  # Django's, its lazy user made for less
    # Marks the counted views' responses (inside the page cache); carries a campaign to a registration.
    "campaigns.reach.middleware.PageMarkMiddleware",
    # django_otp's OTPMiddleware, session expiry and two-factor, as one layer that requests
    # without a session skip (campaigns/security/signed_in.py).
    "campaigns.security.signed_in.SignedInMiddleware",
    "config.middleware.LazyMessageMiddleware",  # messages read only when used (config/middleware.py)
    "config.middleware.RedirectMiddleware",  # Wagtail's, asked about 404s only (config/middleware.py)
    "config.errors.SiteErrorPagesMiddleware",  # the site's 404 under DEBUG too (config/errors.py)
    "campaigns.security.ratelimit.RateLimitMiddleware",
    # Downloads staff take are written to the personal-data audit log.
    "campaigns.security.export_audit.ExportAuditMiddleware",
    # django-axes' middleware, last as it requires, declared synchronous (campaigns/security/lockout.py).
    "campaigns.security.lockout.LockoutMiddleware",
]
# axes.W002 looks for "axes.middleware.AxesMiddleware" by name; its subclass above stands in
# for it (tests/security/test_lockout_middleware.py checks what W002 would).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share one file: WAL lets readers work while one
    # writes, and IMMEDIATE transactions take the write lock at BEGIN, so a transaction that
    # counts seats and then books one can never be interleaved with another writer.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    postgresql = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    if postgresql and env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        # Parameters bound on the server, so psycopg can prepare what a connection runs twice:
        # PostgreSQL then neither parses nor plans it again, which was half of its CPU for a
        # page (docs/performance.md). Off for a pooler that cannot keep prepared statements
        # (PgBouncer in transaction mode before 1.21, or without max_prepared_statements).
        DATABASES["default"]["ENGINE"] = "config.postgresql"  # bulk batches within the protocol's limit
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    # Fails open with bounded socket timeouts: a stalled Redis never turns a request into a
    # 500 (config/cache.py says what each use does meanwhile).
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="wlp"),
            "OPTIONS": {
                "socket_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
                "socket_connect_timeout": env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
                "DOWN_SECONDS": env.float("CACHE_DOWN_SECONDS", default=5.0),
            },
        }
    }
else:
    # A file cache is shared by all local processes, so it also works as the lock store.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Accounts -----------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
# Lockout: 5 failed logins for one (login, address) pair lock that pair for 15 minutes.
# Counting the pair, not the address alone, keeps one office behind a NAT from locking
# out its colleagues; counting the pair, not the login alone, stops anyone from locking a
# victim out on purpose from elsewhere.
AUTHENTICATION_BACKENDS = [
    "campaigns.security.backends.LockoutBackend",
    "campaigns.accounts.backends.EmailOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/admin/login/"
SESSION_ENGINE = "config.sessions"  # Django's database sessions, read with SQL built once
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the token from the cookie.

# --- Vietnamese first ---------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
# Our translations of Wagtail's and Django's catalogues, merged from locale_upstream/ by
# `manage.py compile_translations`. After locale/ so the project's own strings win; being
# in LOCALE_PATHS at all makes them win over the apps' own (incomplete) vi catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", VAR_DIR / "locale_upstream"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
# Wagtail's date pickers write and read dd/mm/yyyy and HH:MM (the form fields accept them
# through config/formats, d/m/yyyy too).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ---------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email --------------------------------------------------------------------------

EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# A sender in a real domain's form (mail servers refuse a bare "localhost"); production
# requires its own. ".example" is reserved for examples (RFC 2606), so it is nobody's.
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Chương trình Phụ nữ lãnh đạo <no-reply@phunu-lanhdao.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = VAR_DIR / "mail"
# How mail leaves: an explicit backend wins (e.g. anymail's); otherwise SMTP when a host is
# given. Every message goes through config.mail.EmailBackend on its way there, which writes
# the subjects of Django's and Wagtail's own messages so that mail readers read them back.
EMAIL_DELIVERY_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_BACKEND = "config.mail.EmailBackend"

# --- Celery -------------------------------------------------------------------------

BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND",
    default=REDIS_URL or f"file://{VAR_DIR / 'celery-results'}",
)
if CELERY_BROKER_URL.startswith("filesystem://"):
    # One folder is both "in" and "out": every process that shares var/ shares the queue.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    # kombu's Redis sockets wait forever by default: a stalled Redis would hang a request
    # that enqueues. Bounded timeouts turn a stall into an error the caller can handle.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "socket_timeout": 2,
        "socket_connect_timeout": 2,
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
        "max_retries": 1,
    }
# The queue web, worker and beat share (tests give the processes they start one of their own).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=5 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=4 * 60)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_SEND_TASK_EVENTS = False
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Wagtail ------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Phụ nữ tham gia lãnh đạo, quản lý"
WAGTAILADMIN_BASE_URL = SITE_URL
# The admin's search folds Vietnamese: "dong xoai" finds "Đồng Xoài", "hoà" finds "hòa" (see
# campaigns/i18n/search.py; the public site's search is cms/search.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "campaigns.i18n.search"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_USER_LOGIN_FORM = "campaigns.accounts.forms.AdminLoginForm"

# --- API ----------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Chương trình phụ nữ tham gia lãnh đạo, quản lý",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["config.api_schema.only_public_api"],
    # Swagger UI and ReDoc are served from our own static files (the CSP allows no CDN script).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Demo ---------------------------------------------------------------------------

# Demo accounts (one per role, known passwords) exist only where this is true: dev.
DEMO_USERS_ENABLED = False
DEMO_PASSWORD = "Demo@2026"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Wagtail logs every page action and background task at INFO; the audit log keeps them.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# --- CMS ----------------------------------------------------------------------------

CMS_PAGE_CACHE_SECONDS = env.int("CMS_PAGE_CACHE_SECONDS", default=300)
# Fragments of pages, routes and pages kept for anonymous views, per site generation.
CMS_FRAGMENT_CACHE_SECONDS = env.int("CMS_FRAGMENT_CACHE_SECONDS", default=600)
CMS_INDICATOR_CACHE_SECONDS = env.int("CMS_INDICATOR_CACHE_SECONDS", default=300)
# The weekly newsletter digest: crontab day of week (mon…sun or 0–6, 0 = Sunday) and hour,
# in TIME_ZONE. `seed_periodic_tasks` writes them into beat's schedule.
NEWSLETTER_DIGEST_DAY_OF_WEEK = env.str("NEWSLETTER_DIGEST_DAY_OF_WEEK", default="mon")
NEWSLETTER_DIGEST_HOUR = env.int("NEWSLETTER_DIGEST_HOUR", default=7)
NEWSLETTER_CONFIRM_MAX_AGE = env.int("NEWSLETTER_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
NEWSLETTER_UNSUBSCRIBE_MAX_AGE = env.int("NEWSLETTER_UNSUBSCRIBE_MAX_AGE", default=365 * 24 * 3600)
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "heic": "webp"}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Reach (campaigns/reach/, docs/reach.md) ---------------------------------------------

# Counts are kept in each process's memory and written in bulk after this many hits or seconds.
REACH_FLUSH_HITS = env.int("REACH_FLUSH_HITS", default=1000)
REACH_FLUSH_SECONDS = env.float("REACH_FLUSH_SECONDS", default=5.0)
# A timer thread per process also writes them, so a process with no more traffic does too.
REACH_FLUSH_TIMER = env.bool("REACH_FLUSH_TIMER", default=True)
# And each process writes what it still holds when it exits.
REACH_FLUSH_AT_EXIT = env.bool("REACH_FLUSH_AT_EXIT", default=True)
# How long a tracked link in an email counts its clicks (it still leads to its page after).
REACH_LINK_MAX_AGE = env.int("REACH_LINK_MAX_AGE", default=400 * 24 * 3600)

# --- Security -----------------------------------------------------------------------
# Roles, lockout, two-factor, session expiry, CSP, rate limits, uploads, personal data.
# See campaigns/security/ and docs/security.md.

SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=2 * 60 * 60)

RATELIMIT_ENABLED = env.bool("RATELIMIT_ENABLED", default=True)
# Views we do not write, limited by URL name on POST: {name: (group, rate, key)}. Views
# that apply the @rate_limit decorator themselves (campaigns/accounts: login, sign-up,
# password reset, verification e-mail) are not listed, or they would count twice.
RATE_LIMITS = {
    "wagtailadmin_login": ("login", "20/10m", "ip"),
    "admin:login": ("login", "20/10m", "ip"),
    "wagtailadmin_password_reset": ("password_reset", "5/h", "ip"),
    "training:register": ("registration", "20/10m", "user"),
    "training_api:registration-list": ("registration", "20/10m", "user"),
    "training:self_check_in": ("check_in", "10/10m", "user"),
    "cms_newsletter:subscribe": ("newsletter", "5/h", "ip"),
}

# Uploads: types by extension and by content (campaigns/security/uploads.py), size caps.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("WAGTAILDOCS_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
WAGTAILDOCS_DOCUMENT_FORM_BASE = "campaigns.security.uploads.CheckedDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]

# The admin would otherwise send staff emails' hashes to Gravatar and call wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Downloads staff take from these paths are written to the personal-data audit log.
EXPORT_AUDIT_PREFIXES = ["/admin/", "/django-admin/", "/api/"]

# Personal data: registrations older than this many days (counted from the end of their
# course run's last session) are anonymised by the retention task.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=5 * 365)

# Per-area constants (plain assignments, no list surgery) live in components/.
from .components.csp import *  # noqa: E402,F403
from .components.login import *  # noqa: E402,F403
from .components.notifications import *  # noqa: E402,F403
from .components.programme import *  # noqa: E402,F403
from .components.training import *  # noqa: E402,F403
