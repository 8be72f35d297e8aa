"""The `nq57` command.

    nq57 parse FILE [--json]          read a plan file and print what was extracted (no database)
    nq57 import FILE [--replace] [--draft]
                                      store a plan (refuses a second import of the same file)
    nq57 demo                         load the five seed plans into an empty database
    nq57 export PLAN_ID [--format json|xlsx] [-o FILE]
                                      write a stored plan as JSON (gold schema + ids) or XLSX
    nq57 audit [--actor NAME] [--action CODE] [--object-type APP.MODEL] [--object-id ID]
               [--since DAY] [--until DAY] [--request-id ID] [--text TEXT] [--limit N] [--json]
                                      the audit log, newest first: one line (or JSON object) per
                                      event; days as dd/mm/yyyy or yyyy-mm-dd
    nq57 remind [--at "DD/MM/YYYY HH:MM"]
                                      reminders (for cron, e.g. every working day at 07:00): units
                                      that have not sent a report due soon, due today or overdue;
                                      one digest e-mail per person; idempotent
    nq57 report PLAN --period PERIOD [--format docx|xlsx|pdf] [--day DD/MM/YYYY] [-o FILE]
                                      the consolidated report of a plan (id or number) for a
                                      period (id or label, e.g. '6 tháng đầu năm 2025'), from
                                      the reports approved by the end of the day (today)
    nq57 suggest-links CHILD PARENT [--json]
                                      for each task and indicator of a lower plan, the upper
                                      plan's task (indicator) it localises, with a score and
                                      reasons; CHILD and PARENT are each a file, a bundled seed
                                      named by the start of its file name ('000'), or a stored
                                      plan by id or number
    nq57 manage ARGS…                 any Django management command (migrate, createsuperuser…)

Every run has its own request id ('cli-…'), kept in the audit rows it writes.

Exit codes: 0 success, 2 the input was refused (message in Vietnamese on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nq57.ingest import IngestError, ParsedPlan, parse_bytes

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from nq57.audit.models import AuditEvent
    from nq57.cascade.inputs import PlanItems
    from nq57.cascade.matching import Suggestion
    from nq57.plans.models import Plan

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


def cmd_audit(args: argparse.Namespace) -> int:
    _django()
    from nq57.audit.queries import AuditQueryError

    if args.limit < 1:
        return _refuse("--limit phải là số nguyên dương.")
    try:
        events = list(_audit_events(args)[: args.limit])
    except AuditQueryError as error:
        return _refuse(error.message)
    if not events and not args.json:
        print("Không có sự kiện nào khớp bộ lọc.")
    for event in events:
        if args.json:
            print(json.dumps(_audit_json(event), ensure_ascii=False))
        else:
            print(_audit_line(event))
    return 0


def _refuse(message: str) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return EXIT_REFUSED


def _audit_events(args: argparse.Namespace) -> QuerySet[AuditEvent]:
    from nq57.audit.queries import AuditFilter, object_type_named, parse_day, search_events

    wanted = AuditFilter(
        text=args.text or "",
        actor=args.actor or "",
        action=args.action or "",
        object_type=object_type_named(args.object_type) if args.object_type else None,
        object_id=args.object_id or "",
        since=parse_day(args.since) if args.since else None,
        until=parse_day(args.until) if args.until else None,
        request_id=args.request_id or "",
    )
    return search_events(wanted)


def _audit_json(event: AuditEvent) -> dict[str, Any]:
    from django.utils import timezone

    from nq57.audit.queries import object_type_name

    kind = event.object_type
    return {
        "id": event.pk,
        "at": timezone.localtime(event.at).isoformat(),
        "actor": event.actor_label,
        "action": event.action,
        "object_type": object_type_name(kind) if kind is not None else None,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "request_id": event.request_id,
    }


def _audit_line(event: AuditEvent) -> str:
    from django.utils import timezone

    from nq57.audit.queries import action_label, object_type_name

    label = action_label(event.action)
    what = f"{label} ({event.action})" if label != event.action else event.action
    kind = event.object_type
    target = f"{object_type_name(kind)}#{event.object_id} «{event.object_repr}»" if kind else "—"
    request = f"  [{event.request_id}]" if event.request_id else ""
    when = f"{timezone.localtime(event.at):%d/%m/%Y %H:%M:%S}"
    return f"{when}  {event.actor_label}  {what}  {target}{request}"


def cmd_remind(args: argparse.Namespace) -> int:
    _django()
    from datetime import datetime

    from django.utils import timezone

    from nq57.reporting.notify import remind

    at = None
    if args.at:
        try:
            at = timezone.make_aware(datetime.strptime(args.at.strip(), "%d/%m/%Y %H:%M"))
        except ValueError:
            return _refuse(f"--at «{args.at}» không hợp lệ; viết dạng «dd/mm/yyyy hh:mm».")
    result = remind(now=at)
    print(f"Đã tạo {result.notices} thông báo mới, gửi {result.mails} thư tổng hợp.")
    return 0


def cmd_rebuild_progress(args: argparse.Namespace) -> int:
    _django()
    from nq57.reporting.progress import rebuild

    written = rebuild()
    print(f"Đã tính lại tiến độ theo đơn vị chủ trì từ các báo cáo đã duyệt: {written} dòng.")
    return 0


def cmd_refresh_figures(args: argparse.Namespace) -> int:
    _django()
    from datetime import datetime, timedelta

    from django.utils import timezone

    from nq57.evaluation.figures import prune, refresh

    try:
        day = datetime.strptime(args.day, "%d/%m/%Y").date() if args.day else timezone.localdate()
    except ValueError:
        return _refuse(f"--day «{args.day}» không hợp lệ; viết dạng «dd/mm/yyyy».")
    if args.keep_days < 0:
        return _refuse("--keep-days phải là số nguyên không âm.")
    counted = refresh(day)
    pruned = prune(day - timedelta(days=args.keep_days))
    print(f"Đã tính số liệu ngày {day:%d/%m/%Y} cho {counted} kế hoạch; xóa {pruned} dòng cũ.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    _django()
    from datetime import datetime

    from nq57.exports.report_errors import ReportFormatError
    from nq57.exports.reports import ReportFormat, export_report

    period = _find_period(args.plan, args.period)
    if isinstance(period, str):
        return _refuse(period)
    try:
        day = datetime.strptime(args.day, "%d/%m/%Y").date() if args.day else None
    except ValueError:
        return _refuse(f"--day «{args.day}» không hợp lệ; viết dạng «dd/mm/yyyy».")
    try:
        export = export_report(period=period, fmt=ReportFormat(args.format), actor=None, day=day)
    except ReportFormatError as error:
        return _refuse(error.message)
    path = Path(args.output or export.name.ascii)
    path.write_bytes(export.content)
    print(f"Đã ghi báo cáo tổng hợp {period.label} ra tệp {path} ({len(export.content)} byte).")
    return 0


def _find_period(plan_text: str, period_text: str) -> Any:
    """The period named by the two arguments, or a Vietnamese refusal."""
    from django.db.models import Q

    from nq57.plans.models import Plan
    from nq57.reporting.models import ReportingPeriod

    match = Q(number__iexact=plan_text.strip())
    plans = Plan.objects.filter(match | Q(pk=int(plan_text)) if plan_text.isdigit() else match)
    if plans.count() != 1:
        return f"Không tìm thấy (hoặc có nhiều) kế hoạch «{plan_text}»."
    periods = ReportingPeriod.objects.filter(plan=plans.get()).select_related("plan")
    named = Q(label__iexact=period_text.strip())
    found = periods.filter(named | Q(pk=int(period_text)) if period_text.isdigit() else named)
    if found.count() != 1:
        labels = "; ".join(periods.order_by("due").values_list("label", flat=True)[:12])
        return f"Kế hoạch không có kỳ «{period_text}». Các kỳ: {labels or '(chưa có)'}."
    return found.get()


def cmd_suggest_links(args: argparse.Namespace) -> int:
    from nq57.cascade.matching import suggest_indicator_links, suggest_task_links

    child, parent = _plan_items(args.child), _plan_items(args.parent)
    tasks = suggest_task_links(child.tasks, parent.tasks)
    indicators = suggest_indicator_links(child.indicators, parent.indicators)
    if args.json:
        result = {
            "child": child.label,
            "parent": parent.label,
            "task_links": [_link_json(s, k) for k, s in enumerate(tasks, start=1)],
            "indicator_links": [_link_json(s, k) for k, s in enumerate(indicators, start=1)],
        }
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print(f"Kế hoạch cấp dưới: {child.label}")
    print(f"Kế hoạch cấp trên: {parent.label}")
    _print_links("NHIỆM VỤ", tasks, [t.text for t in child.tasks])
    _print_links("CHỈ TIÊU", indicators, [x.name for x in child.indicators])
    return 0


def _plan_items(text: str) -> PlanItems:
    """A file; else the one bundled seed whose name starts with `text`; else a stored plan by
    id or number (ký hiệu). Refused with a Vietnamese message otherwise."""
    from nq57.cascade.inputs import items_from_bytes, items_from_plan

    if Path(text).is_file():
        return items_from_bytes(_read(text), Path(text).name)
    _django()
    from nq57.plans.demo import SEEDS_DIR

    seeds = sorted(p for p in SEEDS_DIR.iterdir() if text and p.name.startswith(text))
    if len(seeds) > 1:
        names = ", ".join(seed.name for seed in seeds)
        raise IngestError(f"«{text}» ứng với nhiều kế hoạch mẫu: {names}.")
    if seeds:
        return items_from_bytes(seeds[0].read_bytes(), seeds[0].name)
    return items_from_plan(_stored_plan(text))


def _stored_plan(text: str) -> Plan:
    from django.db import DatabaseError
    from django.db.models import Q

    from nq57.lib.docnumbers import normalize_doc_number
    from nq57.plans.models import Plan

    match = Q(number__iexact=text.strip())
    if normalize_doc_number(text):
        match |= Q(normalized_number=normalize_doc_number(text))
    if text.strip().isdigit():
        match |= Q(pk=int(text))
    try:
        found = list(Plan.objects.filter(match).select_related("issuer")[:2])
    except DatabaseError:
        found = []
    if len(found) != 1:
        raise IngestError(
            f"Không tìm thấy (hoặc có nhiều) kế hoạch «{text}»: không phải tệp, kế hoạch mẫu, "
            "mã hay số, ký hiệu của kế hoạch đã nhập."
        )
    return found[0]


def _link_json(suggestion: Suggestion, position: int) -> dict[str, Any]:
    index = suggestion.parent_index
    return {
        "child_number": suggestion.child_number,
        "parent_number": suggestion.parent_number,
        "score": suggestion.score,
        "reasons": list(suggestion.reasons),
        "alternatives": [
            {"parent_number": number, "score": score, "parent_position": k + 1}
            for (number, score), k in zip(
                suggestion.alternatives, suggestion.alternative_indices, strict=True
            )
        ],
        "child_position": position,
        "parent_position": None if index is None else index + 1,
    }


def _print_links(title: str, links: list[Suggestion], texts: list[str]) -> None:
    from nq57.lib.vntext import collapse_ws

    linked = sum(s.parent_number is not None for s in links)
    print(
        f"\n{title}: {len(links)}, {linked} có tương ứng ở cấp trên, {len(links) - linked} không có"
    )
    if links:
        print(f"{'Số':<6} {'Cấp trên':<9} {'Điểm':<5} Nội dung cấp dưới")
    for suggestion, text in zip(links, texts, strict=True):
        score = f"{suggestion.score:.2f}".replace(".", ",")
        short = collapse_ws(text)
        short = short if len(short) <= 80 else short[:79] + "…"
        print(
            f"{suggestion.child_number:<6} {suggestion.parent_number or '—':<9} {score:<5} {short}"
        )
        for reason in suggestion.reasons:
            print(f"{'':22}· {reason}")
        if suggestion.alternatives:
            others = ", ".join(
                f"{n} ({f'{s:.2f}'.replace('.', ',')})" for n, s in suggestion.alternatives
            )
            print(f"{'':22}· Khác: {others}")


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
    _add_audit(sub)
    remind = sub.add_parser("remind", help="nhắc các đơn vị chưa gửi báo cáo (chạy hằng ngày)")
    remind.add_argument(
        "--at", metavar="DD/MM/YYYY HH:MM", help="thời điểm tính (mặc định: bây giờ)"
    )
    remind.set_defaults(func=cmd_remind)
    rebuild = sub.add_parser(
        "rebuild-progress",
        help="tính lại tiến độ theo đơn vị chủ trì từ các báo cáo đã duyệt (sau khi nạp dữ liệu)",
    )
    rebuild.set_defaults(func=cmd_rebuild_progress)
    figures = sub.add_parser(
        "refresh-figures",
        help="tính trước số liệu trong ngày cho bảng điều khiển (chạy hằng đêm, sau 0 giờ)",
    )
    figures.add_argument("--day", metavar="DD/MM/YYYY", help="ngày tính (mặc định hôm nay)")
    figures.add_argument(
        "--keep-days",
        type=int,
        default=60,
        metavar="N",
        help="giữ số liệu đã tính của N ngày trước (mặc định 60)",
    )
    figures.set_defaults(func=cmd_refresh_figures)
    report = sub.add_parser("report", help="xuất báo cáo tổng hợp của một kỳ (DOCX, XLSX, PDF)")
    report.add_argument("plan", metavar="PLAN", help="mã hoặc số, ký hiệu kế hoạch")
    report.add_argument("--period", required=True, help="mã hoặc tên kỳ báo cáo")
    report.add_argument("--format", choices=["docx", "xlsx", "pdf"], default="docx")
    report.add_argument("--day", metavar="DD/MM/YYYY", help="tính đến hết ngày (mặc định hôm nay)")
    report.add_argument("-o", "--output", metavar="FILE", help="tệp ra")
    report.set_defaults(func=cmd_report)
    links = sub.add_parser(
        "suggest-links",
        help="gợi ý nhiệm vụ, chỉ tiêu cấp trên mà kế hoạch cấp dưới cụ thể hóa",
    )
    links.add_argument("child", metavar="CHILD", help="kế hoạch cấp dưới: tệp, mẫu, mã hoặc số")
    links.add_argument("parent", metavar="PARENT", help="kế hoạch cấp trên: tệp, mẫu, mã hoặc số")
    links.add_argument("--json", action="store_true", help="in JSON")
    links.set_defaults(func=cmd_suggest_links)
    manage = sub.add_parser("manage", help="lệnh quản trị Django (migrate, createsuperuser, …)")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def _add_audit(sub: Any) -> None:
    audit = sub.add_parser("audit", help="xem nhật ký thay đổi (mới nhất trước)")
    audit.add_argument("--actor", metavar="NAME", help="tên đăng nhập người thực hiện")
    audit.add_argument("--action", metavar="CODE", help="mã hành động, ví dụ orgs.unit_renamed")
    audit.add_argument("--object-type", metavar="APP.MODEL", help="loại đối tượng, ví dụ orgs.unit")
    audit.add_argument("--object-id", metavar="ID", help="mã đối tượng")
    audit.add_argument("--since", metavar="DAY", help="từ ngày (dd/mm/yyyy hoặc yyyy-mm-dd)")
    audit.add_argument("--until", metavar="DAY", help="đến hết ngày (dd/mm/yyyy hoặc yyyy-mm-dd)")
    audit.add_argument("--request-id", metavar="ID", help="mã yêu cầu")
    audit.add_argument("--text", help="tìm trong đối tượng, người, hành động, mã yêu cầu")
    audit.add_argument("--limit", type=int, default=50, help="số sự kiện tối đa (mặc định 50)")
    audit.add_argument("--json", action="store_true", help="mỗi sự kiện một dòng JSON")
    audit.set_defaults(func=cmd_audit)


def main(argv: list[str] | None = None) -> int:
    from nq57.audit.context import new_request_id, request_scope

    args = build_parser().parse_args(argv)
    try:
        with request_scope(new_request_id("cli-")):
            return int(args.func(args))
    except IngestError as error:
        print(f"Lỗi: {error.message}", file=sys.stderr)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
