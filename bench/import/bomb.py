"""Benchmark: the zip bomb of issue 13 (a 216 KB XLSX that unpacks to 73 MB of XML and 1.5
million rows; tests/campaigns/programme/sheets.py: zip_bomb) checked as an import job's dry
run checks it. Each run is a fresh process; prints the time to the answer, the answer, and
the process's peak RSS (ru_maxrss) against the same process's before the check.

    .venv/bin/python bench/import/bomb.py [--rows 1500000] [--repeat 3]

To compare with another checkout (e.g. before the limits), point --source at its top folder:
the reader under test is imported from there, the bomb is built by this one."""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--source", default=str(ROOT))
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(Path(args.measure))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from tests.campaigns.programme.sheets import zip_bomb

    bomb = Path(tempfile.mkdtemp(prefix="bench-bomb-")) / "bomb.xlsx"
    bomb.write_bytes(zip_bomb(args.rows).getvalue())
    print(f"file {bomb.stat().st_size / 1024:.0f} KB, {args.rows:,} rows; reader from {args.source}")
    env = dict(os.environ, PYTHONPATH=args.source, PYTHONDONTWRITEBYTECODE="1",
               DATABASE_URL=f"sqlite:///{bomb.parent / 'db.sqlite3'}")
    env.pop("REDIS_URL", None)
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, __file__, "--measure", str(bomb)], env=env, cwd=args.source,
                             capture_output=True, text=True, check=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        print(f"  {result['seconds']:6.2f} s   peak RSS {result['peak_mb']:6.1f} MB "
              f"(+{result['peak_mb'] - result['base_mb']:.1f} MB over the idle process)   {result['answer'][:90]}")


def measure(path):
    import resource
    import time

    import django

    django.setup()
    from campaigns.programme.importers import SPECS, ImportRejected
    from campaigns.programme.importers.reading import read_table

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    try:
        with open(path, "rb") as fileobj:
            header, rows, _total = read_table(fileobj, name="bomb.xlsx", spec=SPECS["pool"])
            count = sum(1 for _ in rows)  # what the import's row check reads before any database work
        answer = f"read {count} data rows"
    except ImportRejected as exc:
        answer = "refused: " + exc.errors[0]["message"]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "base_mb": base, "answer": answer}))


if __name__ == "__main__":
    main()
