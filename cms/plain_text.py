"""Plain text out of page content: for reading time, search and the newsletter's plain part."""

import math
import re

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 200
_SPACE = re.compile(r"\s+")


def rich_text_plain(value):
    """Text of a rich-text value (RichText or HTML string) without tags, whitespace collapsed."""
    source = getattr(value, "source", value) or ""
    return _SPACE.sub(" ", strip_tags(str(source).replace("<", " <"))).strip()


def stream_plain(stream):
    """The readable text of a StreamField value, block by block."""
    parts = []
    for block in stream or []:
        value = block.value
        kind = block.block_type
        if kind == "paragraph":
            parts.append(rich_text_plain(value))
        elif kind == "heading":
            parts.append(value.get("text", ""))
        elif kind == "quote":
            parts.append(f'{value.get("text", "")} {value.get("attribution", "")}')
        elif kind == "key_figure":
            parts.append(f'{value.get("value", "")} {value.get("label", "")}')
        elif kind == "image":
            parts.append(value.get("caption", ""))
        elif kind == "call_to_action":
            parts.append(f'{value.get("heading", "")} {value.get("text", "")}')
    return _SPACE.sub(" ", " ".join(p for p in parts if p)).strip()


def reading_minutes(*texts):
    """Whole minutes to read these texts at an ordinary pace; at least one."""
    words = sum(len(t.split()) for t in texts if t)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
