"""The day figures kept for dashboards (`evaluation.figures`) equal the live counts
(`evaluation.tallies`): on the seed-001 scenario on several days, and after every kind of write
that changes them (a report sent and approved, a condition recorded, a period added, a revised
file, a collective's members, a unit merge); a row counted while a write commits is never read
again; a page of tasks skips the plans before it; the nightly command counts and prunes."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nq57.cli import main
from nq57.evaluation import figures
from nq57.evaluation.models import PlanDayFigures, UnitDayFigures
from nq57.evaluation.tallies import Scope, task_tallies, tasks_in, unit_facts_across
from nq57.evaluation.timeliness import Timeliness
from nq57.orgs.models import Unit
from nq57.orgs.unit_actions import merge_units
from nq57.plans.models import Plan
from nq57.plans.revision import revise_plan
from nq57.plans.stamps import touch
from nq57.plans.tracking import record_trigger
from nq57.reporting.actions import add_ad_hoc_period
from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.models import LeadProgress
from nq57.reporting.workflow import approve_submission, submit_submission
from tests.conftest import ParsedPlanBuilder, make_task
from tests.evaluation.test_scenario import scenario  # noqa: F401  (the seed-001 scenario)
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_DUE = datetime(2025, 5, 10, 9, 0, tzinfo=VN)
DAY = date(2026, 1, 10)  # both tasks of the District 3 plan overdue
EARLY = datetime(2025, 5, 1, 9, 0, tzinfo=VN)  # counted before the writes, as in real time
LATER = datetime(2026, 2, 1, 9, 0, tzinfo=VN)  # and after them


def _agree(scope: Scope, at: datetime = LATER) -> dict[int, Counter[Timeliness]]:
    """The stored figures, read at `at`, equal a live count; returns them."""
    with time_machine.travel(at, tick=False):
        return _stored_agree(scope)


def _stored_agree(scope: Scope) -> dict[int, Counter[Timeliness]]:
    stored = figures.plan_tallies(scope)
    assert stored == {pk: tally for pk, tally in task_tallies(scope).items() if tally}
    units = {unit: facts for unit, _name, facts in figures.unit_facts_across(scope)}
    assert units == unit_facts_across(scope)
    return stored


def _counting(action) -> bool:  # type: ignore[no-untyped-def]
    """Whether `action` counted tasks (read the lead-progress table) rather than stored rows."""
    with CaptureQueriesContext(connection) as queries:
        action()
    return any(LeadProgress._meta.db_table in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("day", [date(2025, 5, 9), date(2025, 7, 1), date(2027, 1, 10)])
def test_stored_figures_equal_the_live_count_and_are_read_the_second_time(
    scenario: Plan,  # noqa: F811
    day: date,
):
    scope = Scope(Plan.objects.filter(pk=scenario.pk), day)
    assert _counting(lambda: figures.plan_tallies(scope))  # the first reader counts
    assert not _counting(lambda: (figures.plan_tallies(scope), figures.unit_facts_across(scope)))
    _agree(scope)
    assert PlanDayFigures.objects.filter(plan=scenario, day=day).count() == 1
    stored = UnitDayFigures.objects.filter(plan=scenario, day=day).count()
    assert stored == len(unit_facts_across(scope)) > 0


def _send_and_approve(r: Reporting, lifecycle: str, done_on: str = "") -> None:
    submission = r.submission(r.ward)
    with time_machine.travel(BEFORE_DUE, tick=False):
        saved = save_submission(
            submission=submission, revision=submission.revision, actor=r.ward_officer,
            tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="in_progress", percent="40"),
                   TaskEntry(task_id=r.task2.pk, lifecycle=lifecycle, completed_on=done_on)],
        ).submission  # fmt: skip
        sent = submit_submission(submission=saved, revision=saved.revision, actor=r.ward_officer)
        approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)


def test_a_sent_and_approved_report_changes_the_stored_figures(reporting: Reporting):
    r = reporting
    scope = Scope(Plan.objects.filter(pk=r.plan.pk), DAY)
    before = _agree(scope, EARLY)
    assert before[r.plan.pk][Timeliness.OVERDUE] == 2
    _send_and_approve(r, "done", "05/05/2025")
    after = _agree(scope)
    assert after[r.plan.pk][Timeliness.DONE_ON_TIME] == 1
    assert after[r.plan.pk][Timeliness.OVERDUE] == 1


def test_a_recorded_condition_changes_the_stored_figures(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    r = reporting
    task = r.plan.tasks.create(section=r.task1.section, order=3, number="3", name="Việc sau",
                               deadline_kind="conditional",
                               deadline_raw="Khi có hướng dẫn")  # fmt: skip
    touch([r.plan.pk])  # a task added outside the actions: the test marks it itself
    scope = Scope(Plan.objects.filter(pk=r.plan.pk), DAY)
    assert _agree(scope)[r.plan.pk][Timeliness.UNDATED] == 1
    record_trigger(task=task, happened_on=date(2025, 7, 1), due=date(2025, 9, 30),
                   note="Công văn 12/UBND", actor=r.world.importer)  # fmt: skip
    after = _agree(scope)
    assert Timeliness.UNDATED not in after[r.plan.pk]
    assert after[r.plan.pk][Timeliness.OVERDUE] == 3


def test_an_added_period_changes_the_reports_due(reporting: Reporting):
    r = reporting
    scope = Scope(Plan.objects.filter(pk=r.plan.pk), DAY)
    _agree(scope, EARLY)
    with time_machine.travel(EARLY, tick=False):
        due_before = {u: f.reports_due for u, _n, f in figures.unit_facts_across(scope)}
    with time_machine.travel(datetime(2025, 6, 1, 9, 0, tzinfo=VN), tick=False):
        add_ad_hoc_period(plan=r.plan, label="Báo cáo đột xuất", start=date(2025, 5, 16),
                          end=date(2025, 6, 10), due=datetime(2025, 6, 15, 17, 0, tzinfo=VN),
                          actor=r.world.importer)  # fmt: skip
    _agree(scope)
    with time_machine.travel(LATER, tick=False):
        due_after = {u: f.reports_due for u, _n, f in figures.unit_facts_across(scope)}
    assert all(due_after[u] == due_before[u] + 1 for u in due_before)


def test_a_revised_deadline_changes_the_stored_figures(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    r = reporting
    scope = Scope(Plan.objects.filter(pk=r.plan.pk), DAY)
    assert _agree(scope)[r.plan.pk][Timeliness.OVERDUE] == 2
    tasks = [make_task(number="1", coordinating="Ủy ban nhân dân Phường Võ Thị Sáu"),
             make_task(number="2", name="Tổ chức hội nghị phổ biến Nghị quyết.",
                       lead="Ủy ban nhân dân Phường Võ Thị Sáu", coordinating=None,
                       deadline="Năm 2026")]  # fmt: skip
    revise_plan(plan=r.plan, parsed=parsed_plan(tasks=tasks), source_name="v2.docx",
                source_bytes=b"v2", actor=r.world.admin)  # fmt: skip
    after = _agree(scope)
    assert after[r.plan.pk][Timeliness.OVERDUE] == 1
    assert after[r.plan.pk][Timeliness.ON_TRACK] == 1


def test_members_and_merges_change_the_stored_figures(reporting: Reporting):
    r = reporting
    _send_and_approve(r, "done", "05/05/2025")
    scope = Scope(Plan.objects.filter(pk=r.plan.pk), DAY)
    _agree(scope)
    twin = Unit.objects.create(name="UBND Phường Võ Thị Sáu (trùng)", level=Unit.Level.COMMUNE,
                               parent=r.ward.parent)  # fmt: skip
    collective = Unit.objects.create(name="Các phường", level=Unit.Level.COMMUNE,
                                     parent=r.ward.parent, is_collective=True)  # fmt: skip
    r.task2.assignments.update(unit=collective)
    touch([r.plan.pk])  # assignments moved outside the actions: the test marks it itself
    _agree(scope)
    collective.members.add(r.ward)  # the ward now leads task 2 through the collective
    assert _agree(scope)[r.plan.pk][Timeliness.DONE_ON_TIME] == 1
    merge_units(duplicate=r.ward, into=twin, actor=r.world.admin)  # stored rows do not block it
    after = _agree(scope)
    assert after[r.plan.pk][Timeliness.DONE_ON_TIME] == 1  # the twin carries the ward's word
    assert LeadProgress.objects.filter(unit=twin).exists()
    assert not UnitDayFigures.objects.filter(unit_id=r.ward.pk).exists()


def test_a_count_made_while_a_write_commits_is_not_read_again(
    reporting: Reporting, monkeypatch: pytest.MonkeyPatch
):
    """The generation is read before counting: the rows of a count that missed a write are
    stored under the old generation and the next reader counts again."""
    r = reporting
    scope = Scope(Plan.objects.filter(pk=r.plan.pk), DAY)
    counted = figures.task_tallies

    def count_then_write(part: Scope) -> dict[int, Counter[Timeliness]]:
        found = counted(part)
        monkeypatch.setattr(figures, "task_tallies", counted)
        _send_and_approve(r, "done", "05/05/2025")  # commits after the count read the data
        return found

    monkeypatch.setattr(figures, "task_tallies", count_then_write)
    with time_machine.travel(EARLY, tick=False):
        assert figures.plan_tallies(scope)[r.plan.pk][Timeliness.OVERDUE] == 2  # read before
    with time_machine.travel(LATER, tick=False):
        assert _counting(lambda: figures.plan_tallies(scope))
    assert _agree(scope)[r.plan.pk][Timeliness.DONE_ON_TIME] == 1


def test_a_days_approvals_leave_past_days_counted_and_a_revision_does_not(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    """An approval changes its day and later; a revised deadline may change any day."""
    r = reporting
    past = Scope(Plan.objects.filter(pk=r.plan.pk), date(2025, 5, 5))
    today = Scope(Plan.objects.filter(pk=r.plan.pk), BEFORE_DUE.date())
    with time_machine.travel(BEFORE_DUE, tick=False):
        figures.plan_tallies(past), figures.plan_tallies(today)
    _send_and_approve(r, "done", "05/05/2025")  # approved on BEFORE_DUE
    with time_machine.travel(BEFORE_DUE, tick=False):
        assert not _counting(lambda: figures.plan_tallies(past))
        assert _counting(lambda: figures.plan_tallies(today))
        assert _stored_agree(today)[r.plan.pk][Timeliness.DONE_ON_TIME] == 1
    tasks = [make_task(number="1", coordinating="Ủy ban nhân dân Phường Võ Thị Sáu",
                       deadline="4/2025"),
             make_task(number="2", name="Tổ chức hội nghị phổ biến Nghị quyết.",
                       lead="Ủy ban nhân dân Phường Võ Thị Sáu", coordinating=None,
                       deadline="Quý IV/2025")]  # fmt: skip
    with time_machine.travel(BEFORE_DUE, tick=False):
        revise_plan(plan=r.plan, parsed=parsed_plan(tasks=tasks), source_name="v2.docx",
                    source_bytes=b"v2", actor=r.world.admin)  # fmt: skip
        assert _counting(lambda: figures.plan_tallies(past))
        assert _stored_agree(past)[r.plan.pk][Timeliness.OVERDUE] == 1  # due 30/04/2025


def test_a_page_of_tasks_skips_the_plans_before_it(
    scenario: Plan,  # noqa: F811
    reporting: Reporting,
):
    scope = Scope(Plan.objects.all(), date(2027, 1, 10))
    overdue = tasks_in(scope, Timeliness.OVERDUE, 1000)
    assert {Plan.objects.get(tasks=t).pk for t in overdue} == {scenario.pk, reporting.plan.pk}
    tallies = figures.plan_tallies(scope)
    for offset in range(0, len(overdue) + 3, 7):
        page = figures.tasks_in(scope, Timeliness.OVERDUE, 7, offset, tallies)
        assert page == overdue[offset : offset + 7]
    assert figures.tasks_in(scope, Timeliness.DONE_LATE, 10) == []


def test_the_nightly_command_counts_the_day_and_prunes_old_days(
    scenario: Plan,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
):
    assert main(["refresh-figures", "--day", "10/01/2027"]) == 0
    assert "cho 1 kế hoạch" in capsys.readouterr().out
    assert PlanDayFigures.objects.filter(day=date(2027, 1, 10)).count() == 1
    assert main(["refresh-figures", "--day", "10/01/2027"]) == 0  # nothing left to count
    assert "cho 0 kế hoạch" in capsys.readouterr().out
    touch([scenario.pk])  # a revision, say: the stored rows no longer count
    assert main(["refresh-figures", "--day", "11/01/2027"]) == 0
    assert not PlanDayFigures.objects.filter(day=date(2027, 1, 10)).exists()  # stale: pruned
    assert PlanDayFigures.objects.filter(day=date(2027, 1, 11)).count() == 1
    assert main(["refresh-figures", "--day", "10/01/2027"]) == 0
    assert main(["refresh-figures", "--day", "20/03/2027", "--keep-days", "30"]) == 0
    assert not PlanDayFigures.objects.filter(day=date(2027, 1, 10)).exists()
    assert not UnitDayFigures.objects.filter(day=date(2027, 1, 10)).exists()
    assert main(["refresh-figures", "--day", "31/02/2027"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err
    kept = PlanDayFigures.objects.count()
    assert main(["refresh-figures", "--day", "20/03/2027", "--keep-days", "-1"]) == 2
    assert "không âm" in capsys.readouterr().err and PlanDayFigures.objects.count() == kept
