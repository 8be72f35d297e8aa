"""A published District 3 plan with the 6-monthly regime of seed 001 and its 2025 periods.

People (besides `world`): `ward_officer` and `ward_head` (officer and leader of Ủy ban nhân dân
Phường Võ Thị Sáu, which coordinates task 1 and leads task 2); `d3_officer` writes the report
of Phòng Văn hóa, Khoa học và Thông tin (lead of task 1 and of the indicator); `importer` is the
standing office that reviews; `cu_chi_officer` has nothing to do with this plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from nq57.lib.regimes import Frequency, Regime
from nq57.orgs.models import Membership, Unit, User
from nq57.plans.actions import import_plan, publish_plan
from nq57.plans.models import Indicator, Plan, Task
from nq57.reporting.actions import set_regimes
from nq57.reporting.models import ReportingPeriod, Submission
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task

DISTRICT3 = Regime(Frequency.HALF_YEARLY, due_dates=((5, 15), (11, 5)))
WARD = "Ủy ban nhân dân Phường Võ Thị Sáu"


@dataclass
class Reporting:
    world: World
    plan: Plan
    ward: Unit
    ward_officer: User
    ward_head: User
    task1: Task  # lead: Phòng Văn hóa…; coordinating: the ward
    task2: Task  # lead: the ward
    indicator: Indicator  # lead: Phòng Văn hóa…
    first_half: ReportingPeriod  # due 15/05/2025 17:00
    second_half: ReportingPeriod  # due 05/11/2025 17:00

    def submission(self, unit: Unit, period: ReportingPeriod | None = None) -> Submission:
        return Submission.objects.get(unit=unit, period=period or self.first_half)


@pytest.fixture
def reporting(world: World, parsed_plan: ParsedPlanBuilder, **_: Any) -> Reporting:
    ward = Unit.objects.create(name=WARD, level=Unit.Level.COMMUNE, parent=world.district3)
    ward_officer = User.objects.create_user("ward_officer", password="pw", email="ward@example.vn")
    Membership.objects.create(user=ward_officer, unit=ward, role=Membership.Role.OFFICER)
    ward_head = User.objects.create_user("ward_head", password="pw", email="head@example.vn")
    Membership.objects.create(user=ward_head, unit=ward, role=Membership.Role.LEADER)
    world.d3_officer.email = "d3@example.vn"
    world.d3_officer.save()
    parsed = parsed_plan(
        tasks=[
            make_task(number="1", coordinating=WARD),
            make_task(number="2", name="Tổ chức hội nghị phổ biến Nghị quyết.", lead=WARD,
                      coordinating=None, deadline="Quý IV/2025"),
        ],
        indicators=[make_indicator(lead="Phòng Văn hóa, Khoa học và Thông tin")],
    )  # fmt: skip
    plan = import_plan(parsed, source_name="91", source_bytes=b"91", actor=None)
    publish_plan(plan=plan, actor=None)
    periods = set_regimes(
        plan=plan, regimes=[DISTRICT3], first=date(2025, 1, 1), last=date(2025, 12, 31),
        actor=world.importer,
    )  # fmt: skip
    return Reporting(
        world=world,
        plan=plan,
        ward=ward,
        ward_officer=ward_officer,
        ward_head=ward_head,
        task1=plan.tasks.get(number="1"),
        task2=plan.tasks.get(number="2"),
        indicator=plan.indicators.get(),
        first_half=periods[0],
        second_half=periods[1],
    )
