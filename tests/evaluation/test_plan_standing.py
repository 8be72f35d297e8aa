"""Where a plan's tasks stand on a day, from the reports approved by then."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from nq57.evaluation.queries import counts, plan_standing
from nq57.evaluation.timeliness import Timeliness
from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.workflow import approve_submission, submit_submission
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
T = Timeliness


def _report(r: Reporting, unit, actor, entries, period=None) -> None:  # type: ignore[no-untyped-def]
    report = r.submission(unit, period)
    saved = save_submission(submission=report, revision=report.revision, actor=actor,
                            tasks=entries).submission  # fmt: skip
    sent = submit_submission(submission=saved, revision=saved.revision, actor=actor)
    approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)


def test_tasks_stand_as_the_approved_reports_say_on_each_day(reporting: Reporting):
    r = reporting
    with time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False):
        _report(
            r,
            r.world.d3_culture,
            r.world.d3_officer,
            [TaskEntry(task_id=r.task1.pk, lifecycle="done", completed_on="10/05/2025")],
        )
        _report(r, r.ward, r.ward_officer,
                [TaskEntry(task_id=r.task1.pk, lifecycle="in_progress"),
                 TaskEntry(task_id=r.task2.pk, lifecycle="in_progress", percent="30")])  # fmt: skip

    def standing(day: date) -> dict[str, Timeliness]:
        return {row.task.number: row.timeliness for row in plan_standing(r.plan.pk, day)}

    # before the approval (12/05) nothing counts yet: task 1 is due 30/06, task 2 at year end
    assert standing(date(2025, 5, 11)) == {"1": T.ON_TRACK, "2": T.ON_TRACK}
    # the coordinating ward's 'in progress' does not hold back what the lead unit reports
    assert standing(date(2025, 5, 12)) == {"1": T.DONE_ON_TIME, "2": T.ON_TRACK}
    assert standing(date(2025, 12, 31)) == {"1": T.DONE_ON_TIME, "2": T.DUE_SOON}
    assert standing(date(2026, 1, 1)) == {"1": T.DONE_ON_TIME, "2": T.OVERDUE}
    rows = plan_standing(r.plan.pk, date(2026, 1, 1))
    assert rows[1].percent == 30 and [line.submission.unit for line in rows[1].lines] == [r.ward]
    assert counts(rows) == {T.DONE_ON_TIME: 1, T.OVERDUE: 1}


def test_a_later_report_replaces_the_earlier_one(reporting: Reporting):
    r = reporting
    with time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False):
        _report(r, r.ward, r.ward_officer,
                [TaskEntry(task_id=r.task1.pk, lifecycle="in_progress"),
                 TaskEntry(task_id=r.task2.pk, lifecycle="in_progress")])  # fmt: skip
    with time_machine.travel(datetime(2025, 11, 3, 9, 0, tzinfo=VN), tick=False):
        _report(r, r.ward, r.ward_officer,
                [TaskEntry(task_id=r.task1.pk, lifecycle="in_progress"),
                 TaskEntry(task_id=r.task2.pk, lifecycle="done", completed_on="01/11/2025")],
                r.second_half)  # fmt: skip
    task2 = {row.task.number: row for row in plan_standing(r.plan.pk, date(2026, 2, 1))}["2"]
    assert task2.timeliness is T.DONE_ON_TIME
    earlier = {row.task.number: row for row in plan_standing(r.plan.pk, date(2025, 10, 1))}["2"]
    assert earlier.timeliness is T.ON_TRACK  # as it stood before the second report


def test_unit_facts_feed_the_scorecards(reporting: Reporting):
    from nq57.evaluation.queries import unit_facts
    from nq57.evaluation.scoring import Facts, scorecard
    from nq57.lib.report_values import RawValue
    from nq57.reporting.entry import ValueEntry

    r = reporting
    with time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False):
        report = r.submission(r.world.d3_culture)
        saved = save_submission(
            submission=report, revision=0, actor=r.world.d3_officer,
            tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done", completed_on="10/05/2025")],
            values=[ValueEntry(indicator_id=r.indicator.pk, raw=RawValue(value="62,5"))],
        ).submission  # fmt: skip
        sent = submit_submission(
            submission=saved, revision=saved.revision, actor=r.world.d3_officer
        )
        approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)
    facts = unit_facts(r.plan.pk, date(2026, 1, 10))
    # Phòng Văn hóa…: task 1 done on time, one report of two sent on time (the second half,
    # due 05/11/2025, never sent), its indicator met (62,5 ≥ 60 for 2025)
    assert facts[r.world.d3_culture.pk] == Facts(
        tasks_due=1, tasks_done=1, tasks_done_on_time=1, reports_due=2, reports_on_time=1,
        indicators_with_value=1, indicators_met_or_on_track=1,
    )  # fmt: skip
    # the ward: task 2 (due at 2025's end) overdue, no report sent
    assert facts[r.ward.pk] == Facts(tasks_due=1, reports_due=2)
    assert scorecard(facts[r.world.d3_culture.pk]).grade == "A"  # 100, 100, 50, 100 → 90
    assert scorecard(facts[r.ward.pk]).grade == "D"
