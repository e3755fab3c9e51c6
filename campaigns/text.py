"""Vietnamese text rules shared by forms, imports, search and sorting.

- Everything stored is Unicode NFC (a name typed on a phone may arrive decomposed).
- `fold()` is the key used for accent-insensitive search: tone marks and vowel marks are
  removed, đ/Đ becomes d, case is folded. Both tone-placement styles ("hoà" and "hòa")
  fold to the same key because the marks themselves are dropped.
"""

import unicodedata
from dataclasses import dataclass


def nfc(value):
    """Return `value` in NFC with surrounding whitespace stripped; None stays None."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", str(value)).strip()


def fold(value):
    """Return the accent-free, lower-case search key of `value` ("Đồng Nai" -> "dong nai")."""
    if not value:
        return ""
    text = str(value).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def slug_of(value, max_length=None):
    """The URL slug of `value`, transliterated the Vietnamese way: tone and vowel marks
    dropped, đ -> d ("Đồng Nai" -> "dong-nai"). Every slug the system makes comes from here,
    and the admin editor's slug field (campaigns.i18n.slugs) gives the same result."""
    from django.utils.text import slugify

    text = slugify(fold(value))
    return text[:max_length].strip("-") if max_length else text


# --- Vietnamese collation -------------------------------------------------------------
#
# Pure Python, so it needs nothing beyond the standard library (PyICU builds only where
# libicu-dev and a C++ compiler are installed; it has no wheels). It follows CLDR's `vi`
# collation, which ICU implements, with one deliberate difference: a syllable's tone is
# compared per syllable, so the two tone-placement styles ("hòa"/"hoà") sort as equal.
#
# Level 1: letters in the Vietnamese alphabet order a ă â b c d đ e ê (f) g h i (j) k l m n
#          o ô ơ p q r s t u ư v (w) x y (z); spaces before punctuation before digits
#          before letters. Digraphs (ch, ng, nh, ...) are not units, as in CLDR.
# Level 2: tones, syllable by syllable: ngang < huyền < hỏi < ngã < sắc < nặng.
# Level 3: lower case before upper case.

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Combining marks that make a distinct letter (breve, circumflex, horn) ...
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# ... and the five tone marks, in collation order after ngang (no mark).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _parts(char):
    """(base letter with its vowel marks, tone rank, is upper case) of one character."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = 0
    kept = []
    for mark in decomposed:
        if mark in _TONES:
            tone = _TONES[mark]
        else:
            kept.append(mark)
    base = unicodedata.normalize("NFC", "".join(kept))
    return base.lower(), tone, base != base.lower()


def collation_key(value):
    """Sort key of `value` in Vietnamese dictionary order (see above); None sorts as ""."""
    text = unicodedata.normalize("NFC", str(value or ""))
    primary, tones, case = [], [], []
    syllable_tone, in_syllable = 0, False
    for char in text:
        letter, tone, upper = _parts(char)
        if letter in _LETTER_RANK:
            primary.append(3000 + _LETTER_RANK[letter])
            case.append(int(upper))
            syllable_tone, in_syllable = syllable_tone or tone, True
            continue
        if in_syllable:
            tones.append(syllable_tone)
            syllable_tone, in_syllable = 0, False
        if char.isspace():
            primary.append(1)
        elif char.isdigit():
            primary.append(2000 + unicodedata.digit(char, 0))
        elif char.isalpha():  # another script: after the Vietnamese alphabet, by code point
            primary.append(10000 + ord(letter[:1] or char))
            case.append(int(upper))
        else:
            primary.append(100 + min(ord(char), 1800))
    if in_syllable:
        tones.append(syllable_tone)
    return tuple(primary), tuple(tones), tuple(case)


# --- Vietnamese personal names --------------------------------------------------------

# Two-syllable family names (họ kép) that are not followed by a middle name of their own.
COMPOUND_FAMILY_NAMES = {
    "âu dương", "tôn thất", "tôn nữ", "tư mã", "gia cát", "hoàng phủ", "thượng quan", "công tôn",
}


@dataclass(frozen=True)
class Name:
    """A personal name as written, and the parts derived from it for display and sorting."""

    full: str
    family: str  # họ
    middle: str  # tên đệm (may be empty or several words)
    given: str  # tên

    def sort_key(self):
        """Given name, then family name, then middle name, in Vietnamese collation: the
        order of class lists and registers ("An" before "Bình" whatever the family)."""
        return (collation_key(self.given), collation_key(self.family), collation_key(self.middle),
                collation_key(self.full))


def _given_first(words):
    """Ê Đê, Gia Rai and similar names put the family name last: "H'Hen Niê", "Y Moan Ênuôl"."""
    first = words[0]
    return len(words) > 1 and (first == "Y" or first[:2] in ("H'", "H’", "K'", "K’"))


def split_name(full_name):
    """Split a Vietnamese name, kept exactly as written (NFC), into family, middle and
    given names: "Nguyễn Thị Minh Khai" -> ("Nguyễn", "Thị Minh", "Khai"). A single word is a
    given name; compound family names ("Tôn Nữ", "Âu Dương") stay whole; names of the
    Ê Đê / Gia Rai pattern ("H'Hen Niê") take the last word as the family name."""
    full = " ".join(nfc(full_name or "").split())
    words = full.split(" ") if full else []
    if not words:
        return Name(full="", family="", middle="", given="")
    if len(words) == 1:
        return Name(full=full, family="", middle="", given=words[0])
    if _given_first(words):
        return Name(full=full, family=words[-1], middle="", given=" ".join(words[:-1]))
    family_words = 2 if len(words) > 2 and " ".join(words[:2]).lower() in COMPOUND_FAMILY_NAMES else 1
    return Name(
        full=full,
        family=" ".join(words[:family_words]),
        middle=" ".join(words[family_words:-1]),
        given=words[-1],
    )


def name_sort_key(full_name):
    """Sort key putting people in the order Vietnamese lists use: by given name, then family
    name, then middle name (`sorted(people, key=lambda p: name_sort_key(p.full_name))`)."""
    return split_name(full_name).sort_key()
