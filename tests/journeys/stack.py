"""The README's run command, started by a test: `honcho start -f Procfile.dev web worker` with
the environment `dev.py run` gives its processes (dev.process_environment: the development
settings, the virtual environment first on PATH, one SITE_URL for all), pointed at the test
run's database, folder (VAR_DIR: broker, mail, cache, media) and queue, so the test and the
processes share their data and nothing of a developer's own `var/` is touched.

The processes are real: gunicorn as Procfile.dev starts it, a prefork Celery worker, mail
written by Django's file backend to VAR_DIR/mail. Tests talk to them as clients do, over
sockets, and read the mail as a mail reader would (the standard library's email parser)."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import tempfile
import uuid
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

import dev
from tasks.celery_app import app as celery_app
from tests import waiting

ROOT = Path(dev.__file__).resolve().parent
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what Django's file backend writes after each message


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    """The test database as a DATABASE_URL, for processes that read their settings from the environment."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    return f"postgres://{user}:{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(predicate, *, timeout, interval=0.2, what="the condition", stack=None):
    """Poll `predicate` until it returns something truthy; that value, or AssertionError."""
    return waiting.wait_until(predicate, timeout=timeout, interval=interval, what=what,
                              alive=[stack.check_alive] if stack is not None else [])


class RunningSite:
    def __init__(self, process, url, var_dir, log):
        self.process, self.url, self.var_dir, self.log = process, url, Path(var_dir), log
        self.port = int(url.rsplit(":", 1)[1])

    def output(self):
        return Path(self.log.name).read_text(errors="replace")

    def check_alive(self):
        if self.process.poll() is not None:
            raise AssertionError(f"the run command's processes stopped:\n{self.output()[-4000:]}")

    def mails(self):
        """Every complete message written to VAR_DIR/mail so far, parsed by the standard
        library (policy.default: headers decoded, parts iterable as a mail reader sees them)."""
        found = []
        for path in sorted((self.var_dir / "mail").glob("*.log")):
            chunks = path.read_bytes().split(MAIL_SEPARATOR)
            for chunk in chunks[:-1]:  # the last chunk is what follows the last separator
                found.append(BytesParser(policy=policy.default).parsebytes(chunk.rstrip(b"\n") + b"\n"))
        return found


@contextlib.contextmanager
def run_command(*processes, timeout=90):
    """Start the Procfile.dev processes named (all when none) as `python3 dev.py run` would;
    yield a RunningSite once the web server answers; stop them all afterwards."""
    var_dir = Path(settings.MEDIA_ROOT).parent  # the test run's folder (config/settings/test.py)
    (var_dir / "mail").mkdir(parents=True, exist_ok=True)
    port = free_port()
    base = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "DJANGO_SETTINGS_MODULE", "PORT")}
    env = dev.process_environment({**base, "PORT": str(port)})
    env.update(
        DATABASE_URL=database_url(),
        VAR_DIR=str(var_dir),
        CELERY_QUEUE=celery_app.conf.task_default_queue,
        CACHE_KEY_PREFIX=f"journey-{uuid.uuid4().hex[:8]}",
        # Sessions made by the test process (tests' settings) must be readable by the site.
        SECRET_KEY=settings.SECRET_KEY,
        LOG_LEVEL="WARNING",
    )
    log = tempfile.NamedTemporaryFile(prefix="run-command-", suffix=".log", dir=var_dir, delete=False)
    process = subprocess.Popen(
        [str(dev.BIN / "honcho"), "--app-root", str(ROOT), "start", "-f", str(ROOT / "Procfile.dev"), *processes],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
    )
    site = RunningSite(process, env["SITE_URL"], var_dir, log)
    try:
        wait_for(lambda: _answers(port), timeout=timeout, interval=0.3, what="the web server", stack=site)
        yield site
    finally:
        _stop(process)
        log.close()
        with contextlib.suppress(Exception):
            celery_app.control.purge()  # messages the site queued for a worker that is gone


def _answers(port):
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/robots.txt")  # cheap; /healthz waits for a worker to answer a ping
        conn.getresponse().read()
        return True
    except OSError:
        return False


def _stop(process):
    """honcho passes SIGTERM on to its processes and waits for them; then the whole group is
    made sure of (it is ours alone: start_new_session)."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
