"""Benchmark: import a 50,000-row planning-pool XLSX (new people and entries, all or nothing)
and compare with openpyxl merely reading the same file, in the same run, on SQLite and on
PostgreSQL. Prints rows per second and the ratio read time / import time (target >= 0.3).

    .venv/bin/python bench/import/run.py [--only sqlite|postgres] [--rows 50000]"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/wlp_prog_bench_import")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return measure(args.rows)
    sys.path.insert(0, str(ROOT))
    from bench.indicators.run import _prepare_postgres

    for backend in ["sqlite", "postgres"] if not args.only else [args.only]:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="config.settings.test")
        env.pop("REDIS_URL", None)
        if backend == "sqlite":
            env["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='bench-imp-')}/bench.sqlite3"
        else:
            import bench.indicators.run as ind

            ind.PG_URL = PG_URL
            if not _prepare_postgres():
                print("postgres: not reachable, skipped")
                continue
            env["DATABASE_URL"] = PG_URL
        subprocess.run([sys.executable, __file__, "--worker", "--rows", str(args.rows)], env=env, cwd=ROOT, check=True)


def build_file(rows, unit_codes):
    from openpyxl import Workbook

    from campaigns.programme.importers import SPECS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SPECS["pool"].sheet)
    sheet.append([c.header for c in SPECS["pool"].columns])
    for i in range(rows):
        sheet.append(
            [
                f"Nguyễn Thị Cán Bộ {i}",
                "Nữ" if i % 2 else "Nam",
                1960 + i % 35,
                "Kinh",
                f"0790{i:08d}",
                unit_codes[i % len(unit_codes)],
                "Chuyên viên",
                "Phó Trưởng phòng",
                "Cấp xã",
                "2026-2031",
                f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024",
                "",
            ]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def measure(rows):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from openpyxl import load_workbook

    from campaigns.programme.importers import import_file
    from campaigns.programme.models import OrganisationUnit, PlanningPoolEntry, UnitLevel, UnitType

    root = OrganisationUnit.add_root(
        code="T", name="Tỉnh", level=UnitLevel.PROVINCE, unit_type=UnitType.PEOPLES_COMMITTEE
    )
    codes = []
    for i in range(100):
        root = OrganisationUnit.objects.get(pk=root.pk)
        root.add_child(code=f"T-{i}", name=f"Xã {i}", level=UnitLevel.COMMUNE, unit_type=UnitType.PEOPLES_COMMITTEE)
        codes.append(f"T-{i}")
    content = build_file(rows, codes)

    start = time.perf_counter()
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    count = sum(1 for _ in workbook.active.iter_rows(values_only=True))
    workbook.close()
    read = time.perf_counter() - start

    start = time.perf_counter()
    summary = import_file(kind="pool", fileobj=io.BytesIO(content), name="pool.xlsx", dry_run=False)
    spent = time.perf_counter() - start
    assert summary["created"] == rows == PlanningPoolEntry.objects.count() == count - 1, summary
    vendor = connection.vendor
    print(f"{vendor}: file {len(content) / 1e6:.1f} MB, {rows:,} rows")
    print(f"{vendor}: openpyxl read only   {read:7.2f} s  ({rows / read:9,.0f} rows/s)")
    print(f"{vendor}: import (all checks)  {spent:7.2f} s  ({rows / spent:9,.0f} rows/s)")
    print(f"{vendor}: ratio read / import = {read / spent:.2f}  (target >= 0.3)")


if __name__ == "__main__":
    main()
