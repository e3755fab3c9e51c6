""".env.example lists every variable the settings read, and nothing they do not.

The names are read from the settings' source (every `env.<type>("NAME", …)`, `env("NAME")`
and `os.environ.get("NAME")` under config/), so a new setting without its line in
.env.example fails here, and so does a line left behind for a setting that is gone."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Read by manage.py / wsgi.py / celery_app.py rather than by the settings themselves.
READ_OUTSIDE_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def _is_environment_read(func):
    if isinstance(func, ast.Name):
        return func.id == "env"
    if isinstance(func, ast.Attribute):
        if isinstance(func.value, ast.Name) and func.value.id == "env":
            return True
        return func.attr == "get" and isinstance(func.value, ast.Attribute) and func.value.attr == "environ"
    return False


def names_the_settings_read():
    names = set()
    for path in (ROOT / "config").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _is_environment_read(node.func) and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                names.add(node.args[0].value)
    return names


def names_listed():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_the_reader_finds_the_settings_names():
    found = names_the_settings_read()
    # Names from each way of reading and from each settings file, so the parser is not blind.
    assert {"SECRET_KEY", "DATABASE_URL", "CELERY_RESULT_BACKEND", "WEB_THREADS", "NOTIFICATIONS_CHUNK_SIZE",
            "AXES_FAILURE_LIMIT", "TEST_RUN_DIR", "SECURE_HSTS_SECONDS"} <= found
    assert len(found) > 70


def test_env_example_lists_every_variable_the_settings_read():
    missing = names_the_settings_read() - names_listed()
    assert not missing, f"read by the settings but not in .env.example: {sorted(missing)}"


def test_env_example_lists_nothing_the_settings_do_not_read():
    stale = names_listed() - names_the_settings_read() - READ_OUTSIDE_SETTINGS
    assert not stale, f"in .env.example but read by no setting: {sorted(stale)}"
