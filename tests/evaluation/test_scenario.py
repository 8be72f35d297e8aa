"""A scenario on a real plan: District 3's plan (seed 001) with its 6-monthly regime, every
unit reporting by a fixed rule through 2025–2026 (one unit in five never sends), evaluated on
10/01/2027; the consolidated report of the last period in Word, read back, and printed to PDF
by LibreOffice."""

from __future__ import annotations

import io
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document

from nq57.evaluation.consolidated import consolidated_report
from nq57.evaluation.queries import compliance_by_period, counts, plan_standing
from nq57.evaluation.timeliness import Timeliness
from nq57.exports.report_docx import build_docx
from nq57.exports.report_pdf import build_pdf
from nq57.ingest import parse_bytes
from nq57.lib.regimes import Frequency, Regime
from nq57.plans.actions import import_plan
from nq57.plans.demo import SEEDS_DIR, build_demo_units
from nq57.plans.models import Plan, Task
from nq57.reporting.actions import set_regimes
from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.models import Submission
from nq57.reporting.queries import scope_of
from nq57.reporting.workflow import approve_submission, submit_submission

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T = Timeliness


def _plan(admin) -> Plan:  # type: ignore[no-untyped-def]
    build_demo_units()
    seed = next(SEEDS_DIR.glob("001_*.txt"))
    data = seed.read_bytes()
    plan = import_plan(parse_bytes(data, seed.name), source_name=seed.name, source_bytes=data,
                       actor=None, publish=True)  # fmt: skip
    regime = Regime(Frequency.HALF_YEARLY, due_dates=((5, 15), (11, 5)))
    set_regimes(plan=plan, regimes=[regime], first=date(2025, 1, 1), last=date(2026, 12, 31),
                actor=admin)  # fmt: skip
    return plan


def _entries(submission: Submission, unit_index: int) -> list[TaskEntry]:
    """Task k of the plan (its place in the document, not a database id, so the figures are
    the same on every database) is done by unit i when k + i is a multiple of 3."""
    scope = scope_of(submission.plan_id, submission.unit_id)
    done_on = "10/05/2025"  # a task done stays done, on the day it was finished
    found = []
    for task_id, order in Task.objects.filter(pk__in=scope.tasks).values_list("pk", "order"):
        if (order + unit_index) % 3 == 0:
            found.append(
                TaskEntry(
                    task_id=task_id, lifecycle="done", completed_on=done_on, done="Đã hoàn thành."
                )
            )
        else:
            found.append(
                TaskEntry(
                    task_id=task_id,
                    lifecycle="in_progress",
                    percent="50",
                    difficulties="Thiếu nhân lực." if order % 7 == 0 else "",
                )
            )
    return found  # fmt: skip


def _report_everything(plan: Plan, admin) -> None:  # type: ignore[no-untyped-def]
    for period in plan.periods.order_by("due"):
        with time_machine.travel(period.due - timedelta(days=3), tick=False):
            for index, submission in enumerate(period.submissions.order_by("unit__name")):
                if index % 5 == 4:
                    continue  # one unit in five never sends
                saved = save_submission(
                    submission=submission,
                    revision=0,
                    actor=admin,
                    tasks=_entries(submission, index),
                ).submission
                sent = submit_submission(submission=saved, revision=saved.revision, actor=admin)
                approve_submission(submission=sent, revision=sent.revision, actor=admin)


@pytest.fixture
def scenario(world) -> Plan:  # type: ignore[no-untyped-def]
    plan = _plan(world.admin)
    _report_everything(plan, world.admin)
    return plan


def test_the_figures_of_two_years(scenario: Plan):
    plan = scenario
    periods = compliance_by_period(plan.pk, date(2027, 1, 10))
    assert [(p.label, p.on_time, p.late, p.missing) for p in periods] == [
        ("6 tháng đầu năm 2025", 21, 0, 5),
        ("6 tháng cuối năm 2025", 21, 0, 5),
        ("6 tháng đầu năm 2026", 21, 0, 5),
        ("6 tháng cuối năm 2026", 21, 0, 5),
    ]
    standing = plan_standing(plan.pk, date(2027, 1, 10))
    tally = counts(standing)
    assert dict(tally) == EXPECTED
    assert sum(tally.values()) == plan.tasks.count()
    by_wards = [row for row in standing if "10 phường" in row.task.lead_text]
    assert by_wards and not any(row.timeliness is T.DONE_ON_TIME for row in by_wards)


# 63 tasks: 23 recurring or ongoing (judged per period), 1 due after the day (2025–2030 window
# ends later), 6 whose every lead unit reported them done on 10/05/2025, 33 overdue — among
# them every task led by 'Ủy ban nhân dân 10 phường', which is done only when all ten wards say
# so (and one ward in five never reports).
EXPECTED = {T.PERIODIC: 23, T.ON_TRACK: 1, T.DONE_ON_TIME: 6, T.OVERDUE: 33}


def test_the_last_periods_report_in_word_and_pdf(scenario: Plan):
    plan = scenario
    period = plan.periods.order_by("due").last()
    report = consolidated_report(period, date(2027, 1, 10))
    document = Document(io.BytesIO(build_docx(report)))
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    tasks = next(t for t in tables if t and "Tình trạng" in t[0] and "Nhiệm vụ" in t[0])
    assert len(tasks) - 1 == plan.tasks.count()
    sent = next(t for t in tables if t and "Thời điểm gửi" in " ".join(t[0]))
    assert len(sent) - 1 == period.submissions.count() == 26
    assert sum(row[2] == "Chưa gửi" for row in sent[1:]) == 5
    assert build_pdf(report)[:5] == b"%PDF-"
