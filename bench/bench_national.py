"""Benchmark: the leader dashboard at national scale on PostgreSQL (issue 6 acceptance) —
about 3,300 communes with 100 tasks each and a year of monthly reports.

    NQ57_DATABASE_URL=postgres://postgres@127.0.0.1:5432/nq57_bench \\
        .venv/bin/python bench/bench_national.py [--communes 3300] [--runs 20] [--warmup 2]
                                                 [--regenerate] [--explain 3] [--province 0]

PostgreSQL only; the database defaults to nq57_bench on 127.0.0.1:5432 (user postgres) and its
name must start with 'nq57_bench': it is created when missing and dropped and created again
when it holds another dataset or with `--regenerate`. A finished load is recorded in the
database's comment (communes, seed, load times), so the next run with the same `--communes`
skips the load and only migrates (the database is never flushed).

The dataset (bench/national_data.py; its docstring says what is in it): 'Việt Nam' → 34
provinces → `--communes` communes, each commune committee's published plan with 100 tasks
and 4 indicators, a monthly regime for 2025 (12 periods), the reports of the committee and
its three offices with their task lines (about 4.5 million at full scale), written with COPY.
Then `reporting.progress.rebuild()` derives the lead-progress history from the approvals (timed
on its own) and VACUUM ANALYZE refreshes the planner's statistics. The time of each step is
printed (and kept, so a later run reports them too).

Measured, as median and p95 in ms of `--runs` runs after `--warmup` untimed ones (pages: whole
requests through Django's test client — view, queries, template; no network), 'queries' and
'SQL ms' from one more run:
0. the nightly `nq57 refresh-figures` (`evaluation.figures.refresh`) for today and 15/07/2025
   after deleting what was stored for those days: every plan's day figures counted, once;
1. the leader dashboard `/bang-dieu-khien/?don-vi=<id>` for one province (`--province`, its
   leader `lanhdao_NN`, a LEADER membership at the province) and for the whole country
   (`bench_admin`, a superuser, at 'Việt Nam'), today and as of 15/07/2025 (`&ngay=`); targets:
   p95 < 200 ms for a province, < 1 s for the country. Also with 33 random plans (1 %) marked
   changed before each view, as approvals during the day do: their figures are counted again
   by the view. A page that does not exist yet or does
   not answer 200 is reported as failed (the script then exits with status 1) and the others
   are still measured;
2. the plan dashboard `/ke-hoach/<id>/bang-dieu-khien/` of one commune's plan, as the
   province's leader;
3. the set-based counts of `evaluation.tallies` (task_tallies, unit_task_facts,
   unit_report_facts) called directly over the published plans issued in the province's subtree
   (`orgs.queries.unit_ids_below`, timed too) or over every published plan (the country, as the
   view takes it for an administrator), `--tally-runs` runs each: where a dashboard over many
   plans spends its database time.
`--explain N` then prints EXPLAIN (ANALYZE, BUFFERS) of the N slowest SQL statements of one run
of each measure (captured with `connection.execute_wrapper`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from _common import time_get

if TYPE_CHECKING:
    from nq57.orgs.models import Unit, User

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nq57_bench"
DATASET_VERSION = 1  # bump when national_data.py writes something else
PAST = date(2025, 7, 15)
TARGETS = {"province": 0.2, "country": 1.0}  # dashboard p95, seconds
CHANGED = 33  # plans written to between two views (1 % of the communes)


@dataclass
class Measure:
    name: str
    times: list[float] = field(default_factory=list)  # seconds, sorted
    queries: int = 0
    sql: float = 0.0  # seconds spent in SQL in the counted run
    target: float | None = None  # p95 must stay below, seconds
    error: str = ""
    action: Callable[[], Any] | None = None  # one more run, for --explain


def _percentile(times: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted `times`."""
    return times[max(0, math.ceil(len(times) * share) - 1)]


# --- the database ---------------------------------------------------------------------------


