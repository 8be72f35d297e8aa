"""Importing a parsed plan: units, references, sections, tasks, indicators, targets, audit."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Unit
from nq57.plans import actions
from nq57.plans.actions import DuplicatePlanError, PlanActionError, import_plan, publish_plan
from nq57.plans.models import Assignment, Indicator, Plan, PlanReference, Section, Target, Task
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task

SOURCE = b"noi dung tep ke hoach 91"


def do_import(
    parsed_plan: ParsedPlanBuilder,
    actor=None,
    source: bytes = SOURCE,
    header=None,
    tasks=None,
    indicators=None,
    **kwargs,
) -> Plan:
    return import_plan(
        parsed_plan(tasks=tasks, indicators=indicators, **(header or {})),
        source_name="91.docx",
        source_bytes=source,
        actor=actor,
        **kwargs,
    )


def table_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Plan, PlanReference, Section, Task, Indicator, Target, Assignment, Unit)
    )


def test_it_imports_the_header_and_keeps_the_source_file(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = do_import(parsed_plan, actor=world.city_reviewer)
    plan.refresh_from_db()
    assert (plan.number, plan.normalized_number, plan.issue_date, plan.level) == (
        "91/KH-UBND",
        "91-KH-UBND",
        date(2025, 3, 24),
        "district",
    )
    assert (plan.issuer, plan.status, plan.imported_by) == (
        world.d3_ppc,
        Plan.Status.DRAFT,
        world.city_reviewer,
    )
    assert bytes(plan.source_file) == SOURCE
    assert plan.source_sha256 == hashlib.sha256(SOURCE).hexdigest()


def test_it_creates_sections_tasks_and_parsed_deadlines(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = do_import(parsed_plan)
    task = Task.objects.get(plan=plan)
    assert (task.number, task.deadline_raw, task.deadline_kind, task.deadline_due) == (
        "1",
        "6/2025",
        "period_end",
        date(2025, 6, 30),
    )
    assert (task.appendix, task.source_row, task.source_line_start, task.source_line_end) == (
        "Phụ lục II",
        1,
        120,
        124,
    )
    sections = [(s.kind, s.appendix, s.code, s.title) for s in plan.sections.order_by("order")]
    assert sections == [
        ("indicators", "Phụ lục I", "I", "Đến năm 2030"),
        ("tasks", "Phụ lục II", "I", "Tổ chức thực hiện tốt công tác quán triệt và tuyên truyền"),
    ]
    assert task.section == plan.sections.get(kind="tasks")


def test_it_creates_one_target_per_milestone(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    plan = do_import(parsed_plan)
    indicator = Indicator.objects.get(plan=plan)
    targets = [
        (t.milestone, t.raw, t.comparator, t.value, t.measure_unit)
        for t in indicator.targets.order_by("order")
    ]
    assert targets == [
        ("2025", "≥ 60", "ge", Decimal("60"), "%"),
        ("2030", "≥ 80", "ge", Decimal("80"), "%"),
    ]
    assert [t.value_label() for t in indicator.targets.order_by("order")] == ["≥ 60%", "≥ 80%"]


def test_it_keeps_qualitative_targets_as_text(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    quality = make_indicator(code="1", unit="Thứ bậc", targets={"2030": "Tiên tiến, hiện đại"})
    plan = do_import(parsed_plan, indicators=[quality])
    target = Target.objects.get(indicator__plan=plan)
    assert (target.comparator, target.value, target.qualitative_text, target.value_label()) == (
        "qualitative",
        None,
        "Tiên tiến, hiện đại",
        "Tiên tiến, hiện đại",
    )


def test_it_assigns_resolved_and_new_units(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    plan = do_import(parsed_plan, actor=world.city_reviewer)
    task = Task.objects.get(plan=plan)
    rows = [
        (a.role, a.unit.name, a.unit.status, a.text_as_printed)
        for a in task.assignments.select_related("unit")
    ]
    assert rows == [
        (
            "lead",
            "Phòng Văn hóa, Khoa học và Thông tin",
            "confirmed",
            "Phòng Văn hóa, Khoa học và Thông tin",
        ),
        (
            "coordinating",
            "Ban Tuyên giáo và Dân vận Quận ủy",
            "needs_confirmation",
            "Ban Tuyên giáo và Dân vận Quận ủy",
        ),
        (
            "coordinating",
            "Trung tâm Chính trị Quận 3",
            "needs_confirmation",
            "Trung tâm Chính trị Quận 3",
        ),
    ]
    assert Task.objects.led_by(world.d3_culture).get() == task
    assert set(Unit.objects.needing_confirmation().values_list("parent", flat=True)) == {
        world.d3_ppc.pk
    }


def test_it_splits_a_single_agency_cell_of_an_indicator(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = do_import(parsed_plan)
    indicator = Indicator.objects.get(plan=plan)
    rows = [(a.role, a.unit.name, a.unit.is_collective) for a in indicator.assignments.all()]
    assert rows == [
        ("lead", "Văn phòng Ủy ban nhân dân Quận", False),
        ("coordinating", "Các cơ quan, đơn vị", True),
        ("coordinating", "Ủy ban nhân dân 10 phường", True),
    ]
    assert indicator.lead_text.startswith("Văn phòng UBND Quận chủ trì phối hợp")
    assert indicator.coordinating_text == ""


def test_it_keeps_a_collective_phrase_as_one_assignment(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    collective = "Các Sở, ban, ngành, UBND thành phố Thủ Đức, các quận, huyện"
    task = make_task(lead="Sở Khoa học và Công nghệ", coordinating=collective)
    plan = do_import(
        parsed_plan, tasks=[task], indicators=[], header={"issuer": "UBND Thành phố Hồ Chí Minh"}
    )
    assert plan.issuer == world.hcmc_ppc
    coordinating = Assignment.objects.get(task__plan=plan, role="coordinating")
    assert (coordinating.unit.name, coordinating.unit.is_collective, coordinating.unit.parent) == (
        "Các Sở, ban, ngành, Ủy ban nhân dân thành phố Thủ Đức, các quận, huyện",
        True,
        world.hcmc_ppc,
    )
    assert Assignment.objects.get(task__plan=plan, role="lead").unit == world.dost


def test_it_audits_the_import_and_each_new_unit(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = do_import(parsed_plan, actor=world.city_reviewer)
    imported = AuditEvent.objects.get(action="plans.plan_imported")
    assert (imported.actor, imported.object_id, imported.before) == (
        world.city_reviewer,
        str(plan.pk),
        None,
    )
    assert (imported.after["number"], imported.after["tasks"], imported.after["indicators"]) == (
        "91/KH-UBND",
        1,
        1,
    )
    created = AuditEvent.objects.filter(action="orgs.unit_created").count()
    assert created == Unit.objects.needing_confirmation().count() == 5


def test_it_resolves_references_across_plans_in_both_orders(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    district = do_import(parsed_plan, header={"bases": ["Kế hoạch số 1413/KH-UBND", "57-NQ/TW"]})
    city = import_plan(
        parsed_plan(number="1413/KH-UBND", issuer="UBND Thành phố Hồ Chí Minh", bases=["57-NQ/TW"]),
        source_name="1413.docx",
        source_bytes=b"city plan",
        actor=None,
    )
    resolution = AuditEvent.objects.get(action="plans.references_resolved")
    assert resolution.object_id == str(city.pk)
    central = import_plan(
        parsed_plan(
            number="57-NQ/TW", issuer="Bộ Chính trị", level="central", bases=[], date="2024-12-22"
        ),
        source_name="57.pdf",
        source_bytes=b"resolution 57",
        actor=None,
    )
    refs = {
        (r.plan_id, r.number, r.normalized_number, r.resolved_plan_id)
        for r in PlanReference.objects.all()
    }
    assert refs == {
        (district.pk, "Kế hoạch số 1413/KH-UBND", "1413-KH-UBND", city.pk),
        (district.pk, "57-NQ/TW", "57-NQ/TW", central.pk),
        (city.pk, "57-NQ/TW", "57-NQ/TW", central.pk),
    }


def test_it_refuses_the_same_file_twice_and_stores_nothing(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    do_import(parsed_plan)
    before = (table_counts(), AuditEvent.objects.count())
    with pytest.raises(DuplicatePlanError) as refused:
        do_import(parsed_plan, header={"title": "Tên khác"})
    assert refused.value.message == (
        "Tệp này đã được nhập: kế hoạch «Triển khai thực hiện Chương trình hành động số "
        "63-CTrHĐ/TU» (số 91/KH-UBND) ngày 24/03/2025. Dùng --replace để thay thế."
    )
    assert (table_counts(), AuditEvent.objects.count()) == before


def test_it_replaces_a_plan_in_place_and_audits_before_and_after(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    old = do_import(parsed_plan)
    old_task_id = Task.objects.get(plan=old).pk
    tasks = [
        make_task(number="1"),
        make_task(number="2", name="Nhiệm vụ mới", deadline="Thường xuyên"),
    ]
    new = import_plan(
        parsed_plan(tasks=tasks, title="Kế hoạch đã sửa"),
        source_name="91-sua.docx",
        source_bytes=SOURCE,
        actor=world.admin,
        replace=True,
    )
    assert new.pk == old.pk
    assert Plan.objects.count() == 1
    assert list(Task.objects.values_list("number", "deadline_kind")) == [
        ("1", "period_end"),
        ("2", "ongoing"),
    ]
    assert not Task.objects.filter(pk=old_task_id).exists()
    event = AuditEvent.objects.get(action="plans.plan_replaced")
    assert (event.actor, event.before["title"], event.before["tasks"]) == (
        world.admin,
        "Triển khai thực hiện Chương trình hành động số 63-CTrHĐ/TU",
        1,
    )
    assert (event.after["title"], event.after["tasks"], event.after["source_name"]) == (
        "Kế hoạch đã sửa",
        2,
        "91-sua.docx",
    )


def test_it_refuses_to_replace_a_plan_holding_user_data(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    do_import(parsed_plan)
    before = table_counts()
    with (
        mock.patch.object(Plan, "has_user_data", return_value=True),
        pytest.raises(PlanActionError) as refused,
    ):
        do_import(parsed_plan, replace=True)
    assert refused.value.message.startswith("Không thể thay thế kế hoạch «")
    assert table_counts() == before


def test_it_stores_nothing_when_a_step_fails(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    before = (table_counts(), AuditEvent.objects.count())
    with (
        mock.patch.object(actions, "_build_targets", side_effect=RuntimeError("hỏng")),
        pytest.raises(RuntimeError),
    ):
        do_import(parsed_plan, actor=world.city_reviewer)
    assert (table_counts(), AuditEvent.objects.count()) == before


def test_it_refuses_a_plan_without_issuer(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    before = table_counts()
    with pytest.raises(PlanActionError) as refused:
        do_import(parsed_plan, header={"issuer": None})
    assert refused.value.message == "Không xác định được cơ quan ban hành của kế hoạch."
    assert table_counts() == before


def test_it_publishes_on_import_when_asked(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    plan = do_import(parsed_plan, publish=True)
    assert (plan.status, plan.published_at is not None) == (Plan.Status.PUBLISHED, True)


def test_it_publishes_a_draft_once(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    plan = do_import(parsed_plan)
    publish_plan(plan=plan, actor=world.city_reviewer)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.PUBLISHED
    event = AuditEvent.objects.get(action="plans.plan_published")
    assert (event.actor, event.before, event.after) == (
        world.city_reviewer,
        {"status": "draft"},
        {"status": "published"},
    )
    with pytest.raises(PlanActionError) as refused:
        publish_plan(plan=plan, actor=world.city_reviewer)
    assert refused.value.message == "Kế hoạch đã được ban hành trước đó."
    assert AuditEvent.objects.filter(action="plans.plan_published").count() == 1
