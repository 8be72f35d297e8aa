"""Checks on extracted records that a person should look at before the plan is published."""

from __future__ import annotations

from nq57.ingest.model import ParsedPlan, ParseWarning
from nq57.lib.deadlines import DeadlineKind, parse_deadline


def check_records(plan: ParsedPlan) -> list[ParseWarning]:
    found: list[ParseWarning] = []
    for task in plan.tasks:
        label = f"nhiệm vụ {task.number or '?'}" + (f" ({task.appendix})" if task.appendix else "")
        line = task.source.line_start
        if not task.lead:
            found.append(
                ParseWarning(
                    f"Nhiệm vụ {task.number or '?'} không có cơ quan chủ trì.", line, label
                )
            )
        if task.deadline and parse_deadline(task.deadline).kind is DeadlineKind.UNKNOWN:
            found.append(
                ParseWarning(
                    f"Không đọc được thời hạn «{task.deadline}» của nhiệm vụ {task.number or '?'}.",
                    line,
                    label,
                )
            )
        if not task.deadline:
            found.append(
                ParseWarning(f"Nhiệm vụ {task.number or '?'} không có thời hạn.", line, label)
            )
    for indicator in plan.indicators:
        label = f"chỉ tiêu {indicator.code or '?'}"
        if not indicator.targets:
            found.append(
                ParseWarning(
                    f"Chỉ tiêu {indicator.code or '?'} không có giá trị mục tiêu.",
                    indicator.source.line_start,
                    label,
                )
            )
    return found
