"""Create or extend locale_upstream/vi/<app>.<domain>.po with every msgid of the app's
English catalogue that the file does not hold yet (msgstr empty, to be translated). The
app's own Vietnamese translation, when it has one, is shown as a comment to the translator."""

import polib
from django.core.management.base import BaseCommand, CommandError

from campaigns.i18n import upstream


class Command(BaseCommand):
    help = "Tạo/bổ sung tệp nguồn bản dịch locale_upstream/vi/<app>.<domain>.po từ danh mục tiếng Anh."

    def add_arguments(self, parser):
        parser.add_argument("app", help="vd. wagtail.images")
        parser.add_argument("--domain", default="django", choices=upstream.DOMAINS)
        parser.add_argument("--missing-only", action="store_true",
                            help="chỉ thêm các msgid mà danh mục vi của ứng dụng chưa dịch")

    def handle(self, *args, app, domain, missing_only, **options):
        english = upstream.english_catalogue(app, domain)
        if english is None:
            raise CommandError(f"{app} không có danh mục tiếng Anh cho miền {domain}.")
        vi_path = upstream.app_locale_dir(app) / "vi" / "LC_MESSAGES" / f"{domain}.po"
        theirs = {}
        if vi_path.exists():
            theirs = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(vi_path)) if upstream._translated(e)}
        path = upstream.source_dir() / f"{app}.{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        po = polib.pofile(str(path)) if path.exists() else polib.POFile()
        po.metadata = dict(upstream.HEADER)
        po.wrapwidth = 0
        have = {(e.msgctxt, e.msgid) for e in po}
        added = 0
        for entry in english:
            if entry.obsolete or not entry.msgid or (entry.msgctxt, entry.msgid) in have:
                continue
            new = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt, flags=[
                f for f in entry.flags if f.endswith("-format")])
            if entry.msgid_plural:
                new.msgid_plural = entry.msgid_plural
                new.msgstr_plural = {0: ""}
            hint = theirs.get((entry.msgctxt, entry.msgid))
            if hint and missing_only:
                continue
            if hint:
                new.comment = "upstream vi: " + (hint.msgstr_plural.get(0, "") if hint.msgid_plural else hint.msgstr)
            po.append(new)
            added += 1
        po.save(str(path))
        self.stdout.write(f"{path}: {added} msgid(s) added, {len(po)} in all.")
