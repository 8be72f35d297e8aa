"""`nq57 audit`: the audit log on the command line, filtered like the web page; every `nq57`
run has its own request id ('cli-…') in the rows it writes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import time_machine

from nq57.audit.actions import record
from nq57.audit.context import current_request_id, request_scope
from nq57.audit.models import AuditEvent
from nq57.cli import main
from nq57.orgs.unit_actions import rename_unit
from nq57.plans.models import Plan
from tests.conftest import World

SMALL_SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "003_0cade81ef0ffbb41.txt"


def _history(world: World) -> None:
    with time_machine.travel("2025-05-20 09:00:05 +0700", tick=False), request_scope("req-rename"):
        rename_unit(unit=world.d3_culture, name="Phòng Văn hóa và Thông tin", actor=world.importer)
    with time_machine.travel("2025-05-21 14:30:00 +0700", tick=False), request_scope("req-confirm"):
        record(
            actor=world.admin,
            action="orgs.unit_confirmed",
            obj=world.cu_chi_ppc,
            before={"status": "needs_confirmation"},
            after={"status": "confirmed"},
        )
        record(actor=None, action="exports.units_exported", obj=None, after={"rows": 8})


def _actions(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    assert main(["audit", "--json", *args]) == 0
    return [json.loads(line)["action"] for line in capsys.readouterr().out.splitlines()]


def test_it_prints_one_json_object_per_event_newest_first(world: World, capsys) -> None:
    _history(world)
    assert main(["audit", "--json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    renamed = json.loads(lines[2])
    assert renamed == {
        "id": AuditEvent.objects.get(action="orgs.unit_renamed").pk,
        "at": "2025-05-20T09:00:05+07:00",
        "actor": "importer",
        "action": "orgs.unit_renamed",
        "object_type": "orgs.unit",
        "object_id": str(world.d3_culture.pk),
        "object_repr": "Phòng Văn hóa và Thông tin",
        "before": renamed["before"],
        "after": renamed["after"],
        "request_id": "req-rename",
    }
    assert (renamed["before"]["name"], renamed["after"]["name"]) == (
        "Phòng Văn hóa, Khoa học và Thông tin",
        "Phòng Văn hóa và Thông tin",
    )
    exported = json.loads(lines[0])
    assert (exported["actor"], exported["object_type"], exported["object_id"]) == (
        "hệ thống",
        None,
        "",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--actor", "importer"], ["orgs.unit_renamed"]),
        (["--action", "orgs.unit_confirmed"], ["orgs.unit_confirmed"]),
        (["--object-type", "orgs.unit"], ["orgs.unit_confirmed", "orgs.unit_renamed"]),
        (["--object-type", "orgs.unit", "--object-id", "{cu_chi}"], ["orgs.unit_confirmed"]),
        (["--since", "21/05/2025"], ["exports.units_exported", "orgs.unit_confirmed"]),
        (["--until", "2025-05-20"], ["orgs.unit_renamed"]),
        (["--request-id", "req-confirm"], ["exports.units_exported", "orgs.unit_confirmed"]),
        (["--text", "củ chi"], ["orgs.unit_confirmed"]),
        (["--limit", "1"], ["exports.units_exported"]),
    ],
)
def test_it_filters_like_the_web_page(world: World, capsys, args, expected) -> None:
    _history(world)
    args = [a.format(cu_chi=world.cu_chi_ppc.pk) for a in args]
    assert _actions(capsys, *args) == expected


def test_it_prints_one_readable_line_per_event(world: World, capsys) -> None:
    _history(world)
    assert main(["audit", "--action", "orgs.unit_renamed"]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"20/05/2025 09:00:05  importer  Đổi tên đơn vị (orgs.unit_renamed)  "
        f"orgs.unit#{world.d3_culture.pk} «Phòng Văn hóa và Thông tin»  [req-rename]\n"
    )


def test_it_says_so_when_nothing_matches(world: World, capsys) -> None:
    assert main(["audit", "--actor", "khong_co_ai"]) == 0
    assert capsys.readouterr().out == "Không có sự kiện nào khớp bộ lọc.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--since", "32/13/2025"],
            "Lỗi: Ngày không hợp lệ «32/13/2025»; viết dd/mm/yyyy hoặc yyyy-mm-dd.\n",
        ),
        (["--object-type", "orgs"], "Lỗi: Loại đối tượng viết dạng app.model, ví dụ orgs.unit.\n"),
        (["--object-type", "khong.co"], "Lỗi: Không có loại đối tượng «khong.co».\n"),
        (["--limit", "0"], "Lỗi: --limit phải là số nguyên dương.\n"),
    ],
)
def test_bad_filters_are_refused_in_vietnamese(world: World, capsys, args, message) -> None:
    assert main(["audit", *args]) == 2
    assert capsys.readouterr().err == message


@pytest.mark.django_db
def test_each_run_of_the_command_has_its_own_request_id(capsys) -> None:
    assert main(["import", str(SMALL_SEED)]) == 0
    assert main(["export", str(Plan.objects.get().pk), "-o", "-"]) == 0
    imported = AuditEvent.objects.get(action="plans.plan_imported").request_id
    exported = AuditEvent.objects.get(action="exports.plan_exported").request_id
    assert re.fullmatch(r"cli-[0-9a-f]{32}", imported) and re.fullmatch(
        r"cli-[0-9a-f]{32}", exported
    )
    assert imported != exported
    assert current_request_id() == ""
