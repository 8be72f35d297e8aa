"""Staged imports: nothing reaches the plan tables before the officer publishes."""

from __future__ import annotations

import hashlib

import pytest

from nq57.audit.models import AuditEvent
from nq57.imports import actions
from nq57.imports.models import ImportRow, PlanImport
from nq57.ingest.model import IngestError
from nq57.orgs.models import Unit
from nq57.plans.models import Assignment, Plan, Task
from tests.conftest import World
from tests.imports.plan_text import TASKS, plan_text


def _start(world: World, data: bytes | None = None) -> PlanImport:
    return actions.start_import(
        data=plan_text() if data is None else data, file_name="91.txt", actor=world.importer
    )


def _task_rows(staged: PlanImport) -> list[ImportRow]:
    return list(staged.rows.filter(kind="task").order_by("order"))


def test_it_stages_every_row_and_the_header_without_touching_plans_or_units(world: World):
    units = Unit.objects.count()
    staged = _start(world)
    assert [r.number for r in _task_rows(staged)] == ["1", "2", "3", "4"]
    assert (staged.number, staged.issuer_name, str(staged.issue_date)) == (
        "91/KH-UBND",
        "Ủy ban nhân dân Quận 3",
        "2025-03-24",
    )
    assert staged.sha256 == hashlib.sha256(plan_text()).hexdigest()
    assert bytes(staged.file_bytes) == plan_text()
    assert (Plan.objects.count(), Task.objects.count(), Unit.objects.count()) == (0, 0, units)
    assert AuditEvent.objects.filter(action="imports.started", actor=world.importer).count() == 1


def test_an_unreadable_file_stores_nothing(world: World):
    with pytest.raises(IngestError):
        _start(world, b"PK\x03\x04 not really a docx")
    assert PlanImport.objects.count() == 0


def test_an_edit_saves_the_cells_and_a_stale_version_is_refused(world: World):
    row = _task_rows(_start(world))[1]
    actions.edit_row(row=row, version=1, values={"deadline": "Quý III/2025"}, actor=world.importer)
    row.refresh_from_db()
    assert (row.deadline, row.version, row.edited) == ("Quý III/2025", 2, True)
    with pytest.raises(actions.EditConflictError):
        actions.edit_row(row=row, version=1, values={"deadline": "2027"}, actor=world.importer)
    row.refresh_from_db()
    assert row.deadline == "Quý III/2025"
    event = AuditEvent.objects.get(action="imports.row_edited")
    assert (event.before["deadline"], event.after["deadline"]) == ("Quý II/2025", "Quý III/2025")


def test_split_merge_add_and_remove_rows(world: World):
    staged = _start(world)
    first, second, *_ = _task_rows(staged)
    actions.split_row(
        row=first,
        version=1,
        head="Ban hành chương trình tuyên truyền",
        tail="Tổ chức tuyên truyền trên Cổng thông tin điện tử",
        actor=world.importer,
    )
    rows = _task_rows(staged)
    assert [r.name for r in rows[:2]] == [
        "Ban hành chương trình tuyên truyền",
        "Tổ chức tuyên truyền trên Cổng thông tin điện tử",
    ]
    assert rows[1].lead == first.lead and rows[1].number == ""
    merged = actions.merge_with_previous(row=rows[1], actor=world.importer)
    assert merged.name == (
        "Ban hành chương trình tuyên truyền Tổ chức tuyên truyền trên Cổng thông tin điện tử"
    )
    added = actions.add_row(plan_import=staged, after=merged, kind="task", actor=world.importer)
    assert [r.pk for r in _task_rows(staged)][:3] == [merged.pk, added.pk, second.pk]
    assert added.section == "I" and added.name == ""
    with pytest.raises(actions.ImportActionError, match="chưa có nội dung"):
        actions.publish_import(plan_import=staged, actor=world.importer)
    actions.remove_row(row=added, actor=world.importer)
    assert len(_task_rows(staged)) == 4
    assert AuditEvent.objects.filter(action__startswith="imports.row").count() >= 4


