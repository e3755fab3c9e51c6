"""Uploaded documents are checked by content, not only by name: a file called report.pdf
must start like a PDF. Wagtail already checks the extension (WAGTAILDOCS_EXTENSIONS), the
size (WAGTAILDOCS_MAX_UPLOAD_SIZE) and, for images, that Pillow can read the image."""

import os

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# What each allowed extension's first bytes must be; None means "text" (see _is_text).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
    "doc": _OLE,
    "xls": _OLE,
    "csv": None,
    "txt": None,
}


def _is_text(head):
    if b"\x00" in head:
        return False
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml")):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 4:
            return False
    return True


def content_matches_extension(uploaded):
    """True when the first bytes of `uploaded` fit its extension."""
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    if extension not in SIGNATURES:
        return False
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(position)
    expected = SIGNATURES[extension]
    if expected is None:
        return _is_text(head)
    return head.startswith(expected)


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "read") and not getattr(uploaded, "_committed", False):
            if not content_matches_extension(uploaded):
                raise forms.ValidationError(
                    _("Nội dung tệp không khớp với phần mở rộng %(name)s. Hãy tải lên đúng loại tệp."),
                    params={"name": os.path.splitext(uploaded.name)[1] or "?"},
                    code="content_mismatch",
                )
        return uploaded
