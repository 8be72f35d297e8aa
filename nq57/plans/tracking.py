"""Writes a standing office makes while following a plan up (keyword-only, atomic, audited):
the day a conditional task's condition happened and the due day it then has; the baseline an
indicator's trajectory starts from. Permission is checked here: those managing the plan.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from nq57.audit.actions import record
from nq57.lib.deadlines import DeadlineKind
from nq57.orgs.queries import User
from nq57.plans.actions import PlanActionError
from nq57.plans.models import Indicator, Task
from nq57.plans.queries import plans_manageable_by
from nq57.plans.stamps import touch

_TRIGGER = ("triggered_on", "trigger_note", "deadline_due")
_BASELINE = ("baseline_value", "baseline_on")


@transaction.atomic
def record_trigger(*, task: Task, happened_on: date, due: date, note: str, actor: User) -> Task:
    """The condition of a conditional task ('khi có hướng dẫn của Trung ương') happened on
    `happened_on`: from now on the task is due on `due` and is judged like a dated task."""
    _require_manager(actor, task.plan_id)
    if task.deadline_kind != DeadlineKind.CONDITIONAL:
        raise PlanActionError("Chỉ nhiệm vụ có thời hạn theo điều kiện mới ghi nhận điều kiện.")
    if due < happened_on:
        raise PlanActionError("Hạn hoàn thành không được trước ngày điều kiện phát sinh.")
    if not note.strip():
        raise PlanActionError("Ghi rõ điều kiện đã phát sinh thế nào (văn bản, sự việc).")
    locked = Task.objects.select_for_update().get(pk=task.pk)
    before = _fields(locked, _TRIGGER)
    locked.triggered_on, locked.deadline_due, locked.trigger_note = happened_on, due, note.strip()
    locked.save(update_fields=list(_TRIGGER))
    touch([locked.plan_id])
    record(actor=actor, action="plans.task_triggered", obj=locked, before=before,
           after=_fields(locked, _TRIGGER))  # fmt: skip
    return locked


@transaction.atomic
def set_baseline(
    *, indicator: Indicator, value: Decimal | None, on: date | None, actor: User
) -> Indicator:
    """The indicator's baseline (giá trị nền) on a day, or none (both empty): its trajectory
    then starts there instead of at the first reported value."""
    _require_manager(actor, indicator.plan_id)
    if (value is None) != (on is None):
        raise PlanActionError("Nhập cả giá trị nền và ngày của giá trị đó, hoặc để trống cả hai.")
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = _fields(locked, _BASELINE)
    locked.baseline_value, locked.baseline_on = value, on
    locked.save(update_fields=list(_BASELINE))
    record(actor=actor, action="plans.indicator_baseline_set", obj=locked, before=before,
           after=_fields(locked, _BASELINE))  # fmt: skip
    return locked


def _require_manager(actor: User, plan_id: int) -> None:
    if not plans_manageable_by(actor).filter(pk=plan_id).exists():
        raise PlanActionError("Chỉ cơ quan thường trực của kế hoạch được ghi nhận nội dung này.")


def _fields(row: Task | Indicator, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(row, name)) for name in names}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if isinstance(value, Decimal) else value
