"""Reads on staged imports: who may see them, and everything the review page shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from nq57.imports.models import ImportRow, PlanImport, UnitDecision
from nq57.imports.staging import to_indicator, to_parsed_plan, to_task
from nq57.ingest.model import DocumentHeader, ParsedPlan
from nq57.ingest.warnings import check_records
from nq57.orgs.models import Unit
from nq57.orgs.names import UnitMention, normalize_unit_name, split_assignment
from nq57.orgs.queries import access_for
from nq57.orgs.resolve import UnitMatch, UnitResolver, find_anywhere
from nq57.plans.diff import RowDiff, Status, summary
from nq57.plans.revision import diff_plan

User = AbstractBaseUser | AnonymousUser


def can_import(user: User) -> bool:
    """Whether `user` may upload and review plan files: an administrator or a standing office."""
    access = access_for(user)
    return access.is_admin or bool(access.manages)


def imports_visible_to(user: User) -> QuerySet[PlanImport]:
    """Imports `user` may see and work on: their own; an administrator sees all."""
    imports = PlanImport.objects.defer("file_bytes")
    if not can_import(user):
        return imports.none()
    if access_for(user).is_admin:
        return imports
    return imports.filter(created_by_id=user.pk)


@dataclass
class MentionView:
    """A unit name printed in the file, with what the system found and what the officer chose."""

    key: str
    mention: str
    uses: int
    match: UnitMatch | None
    decision: UnitDecision | None
    is_issuer: bool = False

    @property
    def state(self) -> str:
        """'decided', 'new' (officer creates it), 'exact', 'near' or 'unknown'."""
        if self.decision is not None:
            return "new" if self.decision.create else "decided"
        if self.match is None:
            return "unknown"
        return "exact" if self.match.exact else "near"

    @property
    def needs_attention(self) -> bool:
        return self.state in ("unknown", "near")

    @property
    def unit(self) -> Unit | None:
        if self.decision is not None:
            return self.decision.unit
        return self.match.unit if self.match else None


@dataclass
class RowView:
    row: ImportRow
    warnings: list[str]
    diff: RowDiff | None = None


@dataclass
class RowGroup:
    """Rows under one heading: an appendix and section of tasks, or a group of indicators."""

    title: str
    rows: list[RowView]


@dataclass
class ReviewPage:
    staged: PlanImport
    task_groups: list[RowGroup]
    indicator_groups: list[RowGroup]
    mentions: list[MentionView]
    removed_tasks: list[str] = field(default_factory=list)
    removed_indicators: list[str] = field(default_factory=list)
    diff_counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def warning_count(self) -> int:
        groups = [*self.task_groups, *self.indicator_groups]
        return sum(len(view.warnings) for group in groups for view in group.rows)

    @property
    def attention_units(self) -> int:
        return sum(1 for m in self.mentions if m.needs_attention)

    @property
    def open_mentions(self) -> list[MentionView]:
        """Names the officer should look at or already decided on."""
        return [m for m in self.mentions if m.state != "exact"]

    @property
    def matched_mentions(self) -> list[MentionView]:
        """Names found in the unit registry by their exact name or an alias."""
        return [m for m in self.mentions if m.state == "exact"]


def review_page(staged: PlanImport) -> ReviewPage:
    rows = list(staged.rows.order_by("kind", "order"))
    tasks = [r for r in rows if r.kind == ImportRow.Kind.TASK]
    indicators = [r for r in rows if r.kind == ImportRow.Kind.INDICATOR]
    named = {row.pk: _named_units(row) for row in rows}  # each cell split once
    mentions = unit_mentions(staged, named.values())
    by_key = {m.key: m for m in mentions}
    task_views = [RowView(r, _row_warnings(r, named[r.pk], by_key)) for r in tasks]
    indicator_views = [RowView(r, _row_warnings(r, named[r.pk], by_key)) for r in indicators]
    page = ReviewPage(
        staged,
        _group(task_views, _task_heading),
        _group(indicator_views, _indicator_heading),
        mentions,
    )
    if staged.revises is not None:
        _attach_diff(page, staged, task_views, indicator_views)
    return page


def _named_units(row: ImportRow) -> list[UnitMention]:
    """The units a row's lead and coordinating cells name, lead first."""
    lead, coordinating = split_assignment(row.lead or None, row.coordinating or None)
    return [*lead, *coordinating]


