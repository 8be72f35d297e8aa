"""The JSON export: the gold schema plus identifiers, scored like the parser's output."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from nq57.exports.plan_json import SCHEMA, plan_json, plan_json_bytes
from nq57.ingest import parse_bytes
from nq57.orgs.models import Unit
from nq57.plans.models import Plan
from nq57.plans.queries import plan_detail
from tests.conftest import ParsedPlanBuilder, World
from tests.exports.helpers import FIXTURES, SEEDS, district3_plan, import_seed
from tests.scoring import score

GOLD_TASK = ["appendix", "section", "section_title", "number", "name", "lead", "coordinating"]
GOLD_TASK += ["deadline", "output"]
GOLD_INDICATOR = ["appendix", "group", "code", "name", "unit", "targets", "lead"]
GOLD_INDICATOR += ["coordinating", "output"]


def exported(plan: Plan) -> dict[str, Any]:
    """The export as another system reads it: bytes decoded as JSON."""
    data: dict[str, Any] = json.loads(plan_json_bytes(plan_detail(plan.pk)).decode("utf-8"))
    return data


def unit_ref(name: str, as_printed: str | None = None) -> dict[str, Any]:
    unit = Unit.objects.get(name=name)
    return {
        "id": unit.pk,
        "name": name,
        "as_printed": as_printed or name,
        "needs_confirmation": unit.status == Unit.Status.NEEDS_CONFIRMATION,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_export_of_each_seed_scores_as_the_parser_output(seed: Path) -> None:
    """Import, export, score against gold (≥ 0.99).

    Every gold field of every record (the scorer's inputs) equals the parser's, in the same
    order, so the score equals the parser output's score; comparing the fields instead of
    scoring the parser output a second time halves the time (the scorer is the slow part).
    """
    parsed = parse_bytes(seed.read_bytes(), seed.name)
    data = exported(import_seed(seed))
    assert project(data["tasks"], GOLD_TASK) == project(_dicts(parsed.tasks), GOLD_TASK)
    assert project(data["indicators"], GOLD_INDICATOR) == project(
        _dicts(parsed.indicators), GOLD_INDICATOR
    )
    header = asdict(parsed.document)
    for field in ("number", "date", "level", "title", "bases", "issuer"):
        assert data["document"][field] == header[field], field
    gold = json.loads((FIXTURES / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    result = score(gold, data)
    assert result["score"] >= 0.99, json.dumps(result, ensure_ascii=False)


def project(records: list[dict[str, Any]], fields: list[str]) -> list[dict[str, Any]]:
    return [{field: record[field] for field in fields} for record in records]


def _dicts(records: list[Any]) -> list[dict[str, Any]]:
    return [asdict(record) for record in records]


def test_it_exports_the_document_header_with_identifiers(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    data = exported(plan)
    assert list(data) == ["schema", "document", "indicators", "tasks"]
    assert data["schema"] == SCHEMA == "nq57.plan-export/1"
    assert data["document"] == {
        "id": plan.pk,
        "file": "91.docx",
        "number": "91/KH-UBND",
        "issuer": "Ủy ban nhân dân Quận 3",
        "issuer_id": world.d3_ppc.pk,
        "date": "2025-03-24",
        "level": "district",
        "title": "Triển khai thực hiện Chương trình hành động số 63-CTrHĐ/TU",
        "bases": ["Nghị quyết số 57-NQ/TW", "63-CTrHĐ/TU"],
        "references": [
            {"number": "Nghị quyết số 57-NQ/TW", "plan_id": None},
            {"number": "63-CTrHĐ/TU", "plan_id": None},
        ],
        "status": "published",
        "source_sha256": plan.source_sha256,
    }


def test_it_exports_a_task_with_its_parsed_deadline_and_unit_ids(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    first, second = exported(plan)["tasks"]
    assert [first["id"], second["id"]] == list(plan.tasks.values_list("pk", flat=True))
    assert first["deadline_parsed"] == {
        "kind": "period_end",
        "label": "Cuối kỳ",
        "due": "2025-06-30",
        "start": None,
        "recurrence": None,
        "trigger": None,
    }
    assert first["lead_units"] == [unit_ref("Phòng Văn hóa, Khoa học và Thông tin")]
    assert first["lead_units"][0]["id"] == world.d3_culture.pk
    assert first["coordinating_units"] == [
        unit_ref("Ban Tuyên giáo và Dân vận Quận ủy"),
        unit_ref("Trung tâm Chính trị Quận 3"),
    ]
    assert second == {
        "id": second["id"],
        "appendix": "Phụ lục II",
        "section": "II",
        "section_title": "Phát triển hạ tầng số",
        "number": "2",
        "name": "=SUM(A1:A9) không phải công thức",
        "lead": "Phòng Tư pháp",
        "coordinating": None,
        "deadline": "Thường xuyên",
        "output": None,
        "deadline_parsed": {
            "kind": "ongoing",
            "label": "Thường xuyên",
            "due": None,
            "start": None,
            "recurrence": None,
            "trigger": None,
        },
        "lead_units": [unit_ref("Phòng Tư pháp") | {"needs_confirmation": True}],
        "coordinating_units": [],
        "extras": {},
        "source": {"appendix": "Phụ lục II", "row": 1, "line_start": 120, "line_end": 124},
    }


def test_it_exports_an_indicator_with_raw_and_parsed_targets(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    first, second = exported(plan)["indicators"]
    office = unit_ref("Văn phòng Ủy ban nhân dân Quận", as_printed="Văn phòng UBND Quận")
    assert first["lead_units"] == [office]
    assert first["targets_parsed"]["2030"]["label"] == "≥ 80%"
    assert second == {
        "id": plan.indicators.get(code="1.2").pk,
        "appendix": "Phụ lục I",
        "group": "I Đến năm 2030",
        "subgroup": None,
        "code": "1.2",
        "name": "Xếp hạng chỉ số chuyển đổi số",
        "unit": None,
        "targets": {"2025": "≥ 60", "Kết quả": "Tiên tiến, hiện đại"},
        "lead": "Phòng Văn hóa, Khoa học và Thông tin",
        "coordinating": None,
        "output": None,
        "targets_parsed": {
            "2025": {
                "raw": "≥ 60",
                "comparator": "ge",
                "value": "60",
                "value_max": None,
                "measure_unit": None,
                "qualifier": None,
                "text": None,
                "label": "≥ 60",
            },
            "Kết quả": {
                "raw": "Tiên tiến, hiện đại",
                "comparator": "qualitative",
                "value": None,
                "value_max": None,
                "measure_unit": None,
                "qualifier": None,
                "text": "Tiên tiến, hiện đại",
                "label": "Tiên tiến, hiện đại",
            },
        },
        "lead_units": [unit_ref("Phòng Văn hóa, Khoa học và Thông tin")],
        "coordinating_units": [],
        "extras": {},
        "source": {"appendix": "Phụ lục I", "row": 3, "line_start": 80, "line_end": 81},
    }


def test_it_writes_readable_utf8_not_escapes(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    text = plan_json_bytes(plan_detail(district3_plan(parsed_plan).pk)).decode("utf-8")
    assert '"issuer": "Ủy ban nhân dân Quận 3"' in text
    assert "\\u" not in text


def test_it_builds_from_the_loaded_plan_without_queries(
    world: World, parsed_plan: ParsedPlanBuilder, django_assert_num_queries: Any
) -> None:
    plan = plan_detail(district3_plan(parsed_plan).pk)
    with django_assert_num_queries(0):
        plan_json(plan)
