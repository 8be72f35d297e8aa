"""Writes on staged imports: upload, edit rows, decide units, publish or discard. Audited.

Nothing here touches the plan tables until `publish_import`, which stores the officer's
version of the rows as a new plan or as a revision of the plan the file updates.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nq57.audit.actions import acting_user, record
from nq57.imports.models import ROW_FIELDS, ImportRow, PlanImport, UnitDecision
from nq57.imports.staging import find_revised_plan, rows_from_parsed, to_parsed_plan
from nq57.ingest import ParsedPlan, parse_bytes
from nq57.ingest.cells import join_cells
from nq57.orgs.models import Unit
from nq57.orgs.names import is_collective, normalize_unit_name
from nq57.orgs.queries import access_for
from nq57.orgs.resolve import guess_level
from nq57.orgs.unit_actions import UnitActionError, create_unit
from nq57.plans.actions import (
    Actor,
    PlanActionError,
    import_plan,
    parse_iso_date,
    resolve_issuer,
)
from nq57.plans.models import Plan, PlanQuerySet
from nq57.plans.queries import plans_manageable_by
from nq57.plans.revision import revise_plan
from nq57.reporting.actions import open_plan_submissions

_TEXT_FIELDS = ("number", "name", "lead", "coordinating", "deadline", "output", "measure_unit")


class ImportActionError(PlanActionError):
    """A refused write on a staged import; `message` is Vietnamese."""


class EditConflictError(ImportActionError):
    """Someone else changed the row since the officer opened it; their input is kept."""

    def __init__(self, row: ImportRow) -> None:
        super().__init__(
            "Dòng này vừa được người khác sửa. Nội dung bạn nhập vẫn còn trong ô; "
            "hãy so với nội dung mới rồi lưu lại."
        )
        self.row = row


@transaction.atomic
def start_import(
    *, data: bytes, file_name: str, actor: Actor, revises: Plan | None = None
) -> PlanImport:
    """Read an uploaded file and stage its rows for review (IngestError when unreadable)."""
    parsed = parse_bytes(data, file_name)
    doc = parsed.document
    sha256 = hashlib.sha256(data).hexdigest()
    staged = PlanImport.objects.create(
        file_name=file_name[:500],
        file_bytes=data,
        file_size=len(data),
        sha256=sha256,
        parser=parsed.parser,
        number=(doc.number or "").strip()[:100],
        issuer_name=(doc.issuer or "").strip()[:500],
        issue_date=parse_iso_date(doc.date),
        title=doc.title or "",
        level=doc.level if doc.level in Unit.Level.values else "",
        bases=list(doc.bases),
        reporting=list(doc.reporting),
        revises=revises or find_revised_plan(sha256, doc, _revisable(actor)),
        created_by=acting_user(actor),
    )
    rows, loose = rows_from_parsed(staged, parsed)
    ImportRow.objects.bulk_create(rows)
    staged.document_warnings = loose
    staged.save(update_fields=["document_warnings"])
    record(
        actor=actor,
        action="imports.started",
        obj=staged,
        after={
            "file_name": staged.file_name,
            "sha256": sha256,
            "parser": staged.parser,
            "rows": len(rows),
            "revises": staged.revises_id,
        },
    )
    return staged


@transaction.atomic
def update_header(*, plan_import: PlanImport, values: Mapping[str, Any], actor: Actor) -> None:
    """Correct the document header (số, cơ quan ban hành, ngày, trích yếu, cấp, căn cứ)."""
    staged = _open(plan_import)
    fields = ("number", "issuer_name", "issue_date", "title", "level", "bases")
    before = {name: getattr(staged, name) for name in fields}
    for name in fields:
        if name in values:
            setattr(staged, name, values[name])
    after = {name: getattr(staged, name) for name in fields}
    staged.save(update_fields=list(fields))
    record(actor=actor, action="imports.header_edited", obj=staged, before=before, after=after)


@transaction.atomic
def edit_row(*, row: ImportRow, version: int, values: Mapping[str, Any], actor: Actor) -> ImportRow:
    """Save the officer's values for one row, refused if it changed since `version`."""
    _open(row.plan_import)
    current = ImportRow.objects.select_for_update().get(pk=row.pk)
    if current.version != version:
        raise EditConflictError(current)
    before = current.fields()
    for name in ROW_FIELDS:
        if name in values:
            setattr(current, name, values[name])
    current.edited, current.parser_warnings = True, []
    current.version += 1
    current.save()
    record(
        actor=actor,
        action="imports.row_edited",
        obj=current.plan_import,
        before={"row": current.pk, **before},
        after={"row": current.pk, **current.fields()},
    )
    return current


