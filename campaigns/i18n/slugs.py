"""Slugs the Vietnamese way in the admin editor, agreeing with the server's `slug_of()`.

Wagtail's slug field (the `w-slug` Stimulus controller) transliterates with the downcode
maps of Django's URLify, which have no Vietnamese map: "Đồng Nai" became "djng-nai" (the
Serbian đ -> dj) and "Hội nghị" became "hi-ngh" (ộ, ị dropped). The controller accepts
"formatters", regular expressions applied before its own rules; ours fold every accented
Latin letter to the letter `campaigns.text.fold` gives (đ -> d, tone marks removed) and drop
combining marks (text typed decomposed), so the editor's automatic slug and the server's
are the same string. Installed for every SlugField in Wagtail's forms (pages, snippets,
courses) by replacing Wagtail's form-field override for SlugField, and on the "Copy page"
form's new slug, a form field Wagtail builds with its own widget."""

from collections import defaultdict

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets.slug import SlugInput

from campaigns.text import fold


def _letter_classes():
    """[(regex, replacement)]: one character class per ASCII letter its accented forms fold to."""
    by_target = defaultdict(list)
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        for code in block:
            char = chr(code)
            folded = fold(char)
            if folded != char and folded.isascii() and folded.isalpha() and len(folded) == 1:
                by_target[folded].append(char)
    return [(f"[{''.join(chars)}]", target) for target, chars in sorted(by_target.items())]


# Combining marks first (decomposed input), then the precomposed letters.
FORMATTERS = [("[\u0300-\u036f]", "")] + _letter_classes()


class VietnameseSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or FORMATTERS, locale=locale)


def install():
    register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
    _install_on_copy_form()


def _install_on_copy_form():
    from wagtail.admin.forms.pages import CopyForm

    if getattr(CopyForm, "_vietnamese_slugs", False):
        return
    wagtail_init = CopyForm.__init__

    def __init__(self, *args, **kwargs):
        wagtail_init(self, *args, **kwargs)
        self.fields["new_slug"].widget = VietnameseSlugInput(locale=self.page.locale)

    CopyForm.__init__ = __init__
    CopyForm._vietnamese_slugs = True
