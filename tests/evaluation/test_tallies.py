"""The set-based counts (SQL over `LeadProgress`) agree with the pure rules: every deadline kind
× every word × days around the due day; the District 3 scenario on several days; the history
rebuilt from the approvals equals the one written approval by approval."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from nq57.cli import main
from nq57.evaluation.queries import (
    counts,
    deadline_of,
    plan_standing,
    unit_facts,
)
from nq57.evaluation.tallies import Scope, task_tallies, tasks_in, unit_report_facts
from nq57.evaluation.timeliness import Progress, Timeliness, classify
from nq57.lib.deadlines import DeadlineKind
from nq57.plans.models import Plan, Task
from nq57.reporting.models import LeadProgress
from nq57.reporting.progress import rebuild
from tests.evaluation.test_scenario import scenario  # noqa: F401  (the seed-001 scenario)
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = date(2025, 6, 30)
DEADLINES = [
    (DeadlineKind.DATE, DUE),
    (DeadlineKind.PERIOD_END, DUE),
    (DeadlineKind.WINDOW, DUE),
    (DeadlineKind.CONDITIONAL, None),
    (DeadlineKind.UNKNOWN, None),
    (DeadlineKind.RECURRING, None),
    (DeadlineKind.ONGOING, None),
    (DeadlineKind.RECURRING, DUE),
]
# Words of two lead units (None: no word): each combination of the rules' cases.
WORDS: list[tuple[tuple[str, date | None] | None, ...]] = [
    (),
    (("in_progress", None),),
    (("done", DUE),),
    (("done", DUE + timedelta(days=1)),),
    (("done", DUE - timedelta(days=20)), ("done", DUE + timedelta(days=3))),
    (("done", DUE), ("in_progress", None)),
    (("cancelled", None),),
    (("cancelled", None), ("done", DUE)),
    (("", None),),  # 'không phát sinh trong kỳ'
    (("", None), ("done", DUE)),
]
DAYS = [DUE - timedelta(days=8), DUE - timedelta(days=7), DUE, DUE + timedelta(days=1),
        DUE + timedelta(days=3), date(2027, 1, 1)]  # fmt: skip


def _pure(task: Task, words, day: date) -> Timeliness:  # type: ignore[no-untyped-def]
    said = [w for w in words if w and w[0]]
    if said and all(w[0] == "cancelled" for w in said):
        progress = Progress(cancelled=True)
    elif said and all(w[0] == "done" for w in said):
        progress = Progress(done_on=max(w[1] for w in said))
    else:
        progress = Progress()
    return classify(deadline_of(task), progress, day)


def test_every_deadline_kind_and_word_on_every_day_matches_the_pure_rules(reporting: Reporting):
    r = reporting
    plan, section = r.plan, r.task1.section
    units = [r.world.d3_culture, r.ward]
    cases = {}
    for order, ((kind, due), words) in enumerate(itertools.product(DEADLINES, WORDS), start=100):
        task = Task.objects.create(plan=plan, section=section, order=order, name=f"Việc {order}",
                                   deadline_kind=kind, deadline_due=due)  # fmt: skip
        for unit, word in zip(units, words, strict=False):
            LeadProgress.objects.create(
                plan=plan, task=task, unit=unit, lifecycle=word[0], done_on=word[1],
                valid_from=datetime(2025, 1, 1, tzinfo=VN),
            )  # fmt: skip
        cases[task.pk] = (task, words)
    scope_plans = Plan.objects.filter(pk=plan.pk)
    for day in DAYS:
        scope = Scope(scope_plans, day)
        expected = {pk: _pure(task, words, day) for pk, (task, words) in cases.items()}
        found = {}
        for state in Timeliness:
            found.update(dict.fromkeys(tasks_in(scope, state, limit=10_000), state))
        assert {pk: found[pk] for pk in cases} == expected, day
        tally = task_tallies(scope)[plan.pk]
        assert sum(tally.values()) == plan.tasks.count()


def test_a_word_counts_from_its_approval_until_the_next_one(reporting: Reporting):
    r = reporting
    task = r.task1
    task.deadline_kind, task.deadline_due = DeadlineKind.DATE, DUE
    task.save()
    unit = r.world.d3_culture
    LeadProgress.objects.create(plan=r.plan, task=task, unit=unit, lifecycle="in_progress",
                                valid_from=datetime(2025, 5, 12, 9, tzinfo=VN),
                                valid_to=datetime(2025, 11, 3, 9, tzinfo=VN))  # fmt: skip
    LeadProgress.objects.create(plan=r.plan, task=task, unit=unit, lifecycle="done",
                                done_on=date(2025, 6, 20),
                                valid_from=datetime(2025, 11, 3, 9, tzinfo=VN))  # fmt: skip

    def state(day: date) -> Timeliness:
        scope = Scope(Plan.objects.filter(pk=r.plan.pk), day)
        return next(s for s in Timeliness if task.pk in tasks_in(scope, s, 100))

    assert state(date(2025, 6, 25)) is Timeliness.DUE_SOON
    assert state(date(2025, 11, 2)) is Timeliness.OVERDUE  # the 'done' word came later
    assert state(date(2025, 11, 3)) is Timeliness.DONE_ON_TIME  # approved that day


@pytest.mark.parametrize(
    "day", [date(2025, 3, 1), date(2025, 5, 16), date(2025, 11, 6), date(2026, 6, 1),
            date(2027, 1, 10)],
)  # fmt: skip
def test_the_district3_scenario_counts_the_same_both_ways(scenario: Plan, day: date):  # noqa: F811
    plan = scenario
    expected = counts(plan_standing(plan.pk, day))
    assert (
        task_tallies(Scope(Plan.objects.filter(pk=plan.pk), day)).get(plan.pk, Counter())
        == expected
    )
    for unit_id, facts in unit_facts(plan.pk, day).items():
        assert facts.tasks_done <= facts.tasks_due or facts.tasks_due == 0, unit_id


def test_rebuilding_the_history_gives_the_rows_the_approvals_wrote(scenario: Plan):  # noqa: F811
    def rows() -> list[tuple]:  # type: ignore[type-arg]
        return sorted(
            LeadProgress.objects.values_list(
                "task_id", "unit_id", "lifecycle", "done_on", "valid_from", "valid_to"
            )
        )

    written = rows()
    assert len(written) > scenario.tasks.count()  # words changed over the two years
    assert rebuild([scenario.pk]) == len(written)
    assert rows() == written
    LeadProgress.objects.all().delete()
    assert main(["rebuild-progress"]) == 0  # the command an administrator runs
    assert rows() == written


def test_reports_are_counted_on_time_late_or_missing(scenario: Plan):  # noqa: F811
    facts = unit_report_facts(Scope(Plan.objects.filter(pk=scenario.pk), date(2027, 1, 10)))
    assert sum(f.due for f in facts.values()) == 4 * 26
    assert sum(f.on_time for f in facts.values()) == 4 * 21
    assert sum(f.missing for f in facts.values()) == 4 * 5


def test_a_wards_lines_count_for_the_tasks_of_its_collective(scenario: Plan):  # noqa: F811
    """A ward leads the tasks of 'Ủy ban nhân dân 10 phường' as a member: its word counts."""
    wards = LeadProgress.objects.filter(
        plan=scenario, unit__name__startswith="Ủy ban nhân dân Phường"
    )
    assert wards.exists()
    standing = plan_standing(scenario.pk, date(2027, 1, 10))
    by_wards = [row for row in standing if "10 phường" in row.task.lead_text]
    assert any(row.lines for row in by_wards)
    assert any(line.submission.unit.name.startswith("Ủy ban nhân dân Phường")
               for row in by_wards for line in row.lines)  # fmt: skip
