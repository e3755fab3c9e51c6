"""Our Vietnamese translations of upstream catalogues (Wagtail, Django, wagtail-localize).

Upstream's `vi` catalogues are incomplete, so the project keeps its own translations of
them as sources in `locale_upstream/vi/<app>.<domain>.po` (for example
`wagtail.admin.django.po`, `wagtail.admin.djangojs.po`, `django.contrib.admin.django.po`):
msgids exactly as in the app's English catalogue `<app>/locale/en/LC_MESSAGES/<domain>.po`,
msgstrs in Vietnamese.

`build()` merges every source of a domain, in file-name order, into
`var/locale_upstream/vi/LC_MESSAGES/<domain>.mo`; a later file never overrides a
translation an earlier one gave. That directory is listed in LOCALE_PATHS after `locale/`,
so the project's own strings win, and our upstream catalogue wins over the apps' own
catalogues. Django's JavaScriptCatalog merges LOCALE_PATHS too, so Wagtail's admin
JavaScript (`/admin/jsi18n/`) serves our djangojs translations.
"""

import importlib
import re
from collections import Counter
from pathlib import Path

import polib
from django.conf import settings

DOMAINS = ("django", "djangojs")
HEADER = {
    "Project-Id-Version": "campaigns upstream translations",
    "Language": "vi",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}

# The upstream apps whose screens the project's staff use; coverage is measured for these.
COVERED_APPS = [
    "wagtail.admin",
    "wagtail",
    "wagtail.snippets",
    "wagtail.images",
    "wagtail.documents",
    "wagtail.users",
    "wagtail.search",
    "wagtail.sites",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail_localize",
    "wagtail_localize.locales",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.conf",  # Django's forms, validators and date names
]

_PRINTF = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
_BRACE = re.compile(r"(?<!\{)\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def source_dir():
    return Path(settings.BASE_DIR) / "locale_upstream" / "vi"


def output_dir():
    return Path(settings.VAR_DIR) / "locale_upstream"


def app_locale_dir(app):
    """The `locale` folder of an installed (or importable) package such as 'wagtail.admin'."""
    module = importlib.import_module(app)
    return Path(module.__file__).resolve().parent / "locale"


def english_catalogue(app, domain):
    """The upstream English catalogue of `app` (a polib POFile), or None when it has none."""
    path = app_locale_dir(app) / "en" / "LC_MESSAGES" / f"{domain}.po"
    return polib.pofile(str(path)) if path.exists() else None


def sources(domain):
    """Our source catalogues of `domain`, in merge order."""
    return sorted(source_dir().glob(f"*.{domain}.po"))


def app_of(path):
    """'wagtail.admin' for locale_upstream/vi/wagtail.admin.djangojs.po."""
    return path.name[: -len(".po")].rsplit(".", 1)[0]


def markers(text):
    """The placeholders and HTML tags of `text` that a translation must keep: positional
    printf markers in order, and the multiset of named markers, brace fields and tags."""
    printf = _PRINTF.findall(text)
    positional = [m for m in printf if not m.startswith("%(") and m != "%%"]
    named = Counter(m for m in printf if m.startswith("%("))
    named.update(_BRACE.findall(text))
    named.update(re.sub(r"\s+", " ", t) for t in _TAG.findall(text))
    return positional, named


def problems(entry):
    """Reasons why `entry`'s translation would break at run time or in the page: a list of
    messages, empty when the translation keeps every placeholder and tag of its msgid."""
    found = []
    if entry.msgid_plural:
        reference = markers(entry.msgid_plural)
        strings = [s for _, s in sorted(entry.msgstr_plural.items()) if s]
    else:
        reference = markers(entry.msgid)
        strings = [entry.msgstr] if entry.msgstr else []
    for text in strings:
        positional, named = markers(text)
        if positional != reference[0] or named != reference[1]:
            found.append(f"{entry.msgid!r}: {text!r} does not keep {sorted(reference[1]) + reference[0]}")
    return found


def _translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural.get(0))
    return bool(entry.msgstr)


def merge(domain):
    """Merge our sources of `domain` into one POFile. Returns (pofile, skipped) where
    skipped lists the entries left out because they break a placeholder or tag."""
    merged = polib.POFile()
    merged.metadata = dict(HEADER)
    seen = set()
    skipped = []
    for path in sources(domain):
        for entry in polib.pofile(str(path)):
            key = (entry.msgctxt, entry.msgid)
            if key in seen or not _translated(entry):
                continue
            broken = problems(entry)
            if broken:
                skipped.extend(f"{path.name}: {message}" for message in broken)
                continue
            seen.add(key)
            out = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
            if entry.msgid_plural:
                # Vietnamese has one plural form.
                out.msgid_plural = entry.msgid_plural
                out.msgstr_plural = {0: entry.msgstr_plural[0]}
            else:
                out.msgstr = entry.msgstr
            merged.append(out)
    return merged, skipped


def build():
    """Compile every domain's merged catalogue to var/locale_upstream/vi/LC_MESSAGES/.
    Returns {domain: (entries, skipped messages)}."""
    target = output_dir() / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    result = {}
    for domain in DOMAINS:
        merged, skipped = merge(domain)
        merged.save_as_mofile(str(target / f"{domain}.mo"))
        result[domain] = (len(merged), skipped)
    return result
