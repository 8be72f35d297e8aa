"""Set-based counts for dashboards over many plans (a province, the country).

The same rules as `timeliness.classify` and `queries.progress_of`, written once as SQL over
`LeadProgress` (each lead unit's word, kept as a history) so that the database counts the
tasks of thousands of plans without sending them to Python. The SQL is plain (CASE, GROUP BY,
LEFT JOIN, UNION) and runs on SQLite and PostgreSQL alike; the scope is any queryset of plans,
sent as its plan ids (`Scope.plan_sql`). `tests/evaluation/test_tallies.py` pins it to the
pure rules.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from nq57.evaluation.queries import end_of
from nq57.evaluation.scoring import Facts
from nq57.evaluation.timeliness import SOON_DAYS, Timeliness
from nq57.lib.deadlines import DeadlineKind
from nq57.orgs.models import Unit
from nq57.plans.models import Assignment, Plan, Task
from nq57.reporting.models import LeadProgress, ReportingPeriod, Submission

_TASK = Task._meta.db_table
_PROGRESS = LeadProgress._meta.db_table
_ASSIGNMENT = Assignment._meta.db_table
_MEMBERS = Unit.members.through._meta.db_table
_SUBMISSION = Submission._meta.db_table
_PERIOD = ReportingPeriod._meta.db_table
_FEW_PLANS = 500


@dataclass(frozen=True)
class Scope:
    """Which plans, on which day, with how many days counting as 'sắp đến hạn'. (Frozen; its
    `cached_property` still works, writing to the instance's __dict__.)"""

    plans: QuerySet[Plan]
    as_of: date
    soon_days: int = SOON_DAYS

    def plan_sql(self) -> tuple[str, list[Any]]:
        """The plans as a list of ids (the planner then uses the plan indexes; a subquery made
        PostgreSQL read whole tables at national scale)."""
        ids = self.plan_ids
        return (", ".join(["%s"] * len(ids)) or "NULL"), list(ids)

    @cached_property
    def plan_ids(self) -> tuple[int, ...]:
        return tuple(self.plans.order_by().values_list("pk", flat=True))

    def on(self, day: date) -> Scope:
        """The same plans on another day (their ids kept, not read again)."""
        moved = replace(self, as_of=day)
        if "plan_ids" in self.__dict__:
            moved.__dict__["plan_ids"] = self.plan_ids
        return moved

    def plans_filter(self) -> tuple[int, ...] | QuerySet[Plan, Any]:
        """The plans for a `plan_id__in=` filter: their ids when they are few (the planner
        then uses the plan indexes), else the query as a subquery (sending thousands of ids
        as parameters costs more than the query)."""
        ids = self.plan_ids
        return ids if len(ids) <= _FEW_PLANS else self.plans.order_by().values("pk")

    def held_sql(self, alias: str) -> tuple[str, list[Any]]:
        """`alias` (a LeadProgress row) holds at the end of the day."""
        cut = connection.ops.adapt_datetimefield_value(end_of(self.as_of))
        return (
            f"{alias}.valid_from < %s AND ({alias}.valid_to IS NULL OR {alias}.valid_to >= %s)",
            [cut, cut],
        )

    def days(self) -> list[Any]:
        adapt = connection.ops.adapt_datefield_value
        return [adapt(self.as_of), adapt(self.as_of + timedelta(days=self.soon_days))]


# One LeadProgress row `p`: it says something, 'hoàn thành', 'không thực hiện' (1 or 0).
_SAID = "CASE WHEN p.lifecycle <> '' THEN 1 ELSE 0 END"
_DONE = "CASE WHEN p.lifecycle = 'done' THEN 1 ELSE 0 END"
_CANCELLED = "CASE WHEN p.lifecycle = 'cancelled' THEN 1 ELSE 0 END"


def _state_sql(said: str, done: str, cancelled: str, done_on: str) -> str:
    """`timeliness.classify` as a CASE; its parameters are `_state_params`: the day (for the
    completion day), the day (overdue after it), the last 'sắp đến hạn' day."""
    periodic = f"('{DeadlineKind.RECURRING}', '{DeadlineKind.ONGOING}')"
    is_done = f"({said} > 0 AND {done} = {said} AND {done_on} <= %s)"
    return f"""CASE
        WHEN {said} > 0 AND {cancelled} = {said} THEN '{Timeliness.NOT_APPLICABLE}'
        WHEN t.deadline_kind IN {periodic} AND t.deadline_due IS NULL
            THEN '{Timeliness.PERIODIC}'
        WHEN {is_done} THEN CASE
            WHEN t.deadline_due IS NULL OR {done_on} <= t.deadline_due
                THEN '{Timeliness.DONE_ON_TIME}'
            ELSE '{Timeliness.DONE_LATE}' END
        WHEN t.deadline_due IS NULL THEN '{Timeliness.UNDATED}'
        WHEN t.deadline_due < %s THEN '{Timeliness.OVERDUE}'
        WHEN t.deadline_due <= %s THEN '{Timeliness.DUE_SOON}'
        ELSE '{Timeliness.ON_TRACK}' END"""


def _state_params(scope: Scope) -> list[Any]:
    day, soon = scope.days()
    return [day, day, soon]


def classified_tasks(scope: Scope) -> tuple[str, list[Any]]:
    """SQL of (task_id, plan_id, task order, state) for every task of the scope's plans: a task
    is done when every lead unit that has a word on it says 'hoàn thành' (on the latest day
    given), 'không thực hiện' when they all say so (`queries.progress_of`)."""
    plans, plan_params = scope.plan_sql()
    held, held_params = scope.held_sql("p")
    state = _state_sql("w.said", "w.done", "w.cancelled", "w.done_on")
    sql = f"""
        SELECT t.id AS task_id, t.plan_id AS plan_id, t."order" AS task_order,
               {state} AS state
        FROM {_TASK} t
        LEFT JOIN (
            SELECT p.task_id,
                   SUM({_SAID}) AS said, SUM({_DONE}) AS done,
                   SUM({_CANCELLED}) AS cancelled,
                   MAX(p.done_on) AS done_on
            FROM {_PROGRESS} p
            WHERE p.plan_id IN ({plans}) AND {held}
            GROUP BY p.task_id
        ) w ON w.task_id = t.id
        WHERE t.plan_id IN ({plans})"""
    return sql, [*_state_params(scope), *plan_params, *held_params, *plan_params]


def task_tallies(scope: Scope) -> dict[int, Counter[Timeliness]]:
    """Per plan: how many tasks stand in each timeliness class."""
    sql, params = classified_tasks(scope)
    found: dict[int, Counter[Timeliness]] = {}
    for plan_id, state, count in _fetch(
        f"SELECT plan_id, state, COUNT(*) FROM ({sql}) c GROUP BY plan_id, state", params
    ):
        found.setdefault(plan_id, Counter())[Timeliness(state)] = count
    return found


def tasks_in(scope: Scope, state: Timeliness, limit: int, offset: int = 0) -> list[int]:
    """Ids of the tasks in `state`, by plan then document order (a page of them)."""
    sql, params = classified_tasks(scope)
    rows = _fetch(
        f"SELECT task_id FROM ({sql}) c WHERE state = %s "
        "ORDER BY plan_id, task_order LIMIT %s OFFSET %s",
        [*params, state.value, limit, offset],
    )
    return [task_id for (task_id,) in rows]


def states_of(scope: Scope) -> dict[int, Timeliness]:
    """Every task of the scope's plans → its timeliness."""
    sql, params = classified_tasks(scope)
    rows = _fetch(f"SELECT task_id, state FROM ({sql}) c", params)
    return {task_id: Timeliness(state) for task_id, state in rows}


@dataclass(frozen=True)
class TaskFacts:
    """A reporting unit's tasks as its own word has them (the unit's scorecard counts)."""

    due: int = 0
    done: int = 0
    done_on_time: int = 0


def _pair_states(scope: Scope) -> tuple[str, list[Any]]:
    """SQL of (unit_id, task_id, plan_id, task order, state): each task of the scope with each
    unit that leads it (itself or as a member of a collective) and reports on its plan, the
    task judged by that unit's own word."""
    plans, plan_params = scope.plan_sql()
    held, held_params = scope.held_sql("p")
    state = _state_sql(_SAID, _DONE, _CANCELLED, "p.done_on")
    lead = Assignment.Role.LEAD.value
    pairs = f"""
        SELECT a.task_id, a.unit_id FROM {_ASSIGNMENT} a JOIN {_TASK} pt ON pt.id = a.task_id
        WHERE a.role = '{lead}' AND pt.plan_id IN ({plans})
        UNION
        SELECT a.task_id, m.to_unit_id FROM {_ASSIGNMENT} a JOIN {_TASK} pt ON pt.id = a.task_id
        JOIN {_MEMBERS} m ON m.from_unit_id = a.unit_id
        WHERE a.role = '{lead}' AND pt.plan_id IN ({plans})"""
    sql = f"""
        SELECT x.unit_id AS unit_id, x.task_id AS task_id, t.plan_id AS plan_id,
               t."order" AS task_order, {state} AS state
        FROM ({pairs}) x
        JOIN {_TASK} t ON t.id = x.task_id
        LEFT JOIN {_PROGRESS} p ON p.task_id = x.task_id AND p.unit_id = x.unit_id
            AND p.plan_id IN ({plans}) AND {held}
        WHERE EXISTS (
            SELECT 1 FROM {_SUBMISSION} s WHERE s.plan_id = t.plan_id AND s.unit_id = x.unit_id
        )"""
    return sql, [*_state_params(scope), *plan_params, *plan_params, *plan_params, *held_params]


def unit_task_facts(scope: Scope) -> dict[tuple[int, int], TaskFacts]:
    """For each plan of the scope and unit that reports on it, keyed (plan, unit): the tasks
    it leads that are due by the day or done, done, and done on time — each by its own latest
    approved word (`queries.unit_facts`)."""
    sql, params = _pair_states(scope)
    on_time, late, overdue = (
        f"'{Timeliness.DONE_ON_TIME}'",
        f"'{Timeliness.DONE_LATE}'",
        f"'{Timeliness.OVERDUE}'",
    )
    totals = f"""
        SELECT plan_id, unit_id,
               SUM(CASE WHEN state IN ({on_time}, {late}, {overdue}) THEN 1 ELSE 0 END),
               SUM(CASE WHEN state IN ({on_time}, {late}) THEN 1 ELSE 0 END),
               SUM(CASE WHEN state = {on_time} THEN 1 ELSE 0 END)
        FROM ({sql}) c GROUP BY plan_id, unit_id"""
    return {
        (plan, unit): TaskFacts(*map(int, rest)) for plan, unit, *rest in _fetch(totals, params)
    }


def unit_tasks(scope: Scope, unit_id: int) -> dict[Timeliness, list[int]]:
    """The tasks a unit leads, by their state on its own word, in plan and document order."""
    sql, params = _pair_states(scope)
    rows = _fetch(
        f"SELECT state, task_id FROM ({sql}) c WHERE unit_id = %s ORDER BY plan_id, task_order",
        [*params, unit_id],
    )
    found: dict[Timeliness, list[int]] = {}
    for state, task_id in rows:
        found.setdefault(Timeliness(state), []).append(task_id)
    return found


@dataclass(frozen=True)
class ReportFacts:
    """A unit's reports due by the day: sent on time, late, or not (by the end of the day)."""

    due: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def missing(self) -> int:
        return self.due - self.on_time - self.late


def unit_report_facts(scope: Scope) -> dict[tuple[int, int], ReportFacts]:
    """Per plan and unit, keyed (plan, unit): the unit's reports on the plan for the periods
    due by the end of the day."""
    plans, plan_params = scope.plan_sql()
    cut = connection.ops.adapt_datetimefield_value(end_of(scope.as_of))
    sent = "s.first_submitted_at IS NOT NULL AND s.first_submitted_at < %s"
    sql = f"""
        SELECT s.plan_id, s.unit_id, COUNT(*),
               SUM(CASE WHEN {sent} AND s.first_submitted_at <= r.due THEN 1 ELSE 0 END),
               SUM(CASE WHEN {sent} AND s.first_submitted_at > r.due THEN 1 ELSE 0 END)
        FROM {_SUBMISSION} s JOIN {_PERIOD} r ON r.id = s.period_id
        WHERE s.plan_id IN ({plans}) AND r.due < %s
        GROUP BY s.plan_id, s.unit_id"""
    rows = _fetch(sql, [cut, cut, *plan_params, cut])
    return {(plan, unit): ReportFacts(*map(int, rest)) for plan, unit, *rest in rows}


def plan_unit_facts(scope: Scope) -> dict[tuple[int, int], Facts]:
    """Each unit's scorecard counts on each plan of the scope, keyed (plan, unit): its lead
    tasks (`unit_task_facts`) and its reports (`unit_report_facts`); indicators are not
    counted."""
    tasks, reports = unit_task_facts(scope), unit_report_facts(scope)
    found = {}
    for key in tasks.keys() | reports.keys():
        t, r = tasks.get(key, TaskFacts()), reports.get(key, ReportFacts())
        found[key] = Facts(
            tasks_due=t.due,
            tasks_done=t.done,
            tasks_done_on_time=t.done_on_time,
            reports_due=r.due,
            reports_on_time=r.on_time,
            reports_late=r.late,
        )
    return found


def summed_by_unit(facts: Iterable[tuple[int, Facts]]) -> dict[int, Facts]:
    """(unit, counts on one plan) pairs → each unit's counts across the plans."""
    found: dict[int, Facts] = {}
    for unit_id, counted in facts:
        had = found.get(unit_id)
        found[unit_id] = counted if had is None else _plus(had, counted)
    return found


def _plus(a: Facts, b: Facts) -> Facts:
    return Facts(**{f.name: getattr(a, f.name) + getattr(b, f.name) for f in fields(Facts)})


def unit_facts_across(scope: Scope) -> dict[int, Facts]:
    """Each unit's scorecard counts across the scope's plans, counted now (`figures` keeps
    them per day for dashboards over many plans)."""
    return summed_by_unit((unit, f) for (_plan, unit), f in plan_unit_facts(scope).items())


def _fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
