"""Each ward reports on what the plan gives 'Ủy ban nhân dân 10 phường'."""

from __future__ import annotations

from datetime import date

from nq57.orgs.models import Unit
from nq57.plans.actions import import_plan
from nq57.reporting.actions import set_regimes
from nq57.reporting.models import Submission
from nq57.reporting.queries import scope_of
from tests.conftest import ParsedPlanBuilder, World, make_task
from tests.reporting.conftest import DISTRICT3


def test_each_ward_gets_its_own_report_of_the_collectives_tasks(
    world: World, parsed_plan: ParsedPlanBuilder
):
    wards = [
        Unit.objects.create(name=f"Ủy ban nhân dân {n}", level=Unit.Level.COMMUNE,
                            parent=world.d3_ppc)
        for n in ("Phường 1", "Phường 2")
    ]  # fmt: skip
    parsed = parsed_plan(tasks=[
        make_task(number="1", coordinating="Ủy ban nhân dân 10 phường"),
        make_task(number="2", lead="Ủy ban nhân dân 10 phường", coordinating=None),
    ], indicators=[])  # fmt: skip
    plan = import_plan(parsed, source_name="91", source_bytes=b"91", actor=None, publish=True)
    set_regimes(plan=plan, regimes=[DISTRICT3], first=date(2025, 1, 1), last=date(2025, 6, 30),
                actor=None)  # fmt: skip
    units = sorted(Submission.objects.values_list("unit__name", flat=True))
    assert units == [
        "Phòng Văn hóa, Khoa học và Thông tin",
        "Ủy ban nhân dân Phường 1",
        "Ủy ban nhân dân Phường 2",
    ]
    scope = scope_of(plan.pk, wards[0].pk)
    numbers = {plan.tasks.get(pk=pk).number: role for pk, role in scope.tasks.items()}
    assert numbers == {"1": "coordinating", "2": "lead"}
