"""Benchmark: suggesting cross-level task links (`cascade.matching.suggest_task_links`), a
100-task lower plan against a 150-task upper plan, and the indicators of two district plans.

    .venv/bin/python bench/bench_links.py [--runs 15] [--children 100] [--parents 150]

Plans are built from the bundled seeds, read once (`parse_bytes`, not timed):
- the upper plan: the 82 tasks of the HCMC appendix (004), then reworded copies of them — the
  generic verb changed ('Xây dựng' → 'Ban hành, triển khai'), 'Thành phố' → 'thành phố Thủ
  Đức', a sentence dropped, the deadline a year later, another department leading — numbered
  on, until `--parents` (150);
- the lower plan: the 49 tasks of Củ Chi (000), mostly localised copies of 004, then those of
  Quận 3 (001), about a quarter of which have no counterpart, then reworded copies, until
  `--children` (100).
Timed: the whole call (TF-IDF over the upper plan, every pair scored, the order chain, the
reasons of every suggestion), median and slowest of `--runs`; then the same for the 33
indicators of Củ Chi against the 25 of Quận 3. No database, no Django.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from nq57.cascade.inputs import PlanItems, items_from_bytes
from nq57.cascade.matching import Item, suggest_indicator_links, suggest_task_links

SEEDS = Path(__file__).resolve().parents[1] / "demo" / "seeds"
LEADS = ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Sở Xây dựng", "Sở Khoa học và Công nghệ"]


def _seed(prefix: str) -> PlanItems:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return items_from_bytes(path.read_bytes(), path.name)


def _reworded(item: Item, rng: random.Random) -> Item:
    text = item.text.replace("Xây dựng", "Ban hành, triển khai").replace(
        "Thành phố", "thành phố Thủ Đức"
    )
    sentences = [s for s in text.split(". ") if s]
    if len(sentences) > 1 and rng.random() < 0.5:
        text = ". ".join(sentences[:-1])
    due = item.deadline_due
    later = date(due.year + 1, due.month, min(due.day, 28)) if due else None
    return replace(
        item,
        text=text,
        deadline_raw=item.deadline_raw.replace("2025", "2026"),
        deadline_due=later,
        lead=rng.choice(LEADS),
    )


def _grown(items: list[Item], size: int, rng: random.Random) -> list[Item]:
    grown = list(items[:size])
    while len(grown) < size:
        grown.append(_reworded(rng.choice(items), rng))
    return [replace(item, number=str(k)) for k, item in enumerate(grown, start=1)]


def _time(call: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--children", type=int, default=100)
    parser.add_argument("--parents", type=int, default=150)
    args = parser.parse_args()
    rng = random.Random(57)
    cu_chi, district3, city = _seed("000"), _seed("001"), _seed("004")
    parents = _grown(list(city.tasks), args.parents, rng)
    children = _grown([*cu_chi.tasks, *district3.tasks], args.children, rng)
    suggestions = suggest_task_links(children, parents)
    linked = sum(s.parent_number is not None for s in suggestions)
    times = _time(lambda: suggest_task_links(children, parents), args.runs)
    print(
        f"tasks: {len(children)} against {len(parents)} ({linked} linked): "
        f"median {statistics.median(times) * 1000:.0f} ms, slowest {times[-1] * 1000:.0f} ms "
        f"({args.runs} runs)"
    )
    ours, theirs = list(cu_chi.indicators), list(district3.indicators)
    times = _time(lambda: suggest_indicator_links(ours, theirs), args.runs)
    print(
        f"indicators: {len(ours)} against {len(theirs)}: "
        f"median {statistics.median(times) * 1000:.0f} ms, slowest {times[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
