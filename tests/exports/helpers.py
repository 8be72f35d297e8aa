"""A small District 3 plan to export, and the seed plans imported as the CLI would."""

from __future__ import annotations

from pathlib import Path

from nq57.ingest import parse_bytes
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan
from tests.conftest import ParsedPlanBuilder, make_indicator, make_task

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def district3_plan(
    parsed_plan: ParsedPlanBuilder, *, publish: bool = True, number: str = "91/KH-UBND"
) -> Plan:
    """91/KH-UBND of Ủy ban nhân dân Quận 3: two tasks in two sections, two indicators.

    Task 1 is led by the world's Phòng Văn hóa, Khoa học và Thông tin (so `d3_officer`
    sees the plan once published); task 2's name looks like a spreadsheet formula.
    """
    tasks = [
        make_task(),
        make_task(
            section="II",
            section_title="Phát triển hạ tầng số",
            number="2",
            name="=SUM(A1:A9) không phải công thức",
            lead="Phòng Tư pháp",
            coordinating=None,
            deadline="Thường xuyên",
            output=None,
        ),
    ]
    indicators = [
        make_indicator(targets={"2030": "≥ 80"}),
        make_indicator(
            code="1.2",
            name="Xếp hạng chỉ số chuyển đổi số",
            unit=None,
            targets={"2025": "≥ 60", "Kết quả": "Tiên tiến, hiện đại"},
            lead="Phòng Văn hóa, Khoa học và Thông tin",
        ),
    ]
    return import_plan(
        parsed_plan(tasks=tasks, indicators=indicators, number=number),
        source_name="91.docx",
        source_bytes=number.encode(),
        actor=None,
        publish=publish,
    )


def import_seed(seed: Path) -> Plan:
    data = seed.read_bytes()
    return import_plan(
        parse_bytes(data, seed.name),
        source_name=seed.name,
        source_bytes=data,
        actor=None,
        publish=True,
    )
