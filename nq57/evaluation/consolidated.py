"""The consolidated report of a plan for one period, assembled from approved unit reports.

Only approved versions count, as approved by the end of the report's day. Every sentence made
from data names its sources (the unit's report, version and line), listed at the end:

    I.   Kết quả thực hiện — per plan section: how its tasks stand, then what each unit did
    II.  Tồn tại, hạn chế — overdue tasks, the difficulties units reported
    III. Phương hướng (the units' next steps) and kiến nghị, đề xuất (their proposals)
    Phụ lục 1–3 — every task's status, every indicator's value and achievement (aggregated over
         units by the indicator's rule, against its next milestone, on the line from its first
         value), and whether each unit sent its report on time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from nq57.evaluation.queries import (
    IndicatorStanding,
    TaskStanding,
    counts,
    end_of,
    indicator_standing,
    plan_standing,
)
from nq57.evaluation.timeliness import Timeliness
from nq57.exports import report_model as m
from nq57.orgs.models import Unit
from nq57.plans.models import Plan
from nq57.reporting.models import IndicatorValue, ReportingPeriod, Submission, TaskUpdate
from nq57.reporting.queries import area_of

_TWO = Decimal("0.01")


@dataclass
class _Sources:
    """Numbered sources, each added once."""

    rows: list[m.Source] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)

    def number(self, text: str) -> int:
        if text not in self.seen:
            self.seen[text] = len(self.rows) + 1
            self.rows.append(m.Source(self.seen[text], text))
        return self.seen[text]

    def of_line(self, line: TaskUpdate | IndicatorValue, what: str) -> int:
        submission = line.submission
        approved = timezone.localtime(submission.approved_at) if submission.approved_at else None
        day = f", duyệt {approved:%d/%m/%Y}" if approved else ""
        return self.number(
            f"Báo cáo {submission.period.label} của {submission.unit.name} "
            f"(phiên bản {line.version}{day}), {what}"
        )


def consolidated_report(period: ReportingPeriod, day: date | None = None) -> m.ConsolidatedReport:
    """The report of `period`'s plan as the approved reports stand at the end of `day`."""
    day = day or timezone.localdate()
    plan = Plan.objects.select_related("issuer").get(pk=period.plan_id)
    approved = list(_approved(period, day))
    lines = _task_lines(approved)
    sources = _Sources()
    standing = plan_standing(plan.pk, day)
    return m.ConsolidatedReport(
        header=_header(plan, period, day),
        period=period.label,
        introduction=(_introduction(plan, period, day),),
        results=_results(standing, lines, sources),
        shortcomings=_shortcomings(standing, lines, approved, sources),
        directions=_narrative(approved, "next_steps", sources),
        proposals=_proposals(lines, approved, sources),
        tasks=tuple(_task_row(row, sources) for row in standing),
        indicators=_indicator_rows(plan, day, sources),
        compliance=_compliance(period),
        sources=tuple(sources.rows),
    )


def _approved(period: ReportingPeriod, day: date) -> list[Submission]:
    return list(
        Submission.objects.filter(
            period=period, approved_version__isnull=False, approved_at__lt=end_of(day)
        )
        .select_related("unit", "period")
        .order_by("unit__name")
    )


def _task_lines(approved: list[Submission]) -> dict[int, list[TaskUpdate]]:
    found: dict[int, list[TaskUpdate]] = defaultdict(list)
    versions = {s.pk: s.approved_version for s in approved}
    rows = TaskUpdate.objects.filter(submission__in=approved).select_related(
        "submission__unit", "submission__period", "task"
    )
    for line in rows.order_by("task__order", "-role", "submission__unit__name"):
        if versions[line.submission_id] == line.version:
            found[line.task_id].append(line)
    return found


# --- header and introduction ------------------------------------------------------------------


