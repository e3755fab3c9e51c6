"""The project's own catalogues are complete: every msgid in the source is in locale/vi and
locale/en, translated (vi: the Vietnamese text, normally msgstr = msgid; en: English), and
every translation keeps its placeholders. Failures list the entries to fix.

After adding strings: `manage.py makemessages -l vi -l en --ignore=.venv --ignore=var
--ignore=tests --ignore=bench`, then fill both catalogues."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from campaigns.i18n import upstream

LOCALE = Path(settings.BASE_DIR) / "locale"
SKIP_DIRS = {".git", ".venv", "var", "tests", "bench", "locale", "locale_upstream", "node_modules",
             "media", "static", ".pytest_cache", ".ruff_cache", "__pycache__"}


def _catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def _where(entry):
    return ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2]) or "?"


def _untranslated(po):
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        text = entry.msgstr_plural.get(0) if entry.msgid_plural else entry.msgstr
        if not text or "fuzzy" in entry.flags:
            missing.append(f"  {entry.msgid!r}  ({_where(entry)})")
    return missing


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_msgid_is_translated(language):
    missing = _untranslated(_catalogue(language))
    assert not missing, (f"{len(missing)} msgid(s) of locale/{language} lack a translation "
                         "(empty or fuzzy):\n" + "\n".join(missing))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_translations_keep_placeholders(language):
    broken = [m for e in _catalogue(language) if not e.obsolete for m in upstream.problems(e)]
    assert not broken, "\n".join(broken)


def test_vi_and_en_hold_the_same_msgids():
    vi = {(e.msgctxt, e.msgid) for e in _catalogue("vi") if not e.obsolete}
    en = {(e.msgctxt, e.msgid) for e in _catalogue("en") if not e.obsolete}
    assert vi == en, f"only in vi: {sorted(vi - en)[:20]}; only in en: {sorted(en - vi)[:20]}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_every_msgid_in_the_source_is_in_the_catalogues(tmp_path):
    """Extract the source's msgids afresh (makemessages on a copy of the tree) and compare."""
    root = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(root, copy, ignore=lambda d, names: [n for n in names if n in SKIP_DIRS or n.endswith(".mo")])
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--ignore=.venv", "--ignore=var",
         "--ignore=tests", "--ignore=bench", "--verbosity=0"],
        cwd=copy, check=True, env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        timeout=120,
    )
    fresh = polib.pofile(str(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    problems = []
    for language in ("vi", "en"):
        po = _catalogue(language)
        done = {(e.msgctxt, e.msgid) for e in po if not e.obsolete and e not in po.untranslated_entries()}
        for entry in fresh:
            if (entry.msgctxt, entry.msgid) not in done:
                problems.append(f"  [{language}] {entry.msgid!r}  ({_where(entry)})")
    assert not problems, (f"{len(problems)} msgid(s) of the source are missing or untranslated in locale/ "
                          "(run makemessages, then translate):\n" + "\n".join(problems))
