"""Benchmark: DOCX and PDF ingestion speed in pages per second (median of repeated runs).

    make bench            # or: .venv/bin/python bench/bench_documents.py [--runs 5]

Reads the seed plans as DOCX and as PDF (built by tests/fixtures/build_documents.py with
python-docx and LibreOffice, cached in var/test-cache/documents) and the long 200-page table PDF,
with `parse_bytes`, as an upload would be. A DOCX has no pages of its own: its pages are those of
the PDF LibreOffice prints from it. Prints one row per file and a total per format.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nq57.ingest import parse_bytes  # noqa: E402
from tests.fixtures import build_documents as build  # noqa: E402

CACHE = ROOT / "var" / "test-cache" / "documents"


def pages_of(pdf: bytes) -> int:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def median_seconds(data: bytes, name: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_bytes(data, name)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def files() -> list[tuple[str, str, bytes, int]]:
    """(label, format, bytes, pages) of every file measured."""
    out = []
    for seed in build.SEEDS:
        docx_path, pdf_path = build.seed_documents(seed, CACHE)
        pdf = pdf_path.read_bytes()
        pages = pages_of(pdf)
        out.append((seed.name[:3], "docx", docx_path.read_bytes(), pages))
        out.append((seed.name[:3], "pdf", pdf, pages))
    long = build.long_pdf(CACHE)
    out.append((f"{build.LONG_TASKS} tasks", "pdf", long, pages_of(long)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'file':<12} {'format':<6} {'pages':>6} {'KB':>6} {'median s':>9} {'pages/s':>8}")
    totals: dict[str, list[float]] = {}
    for label, kind, data, pages in files():
        runs = max(1, args.runs // 2) if pages > 100 else args.runs
        seconds = median_seconds(data, f"{label}.{kind}", runs)
        total = totals.setdefault(kind, [0.0, 0.0])
        total[0] += pages
        total[1] += seconds
        kb = len(data) / 1024
        print(f"{label:<12} {kind:<6} {pages:6d} {kb:6.0f} {seconds:9.3f} {pages / seconds:8.1f}")
    for kind, (pages, seconds) in totals.items():
        print(f"{'all':<12} {kind:<6} {pages:6.0f} {'':>6} {seconds:9.3f} {pages / seconds:8.1f}")


if __name__ == "__main__":
    main()
