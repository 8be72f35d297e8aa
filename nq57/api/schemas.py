"""Request and response shapes of the API (field names follow DESIGN's glossary).

Choice values are written out as `Literal`s so the OpenAPI document lists them; a test keeps
them equal to the models' choices.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

from ninja import Field, Schema

from nq57.plans.models import Indicator, PlanReference, Target, Task

UnitLevel = Literal["central", "province", "city", "district", "commune", "department", "other"]
UnitStatus = Literal["confirmed", "needs_confirmation"]
PlanStatus = Literal["draft", "published"]
SectionKind = Literal["tasks", "indicators", "group"]
AssignmentRole = Literal["lead", "coordinating"]
DeadlineKind = Literal[
    "date", "period_end", "window", "recurring", "ongoing", "conditional", "unknown"
]
Comparator = Literal["ge", "le", "gt", "lt", "eq", "range", "qualitative"]
ValueKind = Literal["percent", "count", "ratio", "boolean", "text", "number"]
Aggregation = Literal["sum", "average", "ratio", "all", "none"]

MAX_LIMIT = 500

# ---- query parameters ----


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Số dòng tối đa trả về.")
    offset: int = Field(0, ge=0, description="Bỏ qua bấy nhiêu dòng đầu.")


_Q = Field("", max_length=200, description="Tìm không phân biệt dấu và hoa/thường.")


class UnitQuery(PageQuery):
    parent: int | None = Field(None, description="Chỉ các đơn vị trực thuộc đơn vị này.")
    root: bool = Field(False, description="Chỉ các đơn vị không có đơn vị cấp trên.")
    level: UnitLevel | None = None
    status: UnitStatus | None = None
    q: str = _Q


class PlanQuery(PageQuery):
    level: UnitLevel | None = None
    issuer: int | None = Field(None, description="Mã đơn vị ban hành.")
    status: PlanStatus | None = None
    q: str = Field("", max_length=200, description="Tìm trong số, ký hiệu và trích yếu.")


class SectionQuery(PageQuery):
    kind: SectionKind | None = None


class AssignedQuery(PageQuery):
    plan: int | None = Field(None, description="Mã kế hoạch.")
    section: int | None = Field(None, description="Mã mục.")
    unit: int | None = Field(None, description="Đơn vị chủ trì hoặc phối hợp.")
    role: AssignmentRole | None = Field(None, description="Vai trò của `unit` (cần có `unit`).")
    q: str = _Q


class IndicatorQuery(AssignedQuery):
    pass


class TaskQuery(AssignedQuery):
    deadline_kind: DeadlineKind | None = None
    due_after: date | None = Field(None, description="Hạn từ ngày này trở đi (tính cả ngày này).")
    due_before: date | None = Field(None, description="Hạn đến ngày này (tính cả ngày này).")


# ---- responses ----

ItemT = TypeVar("ItemT")


class Page(Schema, Generic[ItemT]):
    total: int = Field(description="Tổng số dòng khớp bộ lọc.")
    limit: int
    offset: int
    items: list[ItemT]


class UnitRef(Schema):
    id: int
    name: str


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    level: UnitLevel
    status: UnitStatus
    parent: UnitRef | None
    is_collective: bool
    valid_from: date | None
    valid_to: date | None
    children_count: int = Field(description="Số đơn vị trực thuộc mà bạn được xem.")


class UnitDetailOut(UnitOut):
    aliases: list[str]

    @staticmethod
    def resolve_aliases(obj: Any) -> list[str]:
        return [alias.alias for alias in obj.aliases.all()]


class PlanOut(Schema):
    id: int
    number: str | None
    title: str
    issuer: UnitRef
    issue_date: date | None
    level: UnitLevel
    status: PlanStatus
    published_at: datetime | None
    task_count: int
    indicator_count: int


class ReferenceOut(Schema):
    number: str = Field(description="Số, ký hiệu như trong văn bản.")
    plan_id: int | None = Field(
        description="Kế hoạch trong hệ thống mà bạn được xem, nếu văn bản căn cứ có ở đó."
    )

    @staticmethod
    def resolve_plan_id(obj: PlanReference) -> int | None:
        return obj.resolved_plan_id if getattr(obj, "resolved_visible", False) else None


class PlanDetailOut(PlanOut):
    source_name: str
    imported_at: datetime
    references: list[ReferenceOut]


class SectionOut(Schema):
    id: int
    plan_id: int
    appendix: str
    code: str
    title: str
    order: int
    kind: SectionKind
    task_count: int
    indicator_count: int


class AssignmentOut(Schema):
    unit: UnitRef
    role: AssignmentRole
    text_as_printed: str


class SourceOut(Schema):
    """Where the row is in the document: appendix, table row, text lines."""

    appendix: str
    row: int | None
    line_start: int | None
    line_end: int | None


def _source(obj: Task | Indicator) -> SourceOut:
    return SourceOut(
        appendix=obj.appendix,
        row=obj.source_row,
        line_start=obj.source_line_start,
        line_end=obj.source_line_end,
    )


class TaskOut(Schema):
    id: int
    plan_id: int
    section_id: int | None
    order: int
    number: str
    name: str
    lead_text: str
    coordinating_text: str
    assignments: list[AssignmentOut]
    deadline_raw: str
    deadline_kind: DeadlineKind
    deadline_due: date | None
    deadline_start: date | None
    deadline_recurrence: str
    deadline_trigger: str
    output: str
    extras: dict[str, Any]
    source: SourceOut

    @staticmethod
    def resolve_source(obj: Task) -> SourceOut:
        return _source(obj)


class TargetOut(Schema):
    order: int
    milestone: str
    raw: str
    comparator: Comparator
    value: str | None = Field(description="Số thập phân dạng chuỗi ('80', '0.7').")
    value_max: str | None
    measure_unit: str
    qualifier: str
    qualitative_text: str

    @staticmethod
    def resolve_value(obj: Target) -> str | None:
        return decimal_text(obj.value)

    @staticmethod
    def resolve_value_max(obj: Target) -> str | None:
        return decimal_text(obj.value_max)


class IndicatorOut(Schema):
    id: int
    plan_id: int
    section_id: int | None
    group: str
    subgroup: str
    order: int
    code: str
    name: str
    measure_unit: str
    lead_text: str
    coordinating_text: str
    assignments: list[AssignmentOut]
    targets: list[TargetOut]
    value_kind: ValueKind = Field(
        description="Loại số liệu đơn vị báo cáo: tỷ lệ %, số lượng, tỷ số (tử số/mẫu số), "
        "có/không, văn bản, giá trị số."
    )
    aggregation: Aggregation = Field(
        description="Cách tổng hợp số liệu của nhiều đơn vị: cộng, trung bình, tổng tử số / "
        "tổng mẫu số, mọi đơn vị đều đạt, không tổng hợp."
    )
    allows_over_100: bool = Field(description="Tỷ lệ được phép vượt 100%.")
    output: str
    extras: dict[str, Any]
    source: SourceOut

    @staticmethod
    def resolve_source(obj: Indicator) -> SourceOut:
        return _source(obj)


def decimal_text(value: Decimal | None) -> str | None:
    """A stored decimal without the column's trailing zeros: 60.000000 → '60', 0.7000 → '0.7'."""
    return None if value is None else format(value.normalize(), "f")


class UnitPage(Page[UnitOut]):
    pass


class PlanPage(Page[PlanOut]):
    pass


class SectionPage(Page[SectionOut]):
    pass


class TaskPage(Page[TaskOut]):
    pass


class IndicatorPage(Page[IndicatorOut]):
    pass
