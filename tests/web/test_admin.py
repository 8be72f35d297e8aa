"""Admin pages of the domain apps render and search by folded names."""

from __future__ import annotations

import pytest
from django.test import Client

from nq57.plans.actions import import_plan
from tests.conftest import ParsedPlanBuilder, World

CHANGELISTS = [
    "orgs/unit",
    "orgs/unitalias",
    "plans/plan",
    "plans/planreference",
    "plans/section",
    "plans/task",
    "plans/indicator",
    "plans/target",
    "plans/assignment",
    "audit/auditevent",
]


@pytest.mark.parametrize("path", CHANGELISTS)
def test_it_renders_admin_lists_and_searches(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder, path: str
) -> None:
    import_plan(parsed_plan(), source_name="91.docx", source_bytes=b"91", actor=None)
    client.force_login(world.admin)
    assert client.get(f"/admin/{path}/").status_code == 200
    assert client.get(f"/admin/{path}/", {"q": "Quận 3"}).status_code == 200


def test_it_finds_units_in_admin_without_diacritics(world: World, client: Client) -> None:
    client.force_login(world.admin)
    html = client.get("/admin/orgs/unit/", {"q": "van hoa, khoa hoc"}).content.decode()
    assert "Phòng Văn hóa, Khoa học và Thông tin" in html
    assert "Sở Khoa học và Công nghệ" not in html


def test_it_opens_a_plan_in_admin_without_its_file(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = import_plan(parsed_plan(), source_name="91.docx", source_bytes=b"91", actor=None)
    client.force_login(world.admin)
    response = client.get(f"/admin/plans/plan/{plan.pk}/change/")
    assert response.status_code == 200
    assert "source_file" not in response.content.decode()
