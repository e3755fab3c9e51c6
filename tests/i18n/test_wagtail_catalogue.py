"""The Vietnamese catalogues for Wagtail's own interface (locale_upstream/vi/*.po).

They are checked against the English catalogues shipped inside the installed Wagtail, so an
upgrade that adds or changes strings makes these tests fail until the translation catches up.
"""

import gettext
import re
import unicodedata
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings

WAGTAIL = Path(wagtail.__file__).parent
CATALOGUES = {
    # our file name: the upstream English catalogue it translates
    "wagtail.admin.django.po": WAGTAIL / "admin/locale/en/LC_MESSAGES/django.po",
    "wagtail.admin.djangojs.po": WAGTAIL / "admin/locale/en/LC_MESSAGES/djangojs.po",
    "wagtail.django.po": WAGTAIL / "locale/en/LC_MESSAGES/django.po",
}
VI_DIR = Path(settings.BASE_DIR) / "locale_upstream" / "vi"

# Everything a translation must carry over unchanged: %-placeholders, str.format fields,
# template variables, HTML tags (with their attributes) and entities.
TOKEN = re.compile(r"%\([A-Za-z0-9_]+\)[sd]|%[sd]|\{\{\s*[\w.]+\s*\}\}|\{[\w.]*\}|<[^>]+>|&[a-z]+;")
NAMED = re.compile(r"%\(([A-Za-z0-9_]+)\)([sd])")
# Old-style tone placement ("khoá", "huỷ"): the catalogue uses the new style throughout.
OLD_STYLE_TONES = re.compile(r"(?i)\b\w*(oá|oà|oả|oã|oạ|uý|uỳ|uỷ|uỹ|uỵ|oé|oè|oẻ|oẽ|oẹ)\b")


def source_text(entry):
    return entry.msgid_plural or entry.msgid


def translation(entry):
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def load(name):
    return polib.pofile(str(VI_DIR / name)), polib.pofile(str(CATALOGUES[name]))


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_catalogue_is_vietnamese_and_covers_every_upstream_string(name, capsys):
    vi, en = load(name)
    assert vi.metadata["Language"] == "vi"
    assert vi.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    assert "charset=UTF-8" in vi.metadata["Content-Type"]

    ours = {(e.msgctxt, e.msgid): e for e in vi}
    missing = [e.msgid for e in en if (e.msgctxt, e.msgid) not in ours]
    untranslated = [e.msgid for e in en if (e.msgctxt, e.msgid) in ours and not translation(ours[(e.msgctxt, e.msgid)])]
    translated = len(en) - len(missing) - len(untranslated)
    with capsys.disabled():
        print(f"\n{name}: {translated}/{len(en)} strings translated ({100 * translated / len(en):.1f}%)")
    assert not missing, f"msgids absent from {name}: {missing[:5]}"
    assert not untranslated, f"untranslated in {name}: {untranslated[:5]}"


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_translations_keep_placeholders_markup_and_plural_shape(name):
    vi, _ = load(name)
    problems = []
    for entry in vi:
        text = translation(entry)
        if not text:
            continue
        if sorted(TOKEN.findall(text)) != sorted(TOKEN.findall(source_text(entry))):
            problems.append((entry.msgid, text))
        if entry.msgid_plural and set(entry.msgstr_plural) != {0}:
            problems.append((entry.msgid, "Vietnamese has a single plural form: msgstr[0] only"))
    assert not problems, problems[:5]


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_translations_are_nfc_and_use_one_tone_placement_style(name):
    vi, _ = load(name)
    not_nfc = [translation(e) for e in vi if unicodedata.normalize("NFC", translation(e)) != translation(e)]
    old_style = [translation(e) for e in vi if OLD_STYLE_TONES.search(translation(e))]
    assert not not_nfc, not_nfc[:5]
    assert not old_style, old_style[:5]


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_compiled_catalogue_formats_every_message_like_wagtail_does(name, tmp_path):
    """Compile to .mo, load it with gettext and interpolate each message with its own arguments."""
    vi, _ = load(name)
    mo = tmp_path / "vi.mo"
    vi.save_as_mofile(str(mo))
    with mo.open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)

    for entry in vi:
        if not translation(entry):
            continue
        src = source_text(entry)
        args = {key: (7 if kind == "d" else f"«{key}»") for key, kind in NAMED.findall(src)}
        if entry.msgid_plural:
            got = (
                catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 7)
                if entry.msgctxt
                else catalogue.ngettext(entry.msgid, entry.msgid_plural, 7)
            )
            # One plural form: the same Vietnamese text serves n == 1 too.
            assert got == catalogue.ngettext(entry.msgid, entry.msgid_plural, 1) or entry.msgctxt
        else:
            got = catalogue.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else catalogue.gettext(entry.msgid)
        assert got == translation(entry)
        if args and "python-format" in entry.flags:
            rendered = got % args
            for key in NAMED.findall(got):
                assert str(args[key[0]]) in rendered
        elif "python-format" in entry.flags and "%s" in src:
            got % tuple("x" for _ in range(src.count("%s")))


def test_labels_follow_the_glossary():
    """Every label locale/GLOSSARY.md spells out ("Approve": "Duyệt") is translated exactly so here."""
    glossary = (Path(settings.BASE_DIR) / "locale" / "GLOSSARY.md").read_text(encoding="utf-8")
    pairs = dict(re.findall(r'"([^"]+)"(?: menu)?: "([^"]+)"', glossary))
    vi = {e.msgid: translation(e) for name in CATALOGUES for e in load(name)[0] if not e.msgctxt}
    checked = {en: vi[en] for en in pairs if en in vi}
    assert len(checked) >= 8, f"too few glossary labels found in the catalogues: {checked}"
    assert checked == {en: pairs[en] for en in checked}


def test_shared_vocabulary_is_used_consistently():
    """Terms of the glossary table that have no quoted example, and renderings we never use."""
    vi = {e.msgid: translation(e) for name in CATALOGUES for e in load(name)[0] if not e.msgctxt}
    expected = {
        "Unpublish": "Ngừng xuất bản",
        "Submit for moderation": "Gửi duyệt",
        "Request changes": "Yêu cầu chỉnh sửa",
        "Draft": "Bản nháp",
        "Workflow": "Quy trình duyệt",
        "Dashboard": "Bảng điều khiển",
        "Reports": "Báo cáo",
        "Collection": "Bộ sưu tập",
        "Preview": "Xem trước",
        "Lock": "Khóa",
        "Privacy": "Quyền riêng tư",
        "Comment": "Bình luận",
        "Owner": "Chủ sở hữu",
        "History": "Lịch sử",
        "Edit": "Sửa",
        "Page/Snippet": "Trang/Đoạn nội dung",
    }
    assert {k: vi[k] for k in expected} == expected
    # Older or ambiguous renderings (some from upstream's partial catalogue) we replaced.
    banned = ("Thu hồi xuất bản", "Vùng miền", "Yêu cầu xem xét", "snippet", "workflow", "đoạn mã")
    offenders = [(k, v) for k, v in vi.items() for word in banned if word.lower() in TOKEN.sub("", v).lower()]
    assert not offenders, offenders[:5]
