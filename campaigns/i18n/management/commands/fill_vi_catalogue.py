"""After makemessages: give every untranslated or fuzzy entry of locale/vi its msgid as
msgstr (our source strings are Vietnamese). English-source msgids, if any, still need a
Vietnamese msgstr by hand; locale/en is never touched."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Điền msgstr = msgid cho các mục chưa dịch của locale/vi (chuỗi nguồn là tiếng Việt)."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"
        po = polib.pofile(str(path), wrapwidth=0)
        filled = 0
        for entry in po:
            if entry.obsolete:
                continue
            fuzzy = "fuzzy" in entry.flags
            if entry.msgid_plural and (fuzzy or not entry.msgstr_plural.get(0)):
                entry.msgstr_plural = {0: entry.msgid_plural}
            elif not entry.msgid_plural and (fuzzy or not entry.msgstr):
                entry.msgstr = entry.msgid
            else:
                continue
            if fuzzy:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgctxt = None
            filled += 1
        po.save()
        self.stdout.write(f"{path}: {filled} msgstr filled.")
