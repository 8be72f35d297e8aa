"""Benchmark: parsing speed of the seed plans (median of repeated runs).

    make bench            # or: .venv/bin/python bench/bench_ingest.py [--runs 30]

Prints one line per seed: size, records, median and p90 wall time of `parse_bytes`
(cold: memoised cell cleaning is cleared before each run).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from nq57.ingest import parse_bytes
from nq57.ingest.cells import clean_cell
from nq57.ingest.columns import fold


def _cold() -> None:
    """Forget memoised cells so that every run parses as if the file were new."""
    clean_cell.cache_clear()
    fold.cache_clear()


SEEDS = Path(__file__).resolve().parents[1] / "demo" / "seeds"


def measure(data: bytes, name: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        _cold()
        start = time.perf_counter()
        parse_bytes(data, name)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    print(f"{'seed':<28} {'KB':>6} {'records':>8} {'median ms':>10} {'p90 ms':>8}")
    for path in sorted(SEEDS.glob("*.txt")):
        data = path.read_bytes()
        plan = parse_bytes(data, path.name)
        times = sorted(measure(data, path.name, args.runs))
        records = len(plan.tasks) + len(plan.indicators)
        median = statistics.median(times) * 1000
        p90 = times[int(len(times) * 0.9) - 1] * 1000
        print(f"{path.name:<28} {len(data) / 1024:6.0f} {records:8d} {median:10.1f} {p90:8.1f}")


if __name__ == "__main__":
    main()