def _header(plan: Plan, period: ReportingPeriod, day: date) -> m.Header:
    issuer = plan.issuer
    parent = issuer.parent
    # a department's parent body (Ủy ban nhân dân Quận 3); a People's Committee stands alone
    parent_body = parent.name.upper() if parent and parent.level != issuer.level else ""
    body = issuer.name
    place = Unit.objects.get(pk=area_of(issuer.pk)).name
    place = re.sub(r"^Ủy ban nhân dân\s+", "", place, flags=re.IGNORECASE)
    return m.Header(
        parent_body=parent_body,
        body=body.upper(),
        number=f"Số:        /BC-{_symbol(body)}",
        place=place[:1].upper() + place[1:],
        day=day,
        kind="BÁO CÁO",
        summary=f"Kết quả thực hiện {_plan_name(plan)}, kỳ {period.label}",
        recipients=("- Như trên;", f"- Lưu: VT, {_symbol(body)}."),
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" if _symbol(body) == "UBND" else "THỦ TRƯỞNG",
    )


def _symbol(body: str) -> str:
    """The issuer's abbreviation in a document symbol: 'UBND', 'VHKHTT' (initials)."""
    if body.lower().startswith("ủy ban nhân dân"):
        return "UBND"
    words = re.sub(r"^(Phòng|Sở|Ban|Văn phòng)\s+", "", body).replace(",", " ").split()
    initials = "".join(w[0] for w in words if w.lower() not in ("và", "của") and w[0].isalpha())
    return initials.upper()[:10] or "BC"


def _plan_name(plan: Plan) -> str:
    number = f"số {plan.number}" if plan.number else "(chưa có số)"
    issued = f" ngày {plan.issue_date:%d/%m/%Y}" if plan.issue_date else ""
    return f"Kế hoạch {number}{issued} của {plan.issuer.name}"


def _introduction(plan: Plan, period: ReportingPeriod, day: date) -> m.Sentence:
    everyone = Submission.objects.filter(period=period)
    sent = everyone.exclude(status__in=Submission.OPEN).count()
    approved = everyone.filter(approved_at__lt=end_of(day)).count()
    return m.Sentence(
        f"Thực hiện {_plan_name(plan)}, trên cơ sở báo cáo của các đơn vị ({sent}/"
        f"{everyone.count()} đơn vị đã gửi, {approved} báo cáo đã được duyệt đến ngày "
        f"{day:%d/%m/%Y}), kết quả thực hiện {period.label} như sau:"
    )


# --- I, II, III -------------------------------------------------------------------------------


def _results(
    standing: list[TaskStanding], lines: dict[int, list[TaskUpdate]], sources: _Sources
) -> tuple[m.Section, ...]:
    groups: dict[str, list[TaskStanding]] = defaultdict(list)
    for row in standing:
        section = row.task.section
        title = " ".join(p for p in (section.code, section.title) if p) if section else ""
        title = title or (section.appendix if section else "") or "Các nhiệm vụ"
        groups[title].append(row)
    return tuple(
        m.Section(title=title, sentences=(_tally(rows), *_done_sentences(rows, lines, sources)))
        for title, rows in groups.items()
    )


def _tally(rows: list[TaskStanding]) -> m.Sentence:
    tally = counts(rows)
    parts = [f"{tally[t]} {t.label.lower()}" for t in Timeliness if tally[t]]
    return m.Sentence(f"Có {len(rows)} nhiệm vụ: " + ", ".join(parts) + ".")


def _done_sentences(
    rows: list[TaskStanding], lines: dict[int, list[TaskUpdate]], sources: _Sources
) -> list[m.Sentence]:
    found = []
    for row in rows:
        for line in lines.get(row.task.pk, []):
            if line.done.strip():
                number = sources.of_line(line, f"nhiệm vụ {row.task.number or row.task.pk}")
                text = (
                    f"{line.submission.unit.name} (nhiệm vụ {row.task.number}): {_end(line.done)}"
                )
                found.append(m.Sentence(text, (number,)))
    return found


