"""Coverage and roll-up on the seeds: the city's appendix (82 tasks, seed 004) carried out by
Củ Chi (seed 000) and District 3 (seed 001), each with its links decided as its hand-verified
gold file says (`tests/fixtures/gold/links-00N-to-004.json`), as an officer would on the review
page."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from nq57.cascade.actions import CascadeError, StaleReview, decide_task_links, link_plans
from nq57.cascade.coverage import coverage
from nq57.cascade.models import PlanLink
from nq57.cascade.rollup import task_rollup
from nq57.evaluation.timeliness import Timeliness
from nq57.exports.coverage_xlsx import coverage_xlsx
from nq57.exports.report_docx import APPENDIX_LOWER
from nq57.exports.reports import ReportFormat, export_report
from nq57.lib.regimes import Frequency, Regime
from nq57.orgs.models import User
from nq57.plans.models import Plan
from nq57.reporting.actions import set_regimes
from tests.exports.helpers import SEEDS, import_seed

HALF_YEARLY = Regime(Frequency.HALF_YEARLY, due_dates=((6, 20), (12, 20)))
GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold"


def _seed(prefix: str) -> Plan:
    return import_seed(next(seed for seed in SEEDS if seed.name.startswith(prefix)))


def _by_number(plan: Plan) -> dict[str, int]:
    found: dict[str, int] = {}
    for pk, number in plan.tasks.order_by("-order").values_list("pk", "number"):
        found[number] = pk  # the first task of a repeated number wins
    return found


def _gold(child: str) -> list[dict[str, Any]]:
    path = GOLD / f"links-{child}-to-004.json"
    links: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["task_links"]
    return links


def _decide_as_gold(city: Plan, child: Plan, gold: list[dict[str, Any]], admin: User) -> None:
    link = link_plans(parent=city, child=child, actor=admin)
    children, parents = _by_number(child), _by_number(city)
    decisions = {children[g["child_number"]]: [parents[n] for n in g["parent_numbers"]]
                 for g in gold}  # fmt: skip
    decide_task_links(link=link, revision=0, decisions=decisions, actor=admin)


@pytest.fixture
def chain(db):  # type: ignore[no-untyped-def]
    admin = User.objects.create_superuser("admin", "a@example.vn", "pw")
    city, cu_chi, district3 = _seed("004"), _seed("000"), _seed("001")
    gold = _gold("000")
    _decide_as_gold(city, cu_chi, gold, admin)
    _decide_as_gold(city, district3, _gold("001"), admin)
    return admin, city, cu_chi, district3, gold


def test_the_city_appendix_is_covered_as_the_gold_says(chain):  # type: ignore[no-untyped-def]
    _admin, city, cu_chi, district3, gold = chain
    assert city.tasks.count() == 82
    found = {c.link.child_id: c for c in coverage(city)}
    cu = found[cu_chi.pk]
    localised = {n for g in gold for n in g["parent_numbers"]}
    assert len(cu.tasks.localised) == len(localised) == 49
    assert len(cu.tasks.not_localised) == 82 - 49
    assert (len(cu.tasks.own), len(cu.tasks.undecided)) == (0, 0)
    assert {t.number for t in cu.tasks.localised} == localised
    d3, d3_gold = found[district3.pk].tasks, _gold("001")
    assert len(d3.localised) + len(d3.not_localised) == 82
    # 46 District 3 tasks localise 44 city tasks (8 and 46 twice each); 17 are its own
    assert (len(d3.localised), len(d3.not_localised), len(d3.own)) == (44, 38, 17)
    assert {t.number for t in d3.localised} == {n for g in d3_gold for n in g["parent_numbers"]}
    own = {g["child_number"] for g in d3_gold if not g["parent_numbers"]}
    assert {t.number for t in d3.own} == own
    assert len(d3.undecided) == 0
    book = load_workbook(io.BytesIO(coverage_xlsx(list(found.values()))))
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[0][2] == "Nhiệm vụ cấp trên đã cụ thể hóa" and len(summary) == 3
    rows = {(r[0], r[2], r[3]) for r in summary[1:]}
    assert rows == {(cu_chi.number, 49, 33), (district3.number, 44, 38)}
    assert len(list(book["Theo nhiệm vụ"].iter_rows())) == 1 + 2 * 82


def test_the_roll_up_counts_each_city_task_through_the_districts(chain):  # type: ignore[no-untyped-def]
    _admin, city, cu_chi, _district3, gold = chain
    rows = {row.task.number: row for row in task_rollup(city, date(2025, 12, 31))}
    first = rows["1"]  # 'Ban hành …' due 3/2025: Củ Chi's copy, never reported, is overdue
    cu_chi_lines = [(task, state) for task, state in first.below if task.plan_id == cu_chi.pk]
    assert [task.number for task, _ in cu_chi_lines] == ["1"]
    assert cu_chi_lines[0][1] is Timeliness.OVERDUE
    linked = sum(len(g["parent_numbers"]) for g in gold)
    assert sum(1 for row in rows.values() for task, _ in row.below
               if task.plan_id == cu_chi.pk) == linked  # fmt: skip


def test_a_review_from_an_old_page_is_refused_and_nothing_changes(chain):  # type: ignore[no-untyped-def]
    admin, city, cu_chi, _district3, _gold = chain
    link = PlanLink.objects.get(parent=city, child=cu_chi)
    task = cu_chi.tasks.get(number="1")
    with pytest.raises(StaleReview, match="vừa được admin xác nhận"):
        decide_task_links(link=link, revision=0, decisions={task.pk: []}, actor=admin)
    assert link.tasklink_set.filter(child_task=task, parent_task__isnull=False).exists()
    with pytest.raises(CascadeError, match="không thuộc kế hoạch cấp trên"):
        decide_task_links(link=link, revision=link.revision, decisions={task.pk: [task.pk]},
                          actor=admin)  # fmt: skip
    with pytest.raises(CascadeError, match="không liên kết vòng"):
        link_plans(parent=cu_chi, child=city, actor=admin)


def test_the_city_report_tells_how_the_districts_carry_out_its_tasks(chain):  # type: ignore[no-untyped-def]
    """The consolidated report of the city's plan adds the lower plans: a sentence in part I
    naming them as sources, and Phụ lục 4 with a row per city task they localise."""
    _admin, city, cu_chi, district3, _gold = chain
    period = set_regimes(plan=city, regimes=[HALF_YEARLY], first=date(2025, 1, 1),
                         last=date(2025, 12, 31), actor=None)[1]  # fmt: skip
    day = date(2025, 12, 31)
    expected = [row for row in task_rollup(city, day) if row.below]
    export = export_report(period=period, fmt=ReportFormat.DOCX, actor=None, day=day)
    document = Document(io.BytesIO(export.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert APPENDIX_LOWER in text
    assert f"{len(expected)}/82 nhiệm vụ của kế hoạch đã được 2 kế hoạch cấp dưới" in text
    lower = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][2:3] == ["Kế hoạch cấp dưới"]
    )
    rows = [[c.text for c in row.cells] for row in lower.rows[1:]]
    assert [r[0] for r in rows] == [row.task.number for row in expected]
    assert [int(r[3]) for r in rows] == [len(row.below) for row in expected]
    sources = text[text.index("NGUỒN SỐ LIỆU") :]
    assert f"Kế hoạch số {cu_chi.number} của {cu_chi.issuer.name}" in sources
    assert f"Kế hoạch số {district3.number} của {district3.issuer.name}" in sources
    xlsx = export_report(period=period, fmt=ReportFormat.XLSX, actor=None, day=day)
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book["Cấp dưới - nhiệm vụ"].max_row == 1 + len(expected)


def test_a_plan_no_lower_plan_localises_has_no_fourth_appendix(chain):  # type: ignore[no-untyped-def]
    _admin, _city, cu_chi, _district3, _gold = chain
    period = set_regimes(plan=cu_chi, regimes=[HALF_YEARLY], first=date(2025, 1, 1),
                         last=date(2025, 12, 31), actor=None)[0]  # fmt: skip
    export = export_report(period=period, fmt=ReportFormat.DOCX, actor=None, day=date(2025, 7, 1))
    document = Document(io.BytesIO(export.content))
    assert APPENDIX_LOWER not in "\n".join(p.text for p in document.paragraphs)
