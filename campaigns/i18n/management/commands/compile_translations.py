"""Compile every .po catalogue under the project's locale/ to .mo with polib (pure Python),
so a machine without GNU gettext's msgfmt can still build the translations (a .mo newer than
its .po is kept), then merge our translations of upstream catalogues
(locale_upstream/vi/*.<domain>.po) into var/locale_upstream/vi/LC_MESSAGES/<domain>.mo."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from campaigns.i18n import upstream


class Command(BaseCommand):
    help = "Biên dịch các tệp bản dịch .po thành .mo (cả bản dịch giao diện Wagtail, Django)."

    def handle(self, *args, **options):
        compiled = 0
        generated = upstream.output_dir().resolve()
        for root in settings.LOCALE_PATHS:
            if Path(root).resolve() == generated:
                continue
            for po_path in Path(root).glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
        for domain, (entries, skipped) in upstream.build().items():
            self.stdout.write(f"upstream vi {domain}: {entries} translation(s) merged.")
            for message in skipped:
                self.stderr.write(f"  skipped (placeholders or tags differ): {message}")
