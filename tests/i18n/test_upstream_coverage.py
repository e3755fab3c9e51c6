"""Coverage of Wagtail's, wagtail-localize's and Django's interface in Vietnamese, and the
placeholder guard over every translation we ship. The floor rises as translations land
(target: 100%); `manage.py translation_coverage --missing` lists what is left."""

import polib
import pytest

from campaigns.i18n import coverage, upstream

# Overall share of the covered apps' msgids translated in effect. Raise as translations land.
COVERAGE_FLOOR = 100.0


def test_coverage_is_printed_and_above_the_floor(capsys):
    rows = coverage.measure()
    with capsys.disabled():
        print("\n" + "\n".join(coverage.table(rows)))
    done, count, percent = coverage.total(rows)
    assert count > 2000  # the English catalogues were found
    assert percent >= COVERAGE_FLOOR, f"coverage {percent:.1f}% fell below {COVERAGE_FLOOR}%"


@pytest.mark.parametrize("path", upstream.sources("django") + upstream.sources("djangojs"), ids=lambda p: p.name)
def test_every_translation_keeps_its_placeholders_and_tags(path):
    po = polib.pofile(str(path))
    broken = [message for entry in po if not entry.obsolete for message in upstream.problems(entry)]
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("path", upstream.sources("django") + upstream.sources("djangojs"), ids=lambda p: p.name)
def test_every_msgid_exists_upstream(path):
    """A msgid that is not in the app's English catalogue (a typo, a stale string) would
    never be looked up: the source file must match upstream exactly."""
    app, domain = upstream.app_of(path), path.name.rsplit(".", 2)[-2]
    english = upstream.english_catalogue(app, domain)
    assert english is not None, f"{app} has no English {domain} catalogue"
    known = {(e.msgctxt, e.msgid) for e in english}
    stray = [e.msgid for e in polib.pofile(str(path)) if (e.msgctxt, e.msgid) not in known]
    assert not stray, stray
