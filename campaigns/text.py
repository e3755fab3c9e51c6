"""Vietnamese text rules shared by forms, imports, search and sorting.

- Everything stored is Unicode NFC (a name typed on a phone may arrive decomposed).
- `fold()` is the key used for accent-insensitive search: tone marks and vowel marks are
  removed, đ/Đ becomes d, case is folded. Both tone-placement styles ("hoà" and "hòa")
  fold to the same key because the marks themselves are dropped.
"""

import unicodedata


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
