"""The `nq57` command.

    nq57 parse FILE [--json]          read a plan file and print what was extracted (no database)
    nq57 import FILE [--replace] [--draft]
                                      store a plan (refuses a second import of the same file)
    nq57 demo                         load the five seed plans into an empty database
    nq57 export PLAN_ID [--format json|xlsx] [-o FILE]
                                      write a stored plan as JSON (gold schema + ids) or XLSX
    nq57 manage ARGS…                 any Django management command (migrate, createsuperuser…)

Exit codes: 0 success, 2 the input was refused (message in Vietnamese on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from nq57.ingest import IngestError, ParsedPlan, parse_bytes

EXIT_REFUSED = 2


def _read(path: str) -> bytes:
    file = Path(path)
    if not file.is_file():
        raise IngestError(f"Không tìm thấy tệp «{path}».")
    from nq57.ingest.encoding import check_size

    check_size(file.stat().st_size)
    return file.read_bytes()


def plan_to_json(plan: ParsedPlan) -> dict[str, Any]:
    """The gold schema (document / indicators / tasks) plus per-record parsed extras."""
    from nq57.lib.deadlines import parse_deadline
    from nq57.lib.targets import parse_target
    from nq57.orgs.names import split_assignment

    def units(lead: str | None, coordinating: str | None) -> dict[str, list[str]]:
        leads, coords = split_assignment(lead, coordinating)
        return {
            "lead_units": [m.name for m in leads],
            "coordinating_units": [m.name for m in coords],
        }

    indicators = []
    for indicator in plan.indicators:
        row = asdict(indicator)
        row["targets_parsed"] = {
            key: parse_target(raw, indicator.unit).to_dict()
            for key, raw in indicator.targets.items()
        }
        row.update(units(indicator.lead, indicator.coordinating))
        indicators.append(row)
    tasks = []
    for task in plan.tasks:
        row = asdict(task)
        row["deadline_parsed"] = parse_deadline(task.deadline).to_dict()
        row.update(units(task.lead, task.coordinating))
        tasks.append(row)
    return {
        "document": asdict(plan.document),
        "indicators": indicators,
        "tasks": tasks,
        "warnings": [asdict(w) for w in plan.warnings],
        "parser": plan.parser,
    }


def _summary(plan: ParsedPlan) -> str:
    from nq57.ingest.document import LEVEL_LABELS

    doc = plan.document
    issued = "/".join(reversed(doc.date.split("-"))) if doc.date else "(chưa có)"
    level = LEVEL_LABELS.get(doc.level or "", "(chưa rõ)")
    lines = [
        f"Văn bản: {doc.number or '(chưa có số)'} — {doc.issuer or '(chưa rõ cơ quan ban hành)'}",
        f"Ngày: {issued} · Cấp: {level}",
        f"Trích yếu: {doc.title or '(không có)'}",
        f"Căn cứ: {', '.join(doc.bases) or '(không có)'}",
        f"Chỉ tiêu: {len(plan.indicators)} · Nhiệm vụ: {len(plan.tasks)}",
    ]
    if plan.warnings:
        lines.append(f"Cảnh báo ({len(plan.warnings)}):")
        lines += [f"  - {w.message}" for w in plan.warnings]
    return "\n".join(lines)


def cmd_parse(args: argparse.Namespace) -> int:
    plan = parse_bytes(_read(args.file), Path(args.file).name)
    if args.json:
        json.dump(plan_to_json(plan), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(_summary(plan))
    return 0


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nq57.settings")
    import django

    django.setup()


def cmd_import(args: argparse.Namespace) -> int:
    data = _read(args.file)
    plan = parse_bytes(data, Path(args.file).name)
    _django()
    from nq57.plans.actions import DuplicatePlanError, import_plan

    try:
        stored = import_plan(
            plan,
            source_name=Path(args.file).name,
            source_bytes=data,
            actor=None,
            replace=args.replace,
            publish=not args.draft,
            parser=plan.parser,
        )
    except DuplicatePlanError as error:
        raise IngestError(error.message) from error
    print(
        f"Đã nhập kế hoạch #{stored.pk} «{stored.number or stored.title[:60]}»: "
        f"{len(plan.tasks)} nhiệm vụ, {len(plan.indicators)} chỉ tiêu, "
        f"{len(plan.warnings)} cảnh báo."
    )
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    from nq57.plans.demo import load_demo

    plans = load_demo(stdout=sys.stdout)
    print(
        f"Dữ liệu mẫu: {len(plans)} kế hoạch đã nạp." if plans else "Cơ sở dữ liệu đã có dữ liệu."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _django()
    from nq57.exports.actions import ExportFormat, export_plan
    from nq57.plans.models import Plan

    try:
        export = export_plan(plan_id=args.plan_id, fmt=ExportFormat(args.format), actor=None)
    except Plan.DoesNotExist:
        print(f"Lỗi: Không tìm thấy kế hoạch #{args.plan_id}.", file=sys.stderr)
        return EXIT_REFUSED
    if args.output == "-":
        sys.stdout.buffer.write(export.content)
        return 0
    path = Path(args.output or export.name.ascii)
    path.write_bytes(export.content)
    print(f"Đã xuất kế hoạch #{export.plan.pk} ra tệp {path} ({len(export.content)} byte).")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nq57", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nq57", description="Theo dõi, đánh giá thực hiện kế hoạch."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    parse = sub.add_parser("parse", help="đọc tệp kế hoạch và in kết quả trích xuất")
    parse.add_argument("file")
    parse.add_argument("--json", action="store_true", help="in JSON theo lược đồ gold")
    parse.set_defaults(func=cmd_parse)
    imp = sub.add_parser("import", help="nhập kế hoạch vào cơ sở dữ liệu")
    imp.add_argument("file")
    imp.add_argument("--replace", action="store_true", help="thay thế lần nhập trước của cùng tệp")
    imp.add_argument("--draft", action="store_true", help="lưu ở trạng thái dự thảo")
    imp.set_defaults(func=cmd_import)
    demo = sub.add_parser("demo", help="nạp năm kế hoạch mẫu vào cơ sở dữ liệu trống")
    demo.set_defaults(func=cmd_demo)
    export = sub.add_parser("export", help="xuất kế hoạch ra tệp JSON hoặc XLSX")
    export.add_argument("plan_id", type=int, metavar="PLAN_ID")
    export.add_argument("--format", choices=["json", "xlsx"], default="json", help="mặc định json")
    export.add_argument(
        "-o", "--output", metavar="FILE", help="tệp ra (mặc định theo số kế hoạch; '-' = stdout)"
    )
    export.set_defaults(func=cmd_export)
    manage = sub.add_parser("manage", help="lệnh quản trị Django (migrate, createsuperuser, …)")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except IngestError as error:
        print(f"Lỗi: {error.message}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