def _prepare_database(url: str, communes: int, seed: int, regenerate: bool) -> dict[str, Any]:
    """The marker of the dataset already loaded, or {} after (re)creating an empty database."""
    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if parsed.scheme not in ("postgres", "postgresql"):
        sys.exit(f"bench_national needs PostgreSQL; NQ57_DATABASE_URL is {url}")
    if not name.startswith("nq57_bench"):
        sys.exit(f"refusing database {name!r}: the name must start with 'nq57_bench' (it is "
                 "dropped and created again when the dataset changes)")  # fmt: skip
    server = {
        "host": parsed.hostname or "127.0.0.1", "port": parsed.port or 5432,
        "user": parsed.username or "postgres", "password": parsed.password or None,
    }  # fmt: skip
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        if row is not None and not regenerate:
            marker = _read_marker(row[0])
            wanted = {"version": DATASET_VERSION, "communes": communes, "seed": seed}
            if all(marker.get(key) == value for key, value in wanted.items()):
                return marker
        if row is not None:
            print(f"dropping database {name} (another dataset, or --regenerate)")
            conn.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return {}


def _read_marker(comment: str | None) -> dict[str, Any]:
    try:
        found = json.loads(comment or "")
    except ValueError:
        return {}
    return found if isinstance(found, dict) and found.get("bench") == "national" else {}


def _write_marker(marker: dict[str, Any]) -> None:
    from django.db import connection

    text = json.dumps({"bench": "national", **marker}).replace("'", "''")
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE {name} IS '{text}'")


def _setup_django() -> None:
    """Django on NQ57_DATABASE_URL, migrated — never flushed (unlike _common.setup_django)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nq57.settings")
    os.environ.setdefault("NQ57_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _generate(communes: int, seed: int) -> dict[str, Any]:
    """Load the dataset, check it against the project's actions, rebuild the lead-progress
    history, VACUUM ANALYZE; returns the marker (what was loaded, how long each step took)."""
    from django.db import connection
    from national_data import check_mirror, load

    from nq57.plans.models import Plan
    from nq57.reporting.progress import rebuild

    print(f"generating {communes} communes (seed {seed}) …")
    start = time.perf_counter()
    load(communes, seed)
    loaded = time.perf_counter() - start
    print(f"load: {loaded:.1f} s")
    first = Plan.objects.order_by("pk").first()
    assert first is not None
    check_mirror(first)
    start = time.perf_counter()
    rows = rebuild()
    rebuilt = time.perf_counter() - start
    print(f"reporting.progress.rebuild(): {rows} rows in {rebuilt:.1f} s")
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    analyzed = time.perf_counter() - start
    print(f"VACUUM ANALYZE: {analyzed:.1f} s")
    marker = {
        "version": DATASET_VERSION, "communes": communes, "seed": seed,
        "load_s": round(loaded, 1), "rebuild_s": round(rebuilt, 1),
        "analyze_s": round(analyzed, 1), "loaded_on": date.today().isoformat(),
    }  # fmt: skip
    _write_marker(marker)
    return marker


# --- measures -------------------------------------------------------------------------------


def _capture(action: Callable[[], Any]) -> list[tuple[float, str, Any]]:
    """(seconds, sql, params) of every statement `action` runs, slowest first."""
    from django.db import connection

    found: list[tuple[float, str, Any]] = []

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            found.append((time.perf_counter() - start, sql, None if many else params))

    with connection.execute_wrapper(timed):
        action()
    return sorted(found, key=lambda f: -f[0])


def _count(measure: Measure) -> Measure:
    assert measure.action is not None
    captured = _capture(measure.action)
    measure.queries, measure.sql = len(captured), sum(seconds for seconds, _, _ in captured)
    return measure


def _page(
    name: str,
    user: User,
    url: str,
    runs: int,
    warmup: int,
    target: float | None = None,
    before: Callable[[], Any] | None = None,
) -> Measure:
    """GETs of `url` as `user` (`before` run untimed ahead of each); a page missing or not
    answering 200 is a failed measure."""
    from django.test import Client
    from django.urls import Resolver404, resolve

    path = url.split("?")[0]
    try:
        resolve(path)
    except Resolver404:
        return Measure(name, target=target, error=f"{path}: no such page yet (no URL pattern)")
    client = Client()
    client.force_login(user)
    try:
        for _ in range(warmup):
            status = client.get(url).status_code
            if status != 200:
                return Measure(name, target=target, error=f"{url} answered {status}")
    except Exception as error:  # the view raised: report it, measure the others
        return Measure(name, target=target, error=f"{url} raised {type(error).__name__}: {error}")
    times = time_get(client, url, runs, before)
    return _count(Measure(name, times, target=target, action=lambda: client.get(url)))


def _writes_meanwhile(count: int) -> Callable[[], None]:
    """Mark `count` random plans changed, as that many approvals today would (changing today
    and later, `touch(since=today)`)."""
    import random

    from django.utils import timezone

    from nq57.plans.models import Plan
    from nq57.plans.stamps import touch

    ids = list(Plan.objects.values_list("pk", flat=True))
    pick = random.Random(57)
    return lambda: touch(pick.sample(ids, count), since=timezone.localdate())


def _nightly(day: date) -> Measure:
    """`nq57 refresh-figures` for a day nothing is stored for: every plan counted (once)."""
    from nq57.evaluation.figures import refresh
    from nq57.evaluation.models import PlanDayFigures, UnitDayFigures

    PlanDayFigures.objects.filter(day=day).delete()
    UnitDayFigures.objects.filter(day=day).delete()
    start = time.perf_counter()
    counted = refresh(day)
    return Measure(f"refresh-figures, {counted} plans, {day:%d/%m/%Y}",
                   [time.perf_counter() - start])  # fmt: skip


def _call(name: str, action: Callable[[], Any], runs: int, warmup: int) -> Measure:
    for _ in range(warmup):
        action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return _count(Measure(name, sorted(times), action=action))


def _tallies(label: str, root: Unit, day: date, runs: int, warmup: int) -> list[Measure]:
    from nq57.evaluation.tallies import Scope, task_tallies, unit_report_facts, unit_task_facts
    from nq57.orgs.queries import unit_ids_below
    from nq57.plans.models import Plan

    plans = Plan.objects.published()  # the whole country: every plan, as the view takes it
    if root.parent_id is not None:
        plans = plans.filter(issuer_id__in=unit_ids_below([root.pk]))
    scope = Scope(plans, day)
    when = f"{day:%d/%m/%Y}"
    return [
        _call(f"tallies.{function.__name__}, {label}, {when}", lambda f=function: f(scope),
              runs, warmup)
        for function in (task_tallies, unit_task_facts, unit_report_facts)
    ]  # fmt: skip


def _explain(measures: list[Measure], count: int) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the `count` slowest statements of one run of each."""
    from django.db import connection

    for measure in measures:
        if measure.action is None or measure.error:
            continue
        slowest = [c for c in _capture(measure.action) if c[2] is not None][:count]
        for seconds, sql, params in slowest:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            shown = " ".join(sql.split())
            print(f"\n--- {measure.name}: {seconds * 1000:.0f} ms, {len(params or ())} params")
            print(shown[:600] + (" …" if len(shown) > 600 else ""))
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                print("\n".join(line for (line,) in cursor.fetchall()))