def _shortcomings(
    standing: list[TaskStanding],
    lines: dict[int, list[TaskUpdate]],
    approved: list[Submission],
    sources: _Sources,
) -> tuple[m.Sentence, ...]:
    late = [row for row in standing if row.timeliness is Timeliness.OVERDUE]
    found = []
    if late:
        named = "; ".join(f"{row.task.number}. {row.task.name[:80]}" for row in late[:10])
        more = f" và {len(late) - 10} nhiệm vụ khác" if len(late) > 10 else ""
        found.append(
            m.Sentence(f"Còn {len(late)} nhiệm vụ quá hạn chưa hoàn thành: {named}{more}.")
        )
    for task_lines in lines.values():
        for line in task_lines:
            if line.difficulties.strip():
                number = sources.of_line(line, f"nhiệm vụ {line.task.number}, khó khăn")
                found.append(m.Sentence(f"{line.submission.unit.name}: {_end(line.difficulties)}",
                                        (number,)))  # fmt: skip
    return tuple(found) + _narrative(approved, "difficulties", sources)


def _narrative(approved: list[Submission], part: str, sources: _Sources) -> tuple[m.Sentence, ...]:
    labels = {"difficulties": "khó khăn", "next_steps": "nhiệm vụ kỳ tới", "proposals": "kiến nghị"}
    found = []
    for submission in approved:
        text = submission.narrative(submission.approved_version).get(part, "").strip()
        if text:
            number = sources.number(
                f"Báo cáo {submission.period.label} của {submission.unit.name} (phiên bản "
                f"{submission.approved_version}), phần đánh giá chung: {labels[part]}"
            )
            found.append(m.Sentence(f"{submission.unit.name}: {_end(text)}", (number,)))
    return tuple(found)


def _proposals(
    lines: dict[int, list[TaskUpdate]], approved: list[Submission], sources: _Sources
) -> tuple[m.Sentence, ...]:
    found = []
    for task_lines in lines.values():
        for line in task_lines:
            if line.proposals.strip():
                number = sources.of_line(line, f"nhiệm vụ {line.task.number}, đề xuất")
                found.append(m.Sentence(f"{line.submission.unit.name}: {_end(line.proposals)}",
                                        (number,)))  # fmt: skip
    return tuple(found) + _narrative(approved, "proposals", sources)


def _end(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", ";", ":")) else text + "."


# --- appendices -------------------------------------------------------------------------------


def _task_row(row: TaskStanding, sources: _Sources) -> m.TaskRow:
    status = row.timeliness.label
    if row.percent is not None and row.timeliness not in (
        Timeliness.DONE_ON_TIME,
        Timeliness.DONE_LATE,
    ):
        status += f" ({row.percent}%)"
    done = [line.done.strip() for line in row.lines if line.done.strip()]
    numbers = tuple(sources.of_line(line, f"nhiệm vụ {row.task.number}") for line in row.lines)
    return m.TaskRow(
        number=row.task.number,
        name=row.task.name,
        lead=row.task.lead_text,
        deadline=row.task.deadline_raw or row.task.get_deadline_kind_display(),
        status=status,
        result=" ".join(done)[:600],
        sources=numbers,
    )


def _indicator_rows(plan: Plan, day: date, sources: _Sources) -> tuple[m.IndicatorRow, ...]:
    return tuple(_indicator_row(row, sources) for row in indicator_standing(plan.pk, day))


def _indicator_row(row: IndicatorStanding, sources: _Sources) -> m.IndicatorRow:
    indicator, result = row.indicator, row.result
    target = f"{result.milestone.target.raw} ({result.milestone.label})" if result.milestone else ""
    numbers = tuple(
        sources.of_line(value, f"chỉ tiêu {indicator.code or indicator.pk}") for value in row.lines
    )
    return m.IndicatorRow(
        code=indicator.code,
        name=indicator.name,
        measure_unit=indicator.measure_unit,
        target=target,
        value=row.value_label,
        achievement=result.status.label,
        sources=numbers,
    )


def _compliance(period: ReportingPeriod) -> tuple[m.ComplianceRow, ...]:
    rows = []
    submissions = Submission.objects.filter(period=period).select_related("unit", "period")
    for submission in submissions.order_by("unit__name"):
        sent = submission.first_submitted_at
        if sent is None:
            status = "Chưa gửi"
        else:
            late = submission.days_late()
            status = f"Trễ {late} ngày" if late else "Đúng hạn"
        when = f"{timezone.localtime(sent):%d/%m/%Y %H:%M}" if sent else ""
        rows.append(m.ComplianceRow(submission.unit.name, status, when))
    return tuple(rows)
