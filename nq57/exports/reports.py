"""Exporting a plan's consolidated report for a period: assemble it from approved reports,
write it as DOCX, XLSX or PDF, audit who exported it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from nq57.audit.actions import record
from nq57.cascade.report import with_lower_levels
from nq57.evaluation.consolidated import consolidated_report
from nq57.exports.actions import Actor
from nq57.exports.names import ExportName, report_name
from nq57.exports.report_docx import build_docx
from nq57.exports.report_model import ConsolidatedReport
from nq57.exports.report_pdf import build_pdf
from nq57.exports.report_xlsx import build_xlsx
from nq57.reporting.models import ReportingPeriod


class ReportFormat(StrEnum):
    DOCX = "docx"
    XLSX = "xlsx"
    PDF = "pdf"


CONTENT_TYPES = {
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ReportFormat.PDF: "application/pdf",
}
_WRITERS: dict[ReportFormat, Callable[[ConsolidatedReport], bytes]] = {
    ReportFormat.DOCX: build_docx,
    ReportFormat.XLSX: build_xlsx,
    ReportFormat.PDF: build_pdf,
}


@dataclass(frozen=True)
class ReportExport:
    period: ReportingPeriod
    content: bytes
    name: ExportName
    content_type: str


def export_report(
    *, period: ReportingPeriod, fmt: ReportFormat, actor: Actor, day: date | None = None
) -> ReportExport:
    """The consolidated report of `period` as it stands at the end of `day` (today by default).

    The caller decides whether `actor` may read every report of the plan; a writer that cannot
    produce the format raises `report_errors.ReportFormatError` (Vietnamese message)."""
    report = with_lower_levels(consolidated_report(period, day), period.plan)
    content = _WRITERS[fmt](report)
    record(
        actor=actor,
        action="exports.report_exported",
        obj=period,
        after={"format": fmt.value, "bytes": len(content), "day": report.header.day.isoformat()},
    )
    return ReportExport(period, content, report_name(period, fmt.value), CONTENT_TYPES[fmt])
