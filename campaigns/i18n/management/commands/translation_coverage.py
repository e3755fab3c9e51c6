"""Print how much of each upstream app's interface (Wagtail, wagtail-localize, Django's
admin, auth and forms) is in Vietnamese. `--missing` lists the untranslated msgids."""

from django.core.management.base import BaseCommand

from campaigns.i18n import coverage


class Command(BaseCommand):
    help = "Tỷ lệ chuỗi giao diện Wagtail/Django đã được dịch sang tiếng Việt, theo từng ứng dụng."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="chỉ đo các ứng dụng này (vd. wagtail.admin)")
        parser.add_argument("--missing", action="store_true", help="liệt kê các msgid chưa dịch")

    def handle(self, *args, **options):
        rows = coverage.measure(options["apps"] or None)
        for line in coverage.table(rows):
            self.stdout.write(line)
        if options["missing"]:
            for row in rows:
                for msgid in row.missing:
                    self.stdout.write(f"{row.app}.{row.domain}: {msgid!r}")
