"""Find English words in text that should be Vietnamese (the admin's interface text).

A word is suspect when it is written in plain ASCII letters and cannot be a Vietnamese
syllable: Vietnamese words either carry marks (then they are Vietnamese) or, written without
marks, still follow the syllable shape onset + vowels + final ("trang", "tin", "con").
English interface words almost never do ("Edit", "Pages", "Settings", "draft"). Short English
words that happen to fit ("to", "in", "on") slip through; the words around them do not.
Email addresses, URLs, acronyms (UBND, MB) and an allowlist of proper nouns and technical
terms are ignored. Data the interface shows (page titles in English, usernames, message
templates) is not interface text: `english_lines(data=…)` sets such values aside, whole, before
a line's words are judged, so an interface word that merely also occurs in some data value
("Site" next to a site's name) is still caught."""

import re
import unicodedata

ONSETS = "ngh|ng|gh|gi|ch|kh|nh|ph|th|tr|qu|[bcdghklmnprstvx]"
SYLLABLE = re.compile(rf"^(?:{ONSETS})?[aeiouy]{{1,3}}(?:ch|ng|nh|[cmnpt])?$")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# E-mail addresses, URLs, paths, file names, and template placeholders ({{ name }}, {% if %}).
IGNORED = re.compile(r"\S+@\S+|https?://\S+|/\S*/|\b[\w.-]+\.(?:pdf|docx?|xlsx?|csv|jpe?g|png|gif|svg|webp|txt)\b"
                     r"|\{\{.*?\}\}|\{%.*?%\}", re.IGNORECASE)

# Proper nouns, product names and technical terms that stay as they are in Vietnamese text.
ALLOWLIST = {
    "wagtail", "django", "url", "urls", "id", "html", "pdf", "csv", "excel", "json", "api", "email",
    "slug", "ok", "seo", "english", "po", "uuid", "ip", "ipv", "sso", "ldap", "http", "https", "svg",
    "png", "jpeg", "jpg", "gif", "webp", "avif", "heic", "ico", "utc", "gmt", "ctrl", "alt", "shift",
    "cmd", "esc", "tab", "enter", "embedly", "youtube", "facebook", "zalo", "docx", "xlsx", "pm", "am",
    "www", "localhost", "demo", "rss", "web", "website", "video", "camera", "atom", "zns", "qr", "menu", "dd", "mm", "yyyy", "hh",
}


def is_vietnamese_shaped(word):
    """True when `word` (ASCII) could be a Vietnamese syllable written without marks."""
    return bool(SYLLABLE.match(word.lower()))


def english_words(text, allow=()):
    """The suspect English words of `text`, in order of appearance, without repeats."""
    allowed = ALLOWLIST | {a.lower() for a in allow}
    found = []
    for word in WORD.findall(IGNORED.sub(" ", unicodedata.normalize("NFC", text))):
        if not word.isascii() or len(word) < 2:
            continue
        key = word.lower()
        if sum(ch.isupper() for ch in word) >= 2:  # acronyms: UBND, KH, TTg, MB, PDF
            continue
        if key in allowed or is_vietnamese_shaped(key) or word in found:
            continue
        found.append(word)
    return found


def data_phrases(values, allow=()):
    """Of the data `values` (strings), those that contain suspect English words, whitespace
    collapsed, as patterns that match a whole value (or a whole line of a multi-line one),
    longest first: what `english_lines(data=…)` expects."""
    phrases = set()
    for value in values:
        if value and english_words(value, allow):
            # The whole value (shown on one line), and each of its lines (a text area).
            phrases.update(" ".join(part.split()) for part in [value, *value.splitlines()] if part.strip())
    return [re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)") for phrase in sorted(phrases, key=len, reverse=True)]


def english_lines(text, allow=(), data=()):
    """Distinct lines of `text` that contain suspect English words, with the words:
    [(line, [words])], in order of appearance. `data` (from `data_phrases`) are values shown
    as data; each occurrence is removed from a line before its words are judged."""
    result, seen = [], set()
    for line in text.splitlines():
        line = " ".join(line.split())
        if line in seen:
            continue
        seen.add(line)
        words = english_words(line, allow)
        if words and data:
            rest = line
            for phrase in data:
                rest = phrase.sub(" ", rest)
            words = english_words(rest, allow)
        if words:
            result.append((line[:120], words))
    return result