@transaction.atomic
def add_row(
    *, plan_import: PlanImport, after: ImportRow | None, kind: str, actor: Actor
) -> ImportRow:
    """Insert an empty row after `after` (or first), in the same appendix and section."""
    staged = _open(plan_import)
    order = after.order + 1 if after is not None else 1
    staged.rows.filter(kind=kind, order__gte=order).update(order=F("order") + 1)
    place = {n: getattr(after, n) for n in ("appendix", "section", "section_title", "group")}
    row = ImportRow.objects.create(
        plan_import=staged, kind=kind, order=order, name="", edited=True,
        **(place if after is not None else {}),
    )  # fmt: skip
    record(
        actor=actor, action="imports.row_added", obj=staged, after={"row": row.pk, "order": order}
    )
    return row


@transaction.atomic
def remove_row(*, row: ImportRow, actor: Actor) -> None:
    """Take a row out of the import (e.g. a heading read as a task)."""
    staged = _open(row.plan_import)
    before = {"row": row.pk, "kind": row.kind, "order": row.order, **row.fields()}
    row.delete()
    record(actor=actor, action="imports.row_removed", obj=staged, before=before)


@transaction.atomic
def split_row(*, row: ImportRow, version: int, head: str, tail: str, actor: Actor) -> ImportRow:
    """Split a row holding two tasks: `head` stays, `tail` becomes a new row just below."""
    head, tail = head.strip(), tail.strip()
    if not head or not tail:
        raise ImportActionError("Tách dòng: cả hai phần nội dung đều phải có chữ.")
    current = edit_row(row=row, version=version, values={"name": head}, actor=actor)
    staged = current.plan_import
    staged.rows.filter(kind=current.kind, order__gt=current.order).update(order=F("order") + 1)
    values = {name: getattr(current, name) for name in ROW_FIELDS}
    values.update(name=tail, number="")
    new = ImportRow.objects.create(
        plan_import=staged, kind=current.kind, order=current.order + 1, edited=True, **values
    )
    record(
        actor=actor,
        action="imports.row_split",
        obj=staged,
        after={"row": new.pk, "from": current.pk},
    )
    return new


@transaction.atomic
def merge_with_previous(*, row: ImportRow, actor: Actor) -> ImportRow:
    """Join a row into the row above it (a continuation read as a separate row)."""
    staged = _open(row.plan_import)
    above = staged.rows.filter(kind=row.kind, order__lt=row.order).order_by("-order").first()
    if above is None:
        raise ImportActionError("Không có dòng nào ở trên để gộp vào.")
    above = ImportRow.objects.select_for_update().get(pk=above.pk)
    before = {"above": above.fields(), "row": row.fields()}
    for name in _TEXT_FIELDS:
        if name != "number":
            setattr(above, name, _joined(getattr(above, name), getattr(row, name)))
    above.targets = {**row.targets, **above.targets}
    above.extras = {**row.extras, **above.extras}
    above.subitems = [*above.subitems, *row.subitems]
    above.edited, above.version = True, above.version + 1
    above.save()
    row.delete()
    record(
        actor=actor,
        action="imports.rows_merged",
        obj=staged,
        before=before,
        after={"row": above.pk, **above.fields()},
    )
    return above


@transaction.atomic
def decide_unit(
    *,
    plan_import: PlanImport,
    mention: str,
    unit: Unit | None,
    create: bool,
    actor: Actor,
) -> UnitDecision:
    """Record which unit a printed name means, or that a new unit is to be created."""
    staged = _open(plan_import)
    if (unit is None) == (not create) or (unit is not None and create):
        raise ImportActionError("Hãy chọn một đơn vị có sẵn hoặc chọn tạo đơn vị mới.")
    key = normalize_unit_name(mention)
    old = staged.decisions.filter(key=key).first()
    before = _decision_dict(old) if old else None
    decision, _ = UnitDecision.objects.update_or_create(
        plan_import=staged,
        key=key,
        defaults={
            "mention": mention[:500],
            "unit": unit,
            "create": create,
            "decided_by": acting_user(actor),
            "decided_at": timezone.now(),
        },
    )
    record(
        actor=actor,
        action="imports.unit_decided",
        obj=staged,
        before=before,
        after=_decision_dict(decision),
    )
    return decision


