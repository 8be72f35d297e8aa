"""Who reports on a plan: each member of a collective, the units of the issuer's area; not a
city department named in a district's plan, not a collective nobody is known to stand for."""

from __future__ import annotations

from datetime import date

from django.test import Client

from nq57.orgs.models import Unit
from nq57.plans.actions import import_plan
from nq57.reporting.actions import set_regimes
from nq57.reporting.models import Submission
from nq57.reporting.queries import area_of, reporting_units
from tests.conftest import ParsedPlanBuilder, World, make_task
from tests.reporting.conftest import DISTRICT3


def test_the_area_climbs_while_the_level_stays(world: World) -> None:
    assert area_of(world.d3_ppc.pk) == world.district3.pk
    assert area_of(world.d3_culture.pk) == world.d3_culture.pk  # a department is its own
    assert area_of(world.hcmc_ppc.pk) == world.hcmc.pk


def test_only_units_of_the_district_report_on_its_plan(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    parsed = parsed_plan(tasks=[
        make_task(number="1", coordinating="Sở Khoa học và Công nghệ"),
        make_task(number="2", lead="Các cơ quan, đơn vị", coordinating=None),
    ], indicators=[])  # fmt: skip
    plan = import_plan(parsed, source_name="91", source_bytes=b"91", actor=None, publish=True)
    set_regimes(plan=plan, regimes=[DISTRICT3], first=date(2025, 1, 1), last=date(2025, 6, 30),
                actor=None)  # fmt: skip
    assert list(Submission.objects.values_list("unit__name", flat=True)) == [
        "Phòng Văn hóa, Khoa học và Thông tin"
    ]
    found = reporting_units(plan)
    collective = Unit.objects.get(name="Các cơ quan, đơn vị")
    assert (found.collectives, found.outside) == ((collective.pk,), (world.dost.pk,))
    client = Client()
    client.force_login(world.importer)
    page = client.get(f"/ky-bao-cao/{plan.periods.get().pk}/").content.decode()
    assert "Không có báo cáo riêng" in page
    assert "Các cơ quan, đơn vị (chưa rõ gồm những đơn vị nào)" in page
    assert "Sở Khoa học và Công nghệ (ngoài địa bàn của cơ quan ban hành)" in page
