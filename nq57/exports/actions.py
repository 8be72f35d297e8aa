"""Exporting a plan: build the file and write the audit row (exports of data are audited)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from nq57.audit.actions import record
from nq57.exports.names import ExportName, export_name
from nq57.exports.plan_json import plan_json_bytes
from nq57.exports.plan_xlsx import plan_xlsx
from nq57.plans.models import Plan
from nq57.plans.queries import plan_detail

Actor = AbstractBaseUser | AnonymousUser | None


class ExportFormat(StrEnum):
    JSON = "json"
    XLSX = "xlsx"


CONTENT_TYPES = {
    ExportFormat.JSON: "application/json; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
_BUILDERS: dict[ExportFormat, Callable[[Plan], bytes]] = {
    ExportFormat.JSON: plan_json_bytes,
    ExportFormat.XLSX: plan_xlsx,
}


@dataclass(frozen=True)
class PlanExport:
    """A built export: the file's bytes, its names and its media type."""

    plan: Plan
    content: bytes
    name: ExportName
    content_type: str


def export_plan(*, plan_id: int, fmt: ExportFormat, actor: Actor) -> PlanExport:
    """Export plan `plan_id` and record who exported it, in which format.

    The caller decides whether `actor` may read the plan (the web scopes by
    `plans_visible_to`); raises `Plan.DoesNotExist` for an unknown id.
    """
    plan = plan_detail(plan_id)
    content = _BUILDERS[fmt](plan)
    record(
        actor=actor,
        action="exports.plan_exported",
        obj=plan,
        after={"format": fmt.value, "bytes": len(content)},
    )
    name = export_name(plan, fmt.value)
    return PlanExport(plan=plan, content=content, name=name, content_type=CONTENT_TYPES[fmt])
