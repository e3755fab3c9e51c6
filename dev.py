#!/usr/bin/env python3
"""The project's two commands, with nothing but Python needed to run them:

    python3 dev.py run    # build what is missing, then web + Celery worker + beat
    python3 dev.py test   # build what is missing, then the test suite (pytest arguments pass through)

"Build what is missing" means: the virtual environment in .venv, or in $VENV when set
(reinstalled when a requirements file changes), the database schema, translations, demo
data, periodic tasks and static files. Every step is rerunnable and keeps existing data.

`run` serves the web with gunicorn (threads, a listen backlog: the production server, see
config/gunicorn.py) and starts the Celery worker and beat under honcho (Procfile.dev).
Every process gets the same environment from process_environment(): the virtual
environment's bin/ first on PATH, the development settings, and one public address,
SITE_URL, from which every link in mail, feeds, calendars and QR codes is built.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".requirements.sha256"
REQUIREMENTS = ["requirements.txt", "requirements-dev.txt"]


def say(message):
    print(f"\033[1m==> {message}\033[0m", flush=True)


def run(*args, **kwargs):
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, **kwargs)


def requirements_digest():
    digest = hashlib.sha256()
    for name in REQUIREMENTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv():
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (found %s)." % sys.version.split()[0])
    if not PYTHON.exists():
        say(f"Creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    digest = requirements_digest()
    if not STAMP.exists() or STAMP.read_text().strip() != digest:
        say("Installing the pinned requirements")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-r", "requirements-dev.txt")
        STAMP.write_text(digest)


def manage(*args):
    run(PYTHON, "manage.py", *args)


def prepare_site():
    (ROOT / "var").mkdir(exist_ok=True)
    say("Migrating the database")
    manage("migrate", "--noinput", "--verbosity", "0")
    manage("compile_translations")
    say("Loading demo data (rerunnable)")
    manage("load_demo_data")
    manage("seed_periodic_tasks")
    manage("collectstatic", "--noinput", "--verbosity", "0")


def dotenv(name):
    """`name`'s non-empty value in the local .env file (which the settings read too), or ""."""
    path = ROOT / ".env"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.strip().partition("=")
            if sep and key.strip() == name and not key.lstrip().startswith("#"):
                return value.strip().strip("'\"")
    return ""


def process_environment(environ=None):
    """The environment of every process `run` starts (web, worker, beat).

    honcho gives each process a PORT of its own (web PORT, worker PORT+100, beat PORT+200),
    so no process may derive the site's address from its PORT: SITE_URL is fixed here, once,
    from the web's port, unless the caller set it."""
    env = dict(os.environ if environ is None else environ)
    port = env.get("PORT") or dotenv("PORT") or "8000"
    env["PORT"] = port
    env["SITE_URL"] = env.get("SITE_URL") or dotenv("SITE_URL") or f"http://127.0.0.1:{port}"
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", os.defpath)])
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def command_run(extra):
    ensure_venv()
    env = process_environment()
    os.environ.update(env)  # the demo data's site address comes from SITE_URL too
    prepare_site()
    say(f"Serving on {env['SITE_URL']}/  (admin: /admin/, health: /healthz). Ctrl-C stops everything.")
    say("The approver and administrator demo accounts ask for a two-factor code at login; print the current one with:\n"
        f"    {PYTHON} manage.py demo_totp_code nguoiduyet@demo.local   (or quantri@demo.local)")
    honcho = BIN / "honcho"
    os.execv(str(honcho), [str(honcho), "--app-root", str(ROOT), "start", "-f", str(ROOT / "Procfile.dev"), *extra])


def command_test(extra):
    ensure_venv()
    manage("compile_translations")
    os.chdir(ROOT)
    os.execv(str(PYTHON), [str(PYTHON), "-m", "pytest", *extra])


COMMANDS = {"run": command_run, "test": command_test}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
