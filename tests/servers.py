"""Real processes for fault tests: a private redis-server and gunicorn serving the project
against the test run's database, each on a free port chosen by the kernel."""

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests import waiting

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, *, timeout, interval=0.1, what="condition"):
    waiting.wait_until(predicate, timeout=timeout, interval=interval, what=what)


def wagtail_roots():
    """Put back what Wagtail's migrations create (root page and collection, locales), which
    an earlier transactional test's flush may have removed: a real server needs them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    ContentType.objects.clear_cache()
    locale, _ = Locale.objects.get_or_create(language_code="vi")
    Locale.objects.get_or_create(language_code="en")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Bộ sưu tập gốc")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Trang gốc", slug="root", locale=locale))


def redis_cli(port, *args):
    return subprocess.run(["redis-cli", "-p", str(port), *args], capture_output=True, timeout=10, check=False)


@contextlib.contextmanager
def private_redis():
    """A redis-server of our own (pausing it stalls nobody else); yields its port."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: redis_cli(port, "ping").stdout.strip() == b"PONG", timeout=10, what="redis-server")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _http_status(host, port, path):
    """The status of GET `path` (redirects not followed), or None when nothing answers."""
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn(*, settings_module="tests.server_settings", workers=2, threads=20, env=None):
    """`gunicorn config.wsgi` as the Procfile runs it, on the test database; yields its base
    URL once it answers. Extra environment variables (REDIS_URL, …) come in `env`."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        WLP_TEST_DB_NAME=str(connection.settings_dict["NAME"]),
        TEST_RUN_DIR=str(Path(settings.MEDIA_ROOT).parent),
        PYTHONPATH=str(ROOT),
    )
    environment.update({key: str(value) for key, value in (env or {}).items()})
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--forwarded-allow-ips=", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", str(threads), "--worker-class", "gthread", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        def up():
            if process.poll() is not None:
                raise AssertionError(f"gunicorn exited: {Path(log.name).read_text()[-3000:]}")
            return _http_status("127.0.0.1", port, "/robots.txt") is not None

        wait_for(up, timeout=60, interval=0.3, what="gunicorn")
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        output = Path(log.name).read_text()
        os.unlink(log.name)
        if "Traceback" in output:
            print(output[-5000:])  # shown by pytest when the test fails
