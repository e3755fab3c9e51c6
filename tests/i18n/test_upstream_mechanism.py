"""The upstream-translations mechanism: merge order, precedence over the apps' own
catalogues, the JavaScript catalogue, and the placeholder guard."""

import polib
import pytest
from django.utils import translation

from campaigns.i18n import upstream


def _write(path, entries):
    po = polib.POFile()
    po.metadata = dict(upstream.HEADER)
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def test_earlier_file_wins_and_broken_placeholders_are_skipped(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    settings.VAR_DIR = tmp_path / "var"
    src = tmp_path / "locale_upstream" / "vi"
    _write(src / "a.first.django.po", [("Title", "Tiêu đề"), ("Untranslated", "")])
    _write(src / "b.second.django.po", [
        ("Title", "Tên"), ("Hello %(name)s", "Xin chào %(ten)s"), ("Delete <b>%(title)s</b>", "Xóa <b>%(title)s</b>"),
    ])
    merged, skipped = upstream.merge("django")
    found = {e.msgid: e.msgstr for e in merged}
    assert found == {"Title": "Tiêu đề", "Delete <b>%(title)s</b>": "Xóa <b>%(title)s</b>"}
    assert len(skipped) == 1 and "Hello %(name)s" in skipped[0]
    upstream.build()
    mo = polib.mofile(str(tmp_path / "var" / "locale_upstream" / "vi" / "LC_MESSAGES" / "django.mo"))
    assert {e.msgid: e.msgstr for e in mo} == found


@pytest.mark.parametrize("msgid, msgstr, ok", [
    ("%(count)s pages", "%(count)s trang", True),
    ("%(a)s of %(b)s", "%(b)s của %(a)s", True),          # named markers may move
    ("%s of %s", "%s trên %s", True),
    ("%s of %d", "%d trên %s", False),                    # positional ones may not
    ("Edit '{title}'", "Sửa '{title}'", True),
    ("Edit '{title}'", "Sửa '{tieu_de}'", False),
    ('<a href="%(url)s">Log in</a>', '<a href="%(url)s">Đăng nhập</a>', True),
    ('<a href="%(url)s">Log in</a>', "Đăng nhập", False),
    ("100%% done", "xong 100%%", True),
])
def test_placeholder_guard(msgid, msgstr, ok):
    assert (upstream.problems(polib.POEntry(msgid=msgid, msgstr=msgstr)) == []) is ok


def test_plural_translation_must_keep_the_plural_markers():
    good = polib.POEntry(msgid="One page", msgid_plural="%(count)s pages", msgstr_plural={0: "%(count)s trang"})
    bad = polib.POEntry(msgid="One page", msgid_plural="%(count)s pages", msgstr_plural={0: "Một trang"})
    assert upstream.problems(good) == []
    assert upstream.problems(bad)


def _merged(domain):
    path = upstream.output_dir() / "vi" / "LC_MESSAGES" / f"{domain}.mo"
    assert path.exists(), "run manage.py compile_translations first"
    return [e for e in polib.mofile(str(path)) if e.msgid and not e.msgid_plural and not e.msgctxt]


def test_our_translation_wins_over_the_apps_own_and_the_project_wins_over_ours():
    ours = {e.msgid: e.msgstr for e in _merged("django")}
    # Wagtail's own vi catalogue calls a site "Trang" (a page); ours follows the glossary.
    assert ours.get("Sites") == "Trang web"
    with translation.override("vi"):
        assert translation.gettext("Sites") == "Trang web"
    # The project's locale/ comes first in LOCALE_PATHS.
    from django.conf import settings
    assert [str(p) for p in settings.LOCALE_PATHS][0].endswith("locale")
    assert str(settings.LOCALE_PATHS[-1]) == str(upstream.output_dir())


def test_wagtail_admin_javascript_catalogue_serves_our_translations(client):
    entries = _merged("djangojs")
    assert entries, "no djangojs translations merged"
    response = client.get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    body = response.content.decode()
    import json
    for entry in entries[:20]:
        assert json.dumps(entry.msgstr)[1:-1] in body or entry.msgstr in body, entry.msgid