def unit_mentions(staged: PlanImport, named: Iterable[Sequence[UnitMention]]) -> list[MentionView]:
    """Every distinct unit name of the rows (`named`: each row's units), the issuer first."""
    decisions = {d.key: d for d in staged.decisions.select_related("unit")}
    chosen = {key: d.unit for key, d in decisions.items() if d.unit is not None}
    issuer_key = normalize_unit_name(staged.issuer_name)
    context = chosen.get(issuer_key) or find_anywhere(issuer_key)
    resolver = UnitResolver(context=context, actor=None, decisions=chosen)
    found: dict[str, MentionView] = {}
    if staged.issuer_name:
        found[issuer_key] = MentionView(
            issuer_key,
            staged.issuer_name,
            0,
            _issuer_match(context),
            decisions.get(issuer_key),
            is_issuer=True,
        )
    for row_units in named:
        for mention in row_units:
            key = normalize_unit_name(mention.name)
            if key not in found:
                found[key] = MentionView(
                    key, mention.name, 0, resolver.match(mention), decisions.get(key)
                )
            found[key].uses += 1
    order = {"unknown": 0, "near": 1, "new": 2, "decided": 3, "exact": 4}
    return sorted(found.values(), key=lambda m: (order[m.state], not m.is_issuer))


def _issuer_match(unit: Unit | None) -> UnitMatch | None:
    return UnitMatch(unit, exact=True) if unit is not None else None


def _row_warnings(
    row: ImportRow, named: Sequence[UnitMention], mentions: dict[str, MentionView]
) -> list[str]:
    if not row.name.strip():
        return ["Dòng chưa có nội dung."]
    single = ParsedPlan(DocumentHeader())
    if row.kind == ImportRow.Kind.TASK:
        single.tasks.append(to_task(row))
    else:
        single.indicators.append(to_indicator(row))
    warnings = [w.message for w in check_records(single)]
    warnings += list(row.parser_warnings)
    for mention in named:
        view = mentions.get(normalize_unit_name(mention.name))
        if view is not None and view.state == "unknown":
            warnings.append(f"Đơn vị «{mention.name}» chưa có trong danh mục.")
        elif view is not None and view.state == "near" and view.unit is not None:
            warnings.append(f"Đơn vị «{mention.name}» gần giống «{view.unit.name}»: cần xác nhận.")
    return warnings


def _task_heading(view: RowView) -> str:
    row = view.row
    section = " ".join(part for part in (row.section, row.section_title) if part)
    return " · ".join(part for part in (row.appendix, section) if part) or "Nhiệm vụ"


def _indicator_heading(view: RowView) -> str:
    row = view.row
    return " · ".join(part for part in (row.appendix, row.group) if part) or "Chỉ tiêu"


def _group(views: list[RowView], heading: Callable[[RowView], str]) -> list[RowGroup]:
    return [RowGroup(title, list(items)) for title, items in groupby(views, key=heading)]


def _attach_diff(
    page: ReviewPage,
    staged: PlanImport,
    tasks: list[RowView],
    indicators: list[RowView],
) -> None:
    assert staged.revises is not None
    task_diffs, indicator_diffs = diff_plan(staged.revises, to_parsed_plan(staged))
    page.diff_counts = {"tasks": summary(task_diffs), "indicators": summary(indicator_diffs)}
    stored_tasks = list(staged.revises.tasks.order_by("order"))
    stored_indicators = list(staged.revises.indicators.order_by("order"))
    for diffs, views, stored, removed in (
        (task_diffs, tasks, stored_tasks, page.removed_tasks),
        (indicator_diffs, indicators, stored_indicators, page.removed_indicators),
    ):
        for diff in diffs:
            if diff.new is not None:
                views[diff.new].diff = diff
            elif diff.status is Status.REMOVED and diff.old is not None:
                removed.append(str(stored[diff.old]))
