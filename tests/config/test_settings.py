"""Settings come from the environment. Each case imports the settings in a fresh process
with a controlled environment, so the real parsing code runs exactly as at start-up."""

import json
import os
import subprocess
import sys
from email.utils import parseaddr
from pathlib import Path

from django.core.validators import validate_email

import dev

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db_engine": settings.DATABASES["default"]["ENGINE"],
    "db_options": settings.DATABASES["default"].get("OPTIONS", {}),
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "db_host": settings.DATABASES["default"].get("HOST", ""),
    "broker": settings.CELERY_BROKER_URL,
    "results": settings.CELERY_RESULT_BACKEND,
    "cache": settings.CACHES["default"]["BACKEND"],
    "email_backend": settings.EMAIL_BACKEND,
    "email_delivery": settings.EMAIL_DELIVERY_BACKEND,
    "email_host": settings.EMAIL_HOST,
    "email_port": settings.EMAIL_PORT,
    "email_tls": settings.EMAIL_USE_TLS,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "language": settings.LANGUAGE_CODE,
    "time_zone": settings.TIME_ZONE,
    "use_tz": settings.USE_TZ,
    "port": settings.PORT,
    "debug": settings.DEBUG,
    "site_url": settings.SITE_URL,
    "wagtail_base_url": settings.WAGTAILADMIN_BASE_URL,
    "from_email": settings.DEFAULT_FROM_EMAIL,
    "server_email": settings.SERVER_EMAIL,
    "proxy_ssl_header": settings.SECURE_PROXY_SSL_HEADER,
}))
"""

CLEARED = ["DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "EMAIL_HOST", "EMAIL_PORT",
           "EMAIL_USE_TLS", "SECRET_KEY", "ALLOWED_HOSTS", "PORT", "DJANGO_DEBUG", "EMAIL_BACKEND", "SITE_URL",
           "DEFAULT_FROM_EMAIL", "VAR_DIR", "CELERY_QUEUE", "TRUSTED_PROXY_COUNT"]
PRODUCTION = dict(SECRET_KEY="x" * 60, ALLOWED_HOSTS="phunu.example.gov.vn", SITE_URL="https://phunu.example.gov.vn",
                  DEFAULT_FROM_EMAIL="Ban tổ chức <no-reply@phunu.example.gov.vn>")


def load(module, **env):
    environment = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environment.update(DJANGO_SETTINGS_MODULE=module, **env)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True)
    return done


def settings_of(module, **env):
    done = load(module, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_defaults_need_no_server_sqlite_filesystem_broker_mail_to_files():
    s = settings_of("config.settings.dev")
    assert s["db_engine"] == "django.db.backends.sqlite3"
    assert s["db_name"].endswith("var/db.sqlite3")
    assert s["broker"] == "filesystem://"
    assert s["results"].startswith("file://")
    assert s["cache"].endswith("FileBasedCache")
    assert s["email_backend"] == "config.mail.EmailBackend"
    assert s["email_delivery"].endswith("filebased.EmailBackend")
    assert s["port"] == 8000


def test_vietnamese_locale_and_time_zone_by_default():
    s = settings_of("config.settings.dev")
    assert (s["language"], s["time_zone"], s["use_tz"]) == ("vi", "Asia/Ho_Chi_Minh", True)


def test_postgres_and_redis_urls_switch_database_broker_and_cache():
    s = settings_of(
        "config.settings.dev",
        DATABASE_URL="postgres://app:pw@db.example:5432/campaigns",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert s["db_engine"] == "config.postgresql"  # Django's, with bulk batches within server-side binding's limit
    assert s["db_options"] == {"server_side_binding": True, "prepare_threshold": 2}
    assert (s["db_name"], s["db_host"]) == ("campaigns", "db.example")
    assert s["broker"] == "redis://127.0.0.1:6379/3"
    assert s["results"] == "redis://127.0.0.1:6379/3"
    assert s["cache"].endswith("RedisCache")


def test_prepared_statements_can_be_turned_off_for_a_pooler_that_cannot_keep_them():
    s = settings_of("config.settings.dev", DATABASE_URL="postgres://app:pw@db.example:5432/campaigns",
                    DATABASE_PREPARED_STATEMENTS="false")
    assert s["db_engine"] == "django.db.backends.postgresql"
    assert s["db_options"] == {}


def test_smtp_is_used_when_a_mail_host_is_given():
    s = settings_of("config.settings.dev", EMAIL_HOST="smtp.example", EMAIL_PORT="587", EMAIL_USE_TLS="true")
    assert s["email_backend"] == "config.mail.EmailBackend"
    assert s["email_delivery"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["email_host"], s["email_port"], s["email_tls"]) == ("smtp.example", 587, True)


def test_production_refuses_to_start_without_a_secret_key():
    done = load("config.settings.production", ALLOWED_HOSTS="example.org")
    assert done.returncode != 0
    assert "SECRET_KEY must be set in production" in done.stderr


def test_production_reads_secret_hosts_and_port_from_the_environment():
    s = settings_of("config.settings.production", **{**PRODUCTION, "ALLOWED_HOSTS": "a.example,b.example"}, PORT="9000")
    assert s["allowed_hosts"] == ["a.example", "b.example"]
    assert s["port"] == 9000
    assert s["debug"] is False
    assert s["site_url"] == s["wagtail_base_url"] == "https://phunu.example.gov.vn"
    assert s["from_email"] == "Ban tổ chức <no-reply@phunu.example.gov.vn>"


def test_derived_settings_are_computed_once_in_base_never_again_in_production():
    """WAGTAILADMIN_BASE_URL follows SITE_URL, SERVER_EMAIL follows DEFAULT_FROM_EMAIL and the
    proxy's HTTPS header is believed only behind a proxy we run, in every environment, from
    one computation (base.py and its components): production.py assigns none of them."""
    import ast

    tree = ast.parse((ROOT / "config" / "settings" / "production.py").read_text(encoding="utf-8"))
    assigned = {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets
                if isinstance(target, ast.Name)}
    derived = {"SITE_URL", "WAGTAILADMIN_BASE_URL", "DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "SECURE_PROXY_SSL_HEADER"}
    assert not assigned & derived
    for module, extra in (("config.settings.dev", {}), ("config.settings.production", PRODUCTION)):
        s = settings_of(module, **{**extra, "SITE_URL": "https://lop.example.vn/",
                                   "DEFAULT_FROM_EMAIL": "Lớp <lop@lop.example.vn>", "TRUSTED_PROXY_COUNT": "1"})
        assert s["site_url"] == s["wagtail_base_url"] == "https://lop.example.vn", module
        assert s["from_email"] == s["server_email"] == "Lớp <lop@lop.example.vn>", module
        assert s["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"], module
    assert settings_of("config.settings.production", **PRODUCTION)["proxy_ssl_header"] is None


def test_production_refuses_to_start_without_its_public_address():
    done = load("config.settings.production", **{k: v for k, v in PRODUCTION.items() if k != "SITE_URL"})
    assert done.returncode != 0 and "SITE_URL must be set in production" in done.stderr
    for wrong in ("phunu.example.gov.vn", "ftp://phunu.example.gov.vn", "https://phunu.example.gov.vn/trang/"):
        done = load("config.settings.production", **{**PRODUCTION, "SITE_URL": wrong})
        assert done.returncode != 0 and "SITE_URL must be the site's public address" in done.stderr, wrong


def test_production_refuses_to_start_without_a_real_sender_address():
    done = load("config.settings.production", **{k: v for k, v in PRODUCTION.items() if k != "DEFAULT_FROM_EMAIL"})
    assert done.returncode != 0 and "DEFAULT_FROM_EMAIL must be set in production" in done.stderr
    for wrong in ("Ban tổ chức <no-reply@localhost>", "no-reply", "Ban tổ chức"):
        done = load("config.settings.production", **{**PRODUCTION, "DEFAULT_FROM_EMAIL": wrong})
        assert done.returncode != 0 and "DEFAULT_FROM_EMAIL must be a real sender address" in done.stderr, wrong


def test_development_sender_address_has_a_real_domain_form():
    name, address = parseaddr(settings_of("config.settings.dev")["from_email"])
    validate_email(address)
    assert name and "." in address.rsplit("@", 1)[1] and not address.endswith("@localhost")


def test_every_process_of_the_run_command_shares_one_site_address():
    """honcho gives web, worker and beat PORT, PORT+100, PORT+200: the address in their links
    is the one dev.py fixed from the web's port, whichever PORT a process was given."""
    env = dev.process_environment({"PORT": "9100", "PATH": os.environ["PATH"]})
    assert env["SITE_URL"] == "http://127.0.0.1:9100"
    assert env["PATH"].split(os.pathsep)[0] == str(dev.BIN)
    for port in ("9100", "9200", "9300"):
        s = settings_of(env["DJANGO_SETTINGS_MODULE"], SITE_URL=env["SITE_URL"], PORT=port)
        assert s["site_url"] == s["wagtail_base_url"] == "http://127.0.0.1:9100"
    assert dev.process_environment({"PORT": "9100", "SITE_URL": "https://lop.example.vn"})["SITE_URL"] == "https://lop.example.vn"


def test_run_command_uses_the_virtual_environment_venv_names():
    """`VENV=… python3 dev.py run` builds the environment there; Procfile.dev's commands are
    found on the PATH dev.py gives the processes, never under a fixed .venv/."""
    probe = "import dev, os; print(dev.process_environment({'PATH': '/usr/bin'})['PATH'].split(os.pathsep)[0])"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env={**os.environ, "VENV": "/srv/envs/wlp"},
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "/srv/envs/wlp/bin"
    assert ".venv" not in (ROOT / "Procfile.dev").read_text()
