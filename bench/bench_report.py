"""Benchmark: writing a consolidated report as DOCX, XLSX and PDF (no database).

    make bench            # or: .venv/bin/python bench/bench_report.py [--runs 20] [--pdf-runs 3]

The report is District 3's first half of 2025 (tests/exports/report_fixture.py) grown to 100
tasks, 30 indicators and 40 units, one source per task and each task's result a sentence of
part I. Prints the median and slowest of `--runs` builds of `build_docx` and `build_xlsx`, and
of `--pdf-runs` of `build_pdf` (the DOCX printed by LibreOffice headless, a fresh profile each
time, as on the server), with the size of each file and the PDF's pages.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nq57.exports.report_docx import build_docx  # noqa: E402
from nq57.exports.report_model import ConsolidatedReport  # noqa: E402
from nq57.exports.report_pdf import build_pdf  # noqa: E402
from nq57.exports.report_xlsx import build_xlsx  # noqa: E402
from tests.exports.report_fixture import sized_report  # noqa: E402

TASKS, INDICATORS, UNITS = 100, 30, 40


def timed(build: Callable[[ConsolidatedReport], bytes], report: ConsolidatedReport, runs: int):
    """(sorted seconds of each run, the file of the last run)."""
    times, data = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        data = build(report)
        times.append(time.perf_counter() - start)
    return sorted(times), data


def pages_of(pdf: bytes) -> int:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    report = sized_report(tasks=TASKS, indicators=INDICATORS, units=UNITS)
    build_docx(report)  # warm up (imports, the Word template)
    build_xlsx(report)
    print(f"report: {TASKS} tasks, {INDICATORS} indicators, {UNITS} units, "
          f"{len(report.sources)} sources")  # fmt: skip
    print(f"{'format':<6} {'runs':>5} {'KB':>6} {'median ms':>10} {'max ms':>8} {'pages':>6}")
    for label, build, runs in (
        ("docx", build_docx, args.runs),
        ("xlsx", build_xlsx, args.runs),
        ("pdf", build_pdf, args.pdf_runs),
    ):
        times, data = timed(build, report, runs)
        pages = str(pages_of(data)) if label == "pdf" else ""
        median, slowest = statistics.median(times) * 1000, times[-1] * 1000
        print(
            f"{label:<6} {runs:5d} {len(data) / 1024:6.0f} {median:10.0f} {slowest:8.0f} {pages:>6}"
        )


if __name__ == "__main__":
    main()
