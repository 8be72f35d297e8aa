"""`nq57 export PLAN_ID --format json|xlsx -o FILE`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from nq57.audit.models import AuditEvent
from nq57.cli import main
from nq57.plans.models import Plan
from tests.exports.helpers import SEEDS, import_seed

SMALL_SEED = next(seed for seed in SEEDS if seed.name.startswith("003"))


@pytest.fixture
def plan(db: None) -> Plan:
    return import_seed(SMALL_SEED)


def test_it_writes_the_xlsx_to_the_given_file_and_audits_it(
    plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ke-hoach.xlsx"
    assert main(["export", str(plan.pk), "--format", "xlsx", "-o", str(target)]) == 0
    size = target.stat().st_size
    assert capsys.readouterr().out == (
        f"Đã xuất kế hoạch #{plan.pk} ra tệp {target} ({size} byte).\n"
    )
    book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    assert book["Chỉ tiêu"].max_row == 1 + plan.indicators.count()
    event = AuditEvent.objects.get(action="exports.plan_exported")
    assert (event.actor_label, event.object_id, event.after) == (
        "hệ thống",
        str(plan.pk),
        {"format": "xlsx", "bytes": size},
    )


def test_it_names_the_file_after_the_plan_number_by_default(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(plan.pk)]) == 0
    data = json.loads((tmp_path / "ke-hoach-459-KH-TU.json").read_text(encoding="utf-8"))
    assert (data["document"]["id"], data["document"]["number"]) == (plan.pk, "459-KH/TU")


def test_it_writes_json_to_stdout_with_a_dash(
    plan: Plan, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["export", str(plan.pk), "--format", "json", "-o", "-"]) == 0
    data = json.loads(capsysbinary.readouterr().out.decode("utf-8"))
    assert data["document"]["number"] == "459-KH/TU"
    assert len(data["indicators"]) == plan.indicators.count()


def test_an_unknown_plan_is_refused_with_exit_code_2_and_nothing_recorded(
    plan: Plan, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = AuditEvent.objects.count()
    target = tmp_path / "x.json"
    assert main(["export", str(plan.pk + 1), "-o", str(target)]) == 2
    assert capsys.readouterr().err == f"Lỗi: Không tìm thấy kế hoạch #{plan.pk + 1}.\n"
    assert not target.exists()
    assert AuditEvent.objects.count() == before
