"""A plan that cites a plan in the system ('Căn cứ Kế hoạch số 1413/KH-UBND …') is linked to it
as the plan it carries out, whichever of the two arrives first; a link a person removed is not
made again by the same citation in a revised file; linking by hand restores it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.cascade.actions import LinkNotAllowed, link_plans, unlink_plans
from nq57.cascade.models import DismissedLink, PlanLink
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan
from nq57.plans.revision import revise_plan
from tests.conftest import ParsedPlanBuilder, World

CITY = {"number": "1413/KH-UBND", "issuer": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "level": "city", "bases": ["Nghị quyết số 57-NQ/TW"]}  # fmt: skip
DISTRICT = {"bases": ["Nghị quyết số 57-NQ/TW", "Kế hoạch số 1413/KH-UBND"]}


def _import(parsed_plan: ParsedPlanBuilder, actor: Any, name: str, **header: Any) -> Plan:
    return import_plan(parsed_plan(**header), source_name=f"{name}.docx",
                       source_bytes=name.encode(), actor=actor, publish=True)  # fmt: skip


def _links() -> list[tuple[str, str, str]]:
    rows = PlanLink.objects.values_list("parent__number", "child__number", "source")
    return sorted(rows)


def test_a_plan_citing_a_stored_plan_is_linked_to_it(world: World, parsed_plan: ParsedPlanBuilder):
    city = _import(parsed_plan, world.admin, "city", **CITY)
    district = _import(parsed_plan, world.importer, "d3", **DISTRICT)
    assert _links() == [("1413/KH-UBND", "91/KH-UBND", PlanLink.Source.REFERENCE)]
    link = PlanLink.objects.get()
    assert (link.parent, link.child, link.created_by) == (city, district, world.importer)
    event = AuditEvent.objects.get(action="cascade.plans_linked")
    assert event.after == {"parent": city.pk, "child": district.pk, "source": "reference"}


def test_the_cited_plan_arriving_later_links_the_plans_citing_it(
    world: World, parsed_plan: ParsedPlanBuilder
):
    _import(parsed_plan, world.importer, "d3", **DISTRICT)
    assert not PlanLink.objects.exists()  # 1413/KH-UBND is not in the system yet
    _import(parsed_plan, world.admin, "city", **CITY)
    assert _links() == [("1413/KH-UBND", "91/KH-UBND", PlanLink.Source.REFERENCE)]
    assert PlanLink.objects.get().created_by == world.admin  # the importer of the city's plan


def test_a_removed_link_stays_removed_until_linked_by_hand(
    world: World, parsed_plan: ParsedPlanBuilder
):
    city = _import(parsed_plan, world.admin, "city", **CITY)
    district = _import(parsed_plan, world.importer, "d3", **DISTRICT)
    with pytest.raises(LinkNotAllowed, match="Chỉ cơ quan thường trực"):
        unlink_plans(link=PlanLink.objects.get(), actor=world.d3_officer)
    unlink_plans(link=PlanLink.objects.get(), actor=world.importer)
    assert not PlanLink.objects.exists()
    assert DismissedLink.objects.filter(parent=city, child=district).exists()
    revise_plan(plan=district, parsed=parsed_plan(**DISTRICT), source_name="d3-v2.docx",
                source_bytes=b"d3-v2", actor=world.importer)  # fmt: skip
    assert not PlanLink.objects.exists()  # the same citation again: the decision holds
    link_plans(parent=city, child=district, actor=world.importer)
    assert _links() == [("1413/KH-UBND", "91/KH-UBND", PlanLink.Source.MANUAL)]
    assert not DismissedLink.objects.exists()


def test_a_citation_never_links_two_plans_the_other_way_round(
    world: World, parsed_plan: ParsedPlanBuilder
):
    city = _import(parsed_plan, world.admin, "city", **CITY)
    district = _import(parsed_plan, world.importer, "d3", bases=["Nghị quyết số 57-NQ/TW"])
    link_plans(parent=district, child=city, actor=world.admin)  # odd, but a person's decision
    revise_plan(plan=district, parsed=parsed_plan(**DISTRICT), source_name="d3-v2.docx",
                source_bytes=b"d3-v2", actor=world.importer)  # fmt: skip
    assert _links() == [("91/KH-UBND", "1413/KH-UBND", PlanLink.Source.MANUAL)]


def test_the_standing_office_removes_a_link_on_the_page(
    world: World, parsed_plan: ParsedPlanBuilder
):
    _import(parsed_plan, world.admin, "city", **CITY)
    district = _import(parsed_plan, world.importer, "d3", **DISTRICT)
    link = PlanLink.objects.get()
    page = f"/ke-hoach/{district.pk}/lien-ket/"
    officer = Client()
    officer.force_login(world.d3_officer)
    assert "Bỏ liên kết" not in officer.get(page).content.decode()
    refused = officer.post(f"/lien-ket/{link.pk}/bo/", {"xac-nhan": "1"}, follow=True)
    assert "Chỉ cơ quan thường trực" in refused.content.decode()
    office = Client()
    office.force_login(world.importer)
    assert "Bỏ liên kết" in office.get(page).content.decode()
    unticked = office.post(f"/lien-ket/{link.pk}/bo/", follow=True)
    assert "Đánh dấu ô xác nhận" in unticked.content.decode()
    assert PlanLink.objects.exists()
    done = office.post(f"/lien-ket/{link.pk}/bo/", {"xac-nhan": "1"}, follow=True)
    assert "Đã bỏ liên kết với kế hoạch 1413/KH-UBND" in done.content.decode()
    assert not PlanLink.objects.exists()
    assert AuditEvent.objects.filter(action="cascade.plans_unlinked").count() == 1