@transaction.atomic
def publish_import(*, plan_import: PlanImport, actor: Actor, publish: bool = True) -> Plan:
    """Store the reviewed rows: a new plan, or the revision of `plan_import.revises`."""
    staged = _open(plan_import)
    empty = staged.rows.filter(name="").count()
    if empty:
        raise ImportActionError(
            f"Còn {empty} dòng chưa có nội dung; hãy điền hoặc xóa trước khi lưu."
        )
    parsed = to_parsed_plan(staged)
    units = _decided_units(staged, parsed, actor)
    data = bytes(staged.file_bytes)
    if staged.revises is not None:
        plan = revise_plan(
            plan=staged.revises, parsed=parsed, source_name=staged.file_name,
            source_bytes=data, actor=actor, parser=staged.parser, units=units,
        ).plan  # fmt: skip
        open_plan_submissions(plan=plan)  # units the revision brings in report from now on
    else:
        plan = import_plan(
            parsed, source_name=staged.file_name, source_bytes=data, actor=actor,
            publish=publish, parser=staged.parser, units=units,
        )  # fmt: skip
    staged.status, staged.result, staged.finished_at = (
        PlanImport.Status.PUBLISHED,
        plan,
        timezone.now(),
    )
    staged.save(update_fields=["status", "result", "finished_at"])
    record(actor=actor, action="imports.published", obj=staged, after={"plan": plan.pk})
    return plan


@transaction.atomic
def discard_import(*, plan_import: PlanImport, actor: Actor) -> None:
    """Abandon the review; the file and rows stay for the record, nothing is stored."""
    staged = _open(plan_import)
    staged.status, staged.finished_at = PlanImport.Status.DISCARDED, timezone.now()
    staged.save(update_fields=["status", "finished_at"])
    record(
        actor=actor,
        action="imports.discarded",
        obj=staged,
        before={"status": PlanImport.Status.REVIEWING.value},
        after={"status": PlanImport.Status.DISCARDED.value},
    )


def _decided_units(staged: PlanImport, parsed: ParsedPlan, actor: Actor) -> dict[str, Unit]:
    """Folded name → unit for every decision, creating the units the officer asked for.

    The issuer comes first (decided, found or created), so new units go under it.
    """
    chosen = {d.key: d.unit for d in staged.decisions.filter(create=False) if d.unit}
    creates = list(staged.decisions.filter(create=True).order_by("pk"))
    issuer_key = normalize_unit_name(staged.issuer_name)
    if any(d.key == issuer_key for d in creates):
        level = staged.level or guess_level(staged.issuer_name, collective=False)
        chosen[issuer_key] = _create_unit(staged, staged.issuer_name, None, level, actor)
    issuer = resolve_issuer(parsed, actor, chosen)
    _check_scope(actor, issuer)
    for decision in creates:
        if decision.key != issuer_key:
            level = guess_level(decision.mention, collective=is_collective(decision.mention))
            chosen[decision.key] = _create_unit(staged, decision.mention, issuer, level, actor)
    return chosen


def _revisable(actor: Actor) -> PlanQuerySet:
    """Plans a file may revise: those `actor` manages (every plan for the system itself)."""
    return plans_manageable_by(actor) if actor is not None else Plan.objects.without_source()


def _check_scope(actor: Actor, issuer: Unit) -> None:
    """A standing office stores plans of its own units only (an administrator, any plan)."""
    access = access_for(actor) if actor is not None else None
    if access is None or access.is_admin or issuer.pk in access.manages:
        return
    raise ImportActionError(
        f"Cơ quan ban hành «{issuer.name}» không thuộc phạm vi đơn vị bạn quản lý. "
        "Hãy chọn đúng cơ quan ban hành trong mục «Đơn vị trong tệp»."
    )


def _create_unit(
    staged: PlanImport, name: str, parent: Unit | None, level: str, actor: Actor
) -> Unit:
    """A unit the officer asked for (confirmed), through the unit tree's own write."""
    try:
        return create_unit(
            name=name, parent=parent, level=level, actor=actor,
            is_collective=is_collective(name), context={"import": staged.pk},
        )  # fmt: skip
    except UnitActionError as error:
        raise ImportActionError(error.message) from error


def _open(plan_import: PlanImport) -> PlanImport:
    """The import, locked, if it is still under review."""
    staged = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if not staged.is_open:
        raise ImportActionError(
            f"Lượt nhập này đã kết thúc ({staged.get_status_display().lower()}); "
            "không sửa được nữa."
        )
    return staged


def _joined(head: str, tail: str) -> str:
    if not tail or tail == head:
        return head
    return join_cells(head, tail) if head else tail


def _decision_dict(decision: UnitDecision) -> dict[str, Any]:
    return {"mention": decision.mention, "unit": decision.unit_id, "create": decision.create}
