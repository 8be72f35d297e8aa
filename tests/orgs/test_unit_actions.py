"""Changing the unit tree: every change audited, nothing a plan points at is lost."""

from __future__ import annotations

import pytest

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Membership, Unit
from nq57.orgs.names import UnitMention
from nq57.orgs.resolve import UnitResolver
from nq57.orgs.unit_actions import (
    UnitActionError,
    add_alias,
    create_unit,
    merge_units,
    move_unit,
    remove_alias,
    rename_unit,
)
from nq57.plans.actions import import_plan
from nq57.plans.models import Assignment
from tests.conftest import ParsedPlanBuilder, World, make_task


def test_create_refuses_a_second_unit_of_the_same_name_under_one_parent(world: World):
    unit = create_unit(name="Phòng  Tư pháp", parent=world.d3_ppc, level="department", actor=None)
    assert unit.name == "Phòng Tư pháp"
    with pytest.raises(UnitActionError, match="Đã có đơn vị «PHÒNG TƯ PHÁP»"):
        create_unit(name="PHÒNG TƯ PHÁP", parent=world.d3_ppc, level="department", actor=None)
    assert AuditEvent.objects.filter(action="orgs.unit_created").count() == 1


def test_a_renamed_unit_keeps_its_old_name_as_an_alias_and_still_matches(world: World):
    rename_unit(unit=world.d3_culture, name="Phòng Văn hóa và Thông tin", actor=world.admin)
    found = UnitResolver(context=world.d3_ppc, actor=None).resolve(
        UnitMention("Phòng Văn hóa, Khoa học và Thông tin", False)
    )
    assert found == world.d3_culture
    event = AuditEvent.objects.get(action="orgs.unit_renamed")
    assert (event.before["name"], event.after["name"]) == (
        "Phòng Văn hóa, Khoa học và Thông tin",
        "Phòng Văn hóa và Thông tin",
    )


def test_a_unit_cannot_move_below_itself(world: World):
    with pytest.raises(UnitActionError, match="dưới chính nó"):
        move_unit(unit=world.district3, parent=world.d3_culture, actor=None)
    moved = move_unit(unit=world.d3_culture, parent=world.cu_chi_ppc, actor=None)
    assert moved.parent == world.cu_chi_ppc
    assert AuditEvent.objects.get(action="orgs.unit_moved").before["parent"] == world.d3_ppc.pk


def test_aliases_are_added_and_removed(world: World):
    alias = add_alias(unit=world.d3_culture, alias="Phòng VHKHTT", actor=None)
    sibling = Unit.objects.create(name="Phòng Nội vụ", parent=world.d3_ppc)
    with pytest.raises(UnitActionError, match="đã là tên gọi khác"):
        add_alias(unit=sibling, alias="PHÒNG VHKHTT", actor=None)  # same parent: ambiguous
    remove_alias(alias=alias, actor=None)
    assert not world.d3_culture.aliases.exists()


def test_merging_a_duplicate_moves_plans_assignments_roles_and_children(
    world: World, parsed_plan: ParsedPlanBuilder
):
    duplicate = Unit.objects.create(
        name="Phòng VH, KH và TT Quận 3",
        parent=world.d3_ppc,
        status=Unit.Status.NEEDS_CONFIRMATION,
    )
    plan = import_plan(
        parsed_plan(tasks=[make_task(lead="Phòng VH, KH và TT Quận 3")], indicators=[]),
        source_name="x.docx",
        source_bytes=b"x",
        actor=None,
    )
    assert Assignment.objects.get(task__plan=plan, role="lead").unit == duplicate
    Membership.objects.create(user=world.d3_officer, unit=duplicate, role="officer")
    child = Unit.objects.create(name="Tổ công tác", parent=duplicate)
    merge_units(duplicate=duplicate, into=world.d3_culture, actor=world.admin)
    assert not Unit.objects.filter(pk=duplicate.pk).exists()
    assert Assignment.objects.get(task__plan=plan, role="lead").unit == world.d3_culture
    assert world.d3_officer.memberships.get().unit == world.d3_culture  # the repeat is dropped
    child.refresh_from_db()
    assert child.parent == world.d3_culture
    assert "Phòng VH, KH và TT Quận 3" in world.d3_culture.aliases.values_list("alias", flat=True)
    event = AuditEvent.objects.get(action="orgs.units_merged")
    assert event.after["moved"]["plans.assignment"] == 1


def test_a_unit_cannot_merge_with_its_own_parent(world: World):
    with pytest.raises(UnitActionError):
        merge_units(duplicate=world.d3_culture, into=world.d3_ppc, actor=None)
    assert Unit.objects.filter(pk=world.d3_culture.pk).exists()