def test_publishing_uses_the_officers_unit_decisions_and_creates_confirmed_units(world: World):
    staged = _start(world)
    actions.decide_unit(
        plan_import=staged,
        mention="Phòng Nội vụ quận",
        unit=world.d3_culture,
        create=False,
        actor=world.importer,
    )
    actions.decide_unit(
        plan_import=staged,
        mention="Trung tâm Chính trị Quận 3",
        unit=None,
        create=True,
        actor=world.importer,
    )
    plan = actions.publish_import(plan_import=staged, actor=world.importer)
    assert plan.issuer == world.d3_ppc
    assert plan.is_published
    task3 = plan.tasks.get(number="3")
    lead = Assignment.objects.get(task=task3, role="lead")
    assert lead.unit == world.d3_culture
    center = Unit.objects.get(name="Trung tâm Chính trị Quận 3")
    assert (center.status, center.parent) == (Unit.Status.CONFIRMED, world.d3_ppc)
    staged.refresh_from_db()
    assert (staged.status, staged.result) == (PlanImport.Status.PUBLISHED, plan)
    with pytest.raises(actions.ImportActionError, match="đã kết thúc"):
        actions.edit_row(row=_task_rows(staged)[0], version=1, values={}, actor=world.importer)


def test_a_decision_must_be_a_unit_or_a_new_unit(world: World):
    staged = _start(world)
    with pytest.raises(actions.ImportActionError):
        actions.decide_unit(
            plan_import=staged, mention="Phòng Nội vụ", unit=None, create=False, actor=None
        )
    with pytest.raises(actions.ImportActionError):
        actions.decide_unit(
            plan_import=staged, mention="Phòng Nội vụ", unit=world.dost, create=True, actor=None
        )


def test_the_same_file_again_revises_its_plan_and_keeps_every_task(world: World):
    plan = actions.publish_import(plan_import=_start(world), actor=world.importer)
    ids = list(plan.tasks.order_by("order").values_list("pk", flat=True))
    again = _start(world)
    assert again.revises == plan
    same = actions.publish_import(plan_import=again, actor=world.importer)
    assert same.pk == plan.pk
    assert list(same.tasks.order_by("order").values_list("pk", flat=True)) == ids


def test_a_revised_file_updates_changed_rows_in_place_and_adds_and_removes_the_rest(world: World):
    plan = actions.publish_import(plan_import=_start(world), actor=world.importer)
    before = {t.number: t.pk for t in plan.tasks.all()}
    revised = [list(task) for task in TASKS[:3]]
    revised[1][4] = "Quý III/2025"  # deadline changed
    revised.append(["4", "Triển khai nền tảng họp trực tuyến", "Văn phòng Ủy ban nhân dân Quận 3",
                    "", "Năm 2025"])  # fmt: skip
    staged = _start(world, plan_text([tuple(t) for t in revised]))  # type: ignore[misc]
    assert staged.revises == plan  # same number, same issuer
    actions.publish_import(plan_import=staged, actor=world.importer)
    after = {t.number: t for t in plan.tasks.all()}
    assert after["1"].pk == before["1"] and after["3"].pk == before["3"]
    assert after["2"].pk == before["2"] and after["2"].deadline_raw == "Quý III/2025"
    assert after["4"].pk != before["4"] and after["4"].name.startswith("Triển khai nền tảng")
    assert Task.objects.filter(pk=before["4"]).count() == 0
    event = AuditEvent.objects.get(action="plans.plan_revised")
    assert event.after["task_changes"] == {"same": 2, "changed": 1, "added": 1, "removed": 1}


def test_discarding_stores_nothing_and_closes_the_import(world: World):
    staged = _start(world)
    actions.discard_import(plan_import=staged, actor=world.importer)
    staged.refresh_from_db()
    assert staged.status == PlanImport.Status.DISCARDED
    assert Plan.objects.count() == 0
    with pytest.raises(actions.ImportActionError):
        actions.publish_import(plan_import=staged, actor=world.importer)


def test_creating_a_unit_that_already_exists_is_refused_in_vietnamese(world: World):
    staged = _start(world)
    actions.decide_unit(
        plan_import=staged,
        mention="Phòng Văn hóa, Khoa học và Thông tin",
        unit=None,
        create=True,
        actor=world.importer,
    )
    with pytest.raises(actions.ImportActionError, match="Đã có đơn vị «Phòng Văn hóa"):
        actions.publish_import(plan_import=staged, actor=world.importer)
    assert Plan.objects.count() == 0
    staged.refresh_from_db()
    assert staged.status == PlanImport.Status.REVIEWING