# --- the run --------------------------------------------------------------------------------


def _report_dataset(marker: dict[str, Any], generated: bool) -> None:
    from django.db import connection
    from national_data import sizes

    settings = []
    with connection.cursor() as cursor:
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "random_page_cost"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name} {cursor.fetchone()[0]}")
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    found = sizes()
    print(f"database: PostgreSQL {version} ({', '.join(settings)})")
    print("dataset: " + ", ".join(f"{value:,} {name}" for name, value in found.items()))
    loaded = "this run" if generated else f"on {marker.get('loaded_on')} (skipped this run)"
    print(
        f"generated {loaded}: load {marker['load_s']} s, reporting.progress.rebuild() "
        f"{marker['rebuild_s']} s, VACUUM ANALYZE {marker['analyze_s']} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=3300)
    parser.add_argument("--seed", type=int, default=57)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--tally-runs", type=int, default=10)
    parser.add_argument("--province", type=int, default=0, help="index of the province, 0–33")
    parser.add_argument("--explain", type=int, default=0, metavar="N")
    args = parser.parse_args()
    url = os.environ.setdefault("NQ57_DATABASE_URL", DEFAULT_URL)
    marker = _prepare_database(url, args.communes, args.seed, args.regenerate)
    _setup_django()
    generated = not marker
    if generated:
        marker = _generate(args.communes, args.seed)
    _report_dataset(marker, generated)

    from django.utils import timezone
    from national_data import ADMIN, leader_of

    from nq57.orgs.models import Unit, User
    from nq57.plans.models import Plan

    country = Unit.objects.get(name="Việt Nam", parent=None)
    province = Unit.objects.filter(parent=country, level__in=["city", "province"]).exclude(
        name__startswith="Ủy ban"
    ).order_by("pk")[args.province]  # fmt: skip
    leader, admin = leader_of(province), User.objects.get(username=ADMIN)
    plan = Plan.objects.filter(issuer__parent__parent=province).order_by("pk").first()
    assert plan is not None
    communes = Unit.objects.filter(parent=province, level="commune").count()
    today, past = timezone.localdate(), f"&ngay={PAST:%d/%m/%Y}"
    print(
        f"province: {province.name} (id {province.pk}, {communes} communes), leader "
        f"{leader.username}; country: id {country.pk}, {admin.username}; plan {plan.pk} of "
        f"{plan.issuer.name}; today {today:%d/%m/%Y}"
    )
    runs, warm = args.runs, args.warmup
    board = "/bang-dieu-khien/?don-vi="
    measures = [_nightly(today), _nightly(PAST)]
    measures += [
        _page("leader dashboard, province", leader, f"{board}{province.pk}", runs, warm,
              TARGETS["province"]),
        _page(f"leader dashboard, province, {PAST:%d/%m/%Y}", leader,
              f"{board}{province.pk}{past}", runs, warm, TARGETS["province"]),
        _page("leader dashboard, country", admin, f"{board}{country.pk}", runs, warm,
              TARGETS["country"]),
        _page(f"leader dashboard, country, {PAST:%d/%m/%Y}", admin, f"{board}{country.pk}{past}",
              runs, warm, TARGETS["country"]),
        _page(f"leader dashboard, country, {CHANGED} plans changed before each", admin,
              f"{board}{country.pk}", runs, warm, TARGETS["country"], _writes_meanwhile(CHANGED)),
        _page(f"leader dashboard, province, {CHANGED} plans changed before each", leader,
              f"{board}{province.pk}", runs, warm, TARGETS["province"],
              _writes_meanwhile(CHANGED)),
        _page("plan dashboard, one commune", leader, f"/ke-hoach/{plan.pk}/bang-dieu-khien/",
              runs, warm),
        _page(f"plan dashboard, one commune, {PAST:%d/%m/%Y}", leader,
              f"/ke-hoach/{plan.pk}/bang-dieu-khien/?{past[1:]}", runs, warm),
    ]  # fmt: skip
    if args.tally_runs:
        from nq57.orgs.queries import unit_ids_below

        for label, root in (("province", province), ("country", country)):
            measures.append(
                _call(f"unit_ids_below, {label}", lambda r=root: unit_ids_below([r.pk]),
                      args.tally_runs, 1)
            )  # fmt: skip
            for day in (today, PAST):
                measures += _tallies(label, root, day, args.tally_runs, 1)
    _print(measures)
    if args.explain:
        _explain(measures, args.explain)
    if any(m.error for m in measures):
        sys.exit(1)


def _print(measures: list[Measure]) -> None:
    print()
    head = (
        f"{'measure':<56} {'runs':>4} {'median ms':>9} {'p95 ms':>7} {'queries':>7} {'SQL ms':>7}"
    )
    print(head + "  target")
    for m in measures:
        if m.error:
            print(f"{m.name:<56} FAILED: {m.error}")
            continue
        median, p95 = statistics.median(m.times) * 1000, _percentile(m.times, 0.95) * 1000
        verdict = ""
        if m.target is not None:
            met = p95 < m.target * 1000
            verdict = f"p95 < {m.target * 1000:.0f} ms: {'met' if met else 'MISSED'}"
        print(
            f"{m.name:<56} {len(m.times):4d} {median:9.0f} {p95:7.0f} {m.queries:7d} "
            f"{m.sql * 1000:7.0f}  {verdict}"
        )
    print()
    for m in measures:
        if m.error:
            print(f"national (postgresql): {m.name}: FAILED — {m.error}")
            continue
        median, p95 = statistics.median(m.times) * 1000, _percentile(m.times, 0.95) * 1000
        print(
            f"national (postgresql): {m.name}: median {median:.0f} ms, p95 {p95:.0f} ms "
            f"({len(m.times)} runs, {m.queries} queries, {m.sql * 1000:.0f} ms SQL)"
        )


if __name__ == "__main__":
    main()
