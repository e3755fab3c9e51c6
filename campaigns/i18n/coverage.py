"""How much of each upstream app's interface is in Vietnamese, measured the way Django
looks strings up at run time: an msgid of the app's English catalogue counts as translated
when the `vi` catalogue Django builds (our upstream catalogue, the project's, the apps' own)
holds a non-empty translation of it."""

from dataclasses import dataclass, field

import polib
from django.utils.translation.trans_real import DjangoTranslation

from . import upstream


@dataclass
class AppCoverage:
    app: str
    domain: str
    total: int
    ours: int
    in_effect: int
    missing: list = field(default_factory=list)

    @property
    def percent(self):
        return 100.0 * self.in_effect / self.total if self.total else 100.0


def _key(entry):
    msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    return (msgid, 0) if entry.msgid_plural else msgid


def _ours(domain):
    keys = set()
    for path in upstream.sources(domain):
        keys.update(_key(e) for e in polib.pofile(str(path)) if upstream._translated(e))
    return keys


def _has(catalog, key):
    try:
        return bool(catalog[key])
    except KeyError:
        return False


def measure(apps=None):
    """Coverage of every app in `apps` (default: upstream.COVERED_APPS) and domain that
    has an English catalogue. The compiled catalogues must be current (compile_translations)."""
    apps = apps or upstream.COVERED_APPS
    ours = {domain: _ours(domain) for domain in upstream.DOMAINS}
    django_catalog = DjangoTranslation("vi")._catalog
    rows = []
    for app in apps:
        for domain in upstream.DOMAINS:
            english = upstream.english_catalogue(app, domain)
            if english is None:
                continue
            if domain == "django":
                catalog = django_catalog
            else:
                # As JavaScriptCatalog builds it: the app's own catalogue plus LOCALE_PATHS.
                catalog = DjangoTranslation(
                    "vi", domain=domain, localedirs=[str(upstream.app_locale_dir(app))]
                )._catalog
            entries = [e for e in english if not e.obsolete and e.msgid]
            missing = [e for e in entries if not _has(catalog, _key(e))]
            rows.append(AppCoverage(
                app=app, domain=domain, total=len(entries),
                ours=sum(_key(e) in ours[domain] for e in entries),
                in_effect=len(entries) - len(missing),
                missing=[e.msgid for e in missing],
            ))
    return rows


def total(rows):
    """(translated, total, percent) over `rows`."""
    done = sum(r.in_effect for r in rows)
    count = sum(r.total for r in rows)
    return done, count, (100.0 * done / count if count else 100.0)


def table(rows):
    """The coverage report as text lines."""
    lines = [f"{'app':32} {'domain':9} {'msgids':>6} {'ours':>6} {'vi':>6} {'%':>6}"]
    for r in rows:
        lines.append(f"{r.app:32} {r.domain:9} {r.total:6} {r.ours:6} {r.in_effect:6} {r.percent:6.1f}")
    done, count, percent = total(rows)
    lines.append(f"{'total':32} {'':9} {count:6} {'':6} {done:6} {percent:6.1f}")
    return lines
