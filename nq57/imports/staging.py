"""Between a parsed file and staged rows: both directions, and which plan a file revises."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from nq57.imports.models import ImportRow, PlanImport
from nq57.ingest.model import (
    DocumentHeader,
    ParsedIndicator,
    ParsedPlan,
    ParsedTask,
    ParseWarning,
    Source,
)
from nq57.ingest.warnings import check_records
from nq57.lib.docnumbers import normalize_doc_number
from nq57.orgs.names import normalize_unit_name
from nq57.plans.models import Plan


def rows_from_parsed(staged: PlanImport, parsed: ParsedPlan) -> tuple[list[ImportRow], list[str]]:
    """Unsaved rows for every record, each with the reader's warnings about its lines.

    Checks that are recomputed from the rows on every view (no lead, unreadable deadline…)
    are left out here; warnings tied to no row come back as document warnings.
    """
    rows = [_indicator_row(staged, i, order) for order, i in enumerate(parsed.indicators, 1)]
    rows += [_task_row(staged, t, order) for order, t in enumerate(parsed.tasks, 1)]
    live = {w.message for w in check_records(parsed)}
    loose: list[str] = []
    for warning in parsed.warnings:
        if warning.message in live:
            continue
        row = _row_at(rows, warning)
        if row is None:
            loose.append(_located(warning))
        else:
            row.parser_warnings.append(warning.message)
    return rows, loose


def to_parsed_plan(staged: PlanImport) -> ParsedPlan:
    """The officer's version of the file as a `ParsedPlan`, ready for `import_plan`."""
    document = DocumentHeader(
        file=staged.file_name,
        number=staged.number or None,
        issuer=staged.issuer_name or None,
        date=staged.issue_date.isoformat() if staged.issue_date else None,
        level=staged.level or None,
        title=staged.title or None,
        bases=list(staged.bases),
        reporting=list(staged.reporting),
    )
    rows = list(staged.rows.order_by("kind", "order"))
    return ParsedPlan(
        document,
        indicators=[to_indicator(r) for r in rows if r.kind == ImportRow.Kind.INDICATOR],
        tasks=[to_task(r) for r in rows if r.kind == ImportRow.Kind.TASK],
        parser=staged.parser,
    )


def to_task(row: ImportRow) -> ParsedTask:
    return ParsedTask(
        appendix=row.appendix or None,
        section=row.section or None,
        section_title=row.section_title or None,
        number=row.number or None,
        name=row.name,
        lead=row.lead or None,
        coordinating=row.coordinating or None,
        deadline=row.deadline or None,
        output=row.output or None,
        extras=dict(row.extras),
        subitems=list(row.subitems),
        source=_source(row),
    )


def to_indicator(row: ImportRow) -> ParsedIndicator:
    return ParsedIndicator(
        appendix=row.appendix or None,
        group=row.group or None,
        subgroup=row.subgroup or None,
        code=row.number or None,
        name=row.name,
        unit=row.measure_unit or None,
        targets={str(k): str(v) for k, v in row.targets.items()},
        lead=row.lead or None,
        coordinating=row.coordinating or None,
        output=row.output or None,
        extras=dict(row.extras),
        source=_source(row),
    )


def find_revised_plan(
    sha256: str, document: DocumentHeader, candidates: QuerySet[Plan]
) -> Plan | None:
    """The plan among `candidates` this file is a version of: the same file, else the same
    number and issuer (a draft without a number matches nothing)."""
    same_file = candidates.filter(source_sha256=sha256).first()
    if same_file is not None:
        return same_file
    number = normalize_doc_number(document.number)
    if not number:
        return None
    issuer = normalize_unit_name(document.issuer or "")
    matches = candidates.select_related("issuer").filter(normalized_number=number)
    for plan in matches.order_by("-imported_at"):
        if plan.issuer.folded_name == issuer:
            return plan
    return None


def _task_row(staged: PlanImport, t: ParsedTask, order: int) -> ImportRow:
    return ImportRow(
        plan_import=staged,
        kind=ImportRow.Kind.TASK,
        order=order,
        appendix=t.appendix or "",
        section=t.section or "",
        section_title=t.section_title or "",
        number=t.number or "",
        name=t.name,
        lead=t.lead or "",
        coordinating=t.coordinating or "",
        deadline=(t.deadline or "")[:500],
        output=t.output or "",
        extras=dict(t.extras),
        subitems=list(t.subitems),
        parser_warnings=[],
        **_source_fields(t.source),
    )


def _indicator_row(staged: PlanImport, i: ParsedIndicator, order: int) -> ImportRow:
    return ImportRow(
        plan_import=staged,
        kind=ImportRow.Kind.INDICATOR,
        order=order,
        appendix=i.appendix or "",
        group=i.group or "",
        subgroup=i.subgroup or "",
        number=i.code or "",
        name=i.name,
        lead=i.lead or "",
        coordinating=i.coordinating or "",
        output=i.output or "",
        measure_unit=(i.unit or "")[:200],
        targets=dict(i.targets),
        extras=dict(i.extras),
        parser_warnings=[],
        **_source_fields(i.source),
    )


def _source_fields(source: Source) -> dict[str, Any]:
    return {
        "source_row": source.row,
        "source_line_start": source.line_start,
        "source_line_end": source.line_end,
    }


def _source(row: ImportRow) -> Source:
    return Source(row.appendix or None, row.source_row, row.source_line_start, row.source_line_end)


def _row_at(rows: list[ImportRow], warning: ParseWarning) -> ImportRow | None:
    if warning.line is None:
        return None
    for row in rows:
        start = row.source_line_start
        end = row.source_line_end or start
        if start is not None and end is not None and start <= warning.line <= end:
            return row
    return None


def _located(warning: ParseWarning) -> str:
    return f"{warning.message} (dòng {warning.line})" if warning.line else warning.message
