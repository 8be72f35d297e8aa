"""Benchmark: export time of the largest seed plan (most tasks + indicators), JSON and XLSX.

    .venv/bin/python bench/bench_exports.py [--runs 30]

Uses a throw-away SQLite database (or NQ57_DATABASE_URL when set, which must be empty),
imports the seed, then prints the median and p90 of:
- `build`: the builder alone on a plan already loaded by `plan_detail`;
- `export`: what a download costs on the server — `exports.actions.export_plan`
  (load the plan with its rows, build the file, write the audit row).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "demo" / "seeds"


def setup_django(directory: str) -> None:
    os.environ.setdefault("NQ57_DATABASE_URL", f"sqlite:///{directory}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nq57.settings")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def largest_seed() -> tuple[Path, int]:
    from nq57.ingest import parse_bytes

    def records(path: Path) -> int:
        plan = parse_bytes(path.read_bytes(), path.name)
        return len(plan.tasks) + len(plan.indicators)

    counted = [(path, records(path)) for path in sorted(SEEDS.glob("*.txt"))]
    return max(counted, key=lambda pair: pair[1])


def timed(action: Callable[[], object], runs: int) -> list[float]:
    action()  # warm up (imports, content types)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return sorted(times)


def report(label: str, times: list[float], size: int) -> None:
    median = statistics.median(times) * 1000
    p90 = times[max(int(len(times) * 0.9) - 1, 0)] * 1000
    print(f"{label:<14} {size / 1024:8.1f} {median:10.1f} {p90:8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(directory)
        run(args.runs)


def run(runs: int) -> None:
    from nq57.exports.actions import ExportFormat, export_plan
    from nq57.exports.plan_json import plan_json_bytes
    from nq57.exports.plan_xlsx import plan_xlsx
    from nq57.ingest import parse_bytes
    from nq57.plans.actions import import_plan
    from nq57.plans.queries import plan_detail

    seed, records = largest_seed()
    data = seed.read_bytes()
    plan = import_plan(
        parse_bytes(data, seed.name), source_name=seed.name, source_bytes=data, actor=None
    )
    print(f"seed {seed.name}: {records} records, {runs} runs")
    print(f"{'':<14} {'KB out':>8} {'median ms':>10} {'p90 ms':>8}")
    loaded = plan_detail(plan.pk)
    for fmt, build in ((ExportFormat.JSON, plan_json_bytes), (ExportFormat.XLSX, plan_xlsx)):
        size = len(build(loaded))
        report(f"{fmt.value} build", timed(lambda b=build: b(loaded), runs), size)
        export = lambda f=fmt: export_plan(plan_id=plan.pk, fmt=f, actor=None)  # noqa: E731
        report(f"{fmt.value} export", timed(export, runs), size)


if __name__ == "__main__":
    main()
