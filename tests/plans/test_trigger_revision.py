"""A conditional task's recorded condition (its due day) outlives a revised file that words the
condition the same way; a reworded condition starts over."""

from __future__ import annotations

from datetime import date

from nq57.plans.actions import import_plan
from nq57.plans.revision import revise_plan
from nq57.plans.tracking import record_trigger
from tests.conftest import ParsedPlanBuilder, World, make_task

CONDITION = "Khi có hướng dẫn của Thành phố"


def _revise(parsed_plan: ParsedPlanBuilder, plan, deadline: str, name: str, actor):  # type: ignore[no-untyped-def]
    task = make_task(deadline=deadline, name=name)
    return revise_plan(plan=plan, parsed=parsed_plan(tasks=[task]), source_name="v2.docx",
                       source_bytes=name.encode(), actor=actor).plan  # fmt: skip


def test_the_recorded_due_day_survives_a_revision(world: World, parsed_plan: ParsedPlanBuilder):
    plan = import_plan(parsed_plan(tasks=[make_task(deadline=CONDITION)]), source_name="v1.docx",
                       source_bytes=b"v1", actor=None)  # fmt: skip
    task = plan.tasks.get()
    assert task.deadline_kind == "conditional" and task.deadline_due is None
    record_trigger(task=task, happened_on=date(2025, 7, 10), due=date(2025, 8, 31),
                   note="Công văn 123/UBND", actor=world.importer)  # fmt: skip
    _revise(parsed_plan, plan, CONDITION, "Ban hành chương trình tuyên truyền (sửa).", world.admin)
    task.refresh_from_db()
    assert task.deadline_due == date(2025, 8, 31) and task.name.endswith("(sửa).")
    _revise(parsed_plan, plan, "Khi có chỉ đạo của Trung ương", "Ban hành lại.", world.admin)
    task.refresh_from_db()
    assert task.deadline_due is None  # a new condition: to be recorded again
