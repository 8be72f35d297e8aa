"""Benchmark: server time of the plan page and the task lists on a plan with 3,000 tasks.

    .venv/bin/python bench/bench_pages.py [--runs 15] [--tasks 3000]
    NQ57_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/nq57_bench \
        .venv/bin/python bench/bench_pages.py

Builds a fresh database (SQLite file in a temporary directory unless NQ57_DATABASE_URL is set;
that database is emptied first), imports one plan whose 3,000 tasks are the seed plans' tasks
repeated over 30 sections, 100 indicators, and one officer of Quận 3's culture office (which
leads or coordinates many of them). Then times whole requests through Django's test client
(view, queries, template; no network): median and p90 of `--runs` requests per page.
"""

from __future__ import annotations

import argparse
import statistics

from _common import setup_django, time_get


def _build(tasks: int) -> tuple[int, str]:
    from nq57.ingest import parse_bytes
    from nq57.ingest.model import ParsedPlan
    from nq57.orgs.models import Membership, Unit, User
    from nq57.plans.actions import import_plan
    from nq57.plans.demo import SEEDS_DIR, build_demo_units

    build_demo_units()
    seeds = [parse_bytes(p.read_bytes(), p.name) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    pool = [t for seed in seeds for t in seed.tasks]
    indicators = [i for seed in seeds for i in seed.indicators][:100]
    base = seeds[1]  # Quận 3: its units exist in the demo tree
    many = []
    for n in range(tasks):
        task = pool[n % len(pool)]
        section = str(n // 100 + 1)
        many.append(
            type(task)(**{**task.__dict__, "section": section, "number": str(n % 100 + 1),
                          "section_title": f"Nhóm nhiệm vụ {section}"})
        )  # fmt: skip
    parsed = ParsedPlan(base.document, indicators, many, [], base.parser)
    plan = import_plan(parsed, source_name="bench.txt", source_bytes=b"bench", actor=None,
                       publish=True)  # fmt: skip
    office = Unit.objects.get(name="Phòng Văn hóa, Khoa học và Thông tin",
                              parent__name="Ủy ban nhân dân Quận 3")  # fmt: skip
    user = User.objects.create_user("bench_officer", password="x")
    Membership.objects.create(user=user, unit=office, role=Membership.Role.OFFICER)
    return plan.pk, user.username


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--tasks", type=int, default=3000)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test import Client

    from nq57.orgs.models import User
    from nq57.plans.models import Task

    plan_id, username = _build(args.tasks)
    client = Client()
    client.force_login(User.objects.get(username=username))
    pages = {
        "plan page (100 of 3000)": f"/ke-hoach/{plan_id}/",
        "plan page, last page": f"/ke-hoach/{plan_id}/?trang=30",
        "Việc của đơn vị": "/viec-cua-don-vi/",
        "search 'chuyen doi so'": "/tim-kiem/?q=chuyen+doi+so",
        "API /api/tasks (500)": f"/api/tasks?plan={plan_id}&limit=500",
    }
    print(f"database: {connection.vendor}; plan with {Task.objects.count()} tasks")
    print(f"{'page':<26} {'median ms':>10} {'p90 ms':>8}")
    for name, url in pages.items():
        times = time_get(client, url, args.runs)
        p90 = times[max(0, int(len(times) * 0.9) - 1)]
        print(f"{name:<26} {statistics.median(times) * 1000:10.0f} {p90 * 1000:8.0f}")


if __name__ == "__main__":
    main()
