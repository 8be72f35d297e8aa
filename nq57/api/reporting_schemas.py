"""Request and response shapes of the reporting endpoints (regimes, periods, submissions,
their lines and evidence, review steps). Field names follow DESIGN's glossary.

Values an officer types (numbers, percentages, dates) are taken as text and checked by the
reporting domain, so that a wrong value is refused with a message naming its line (400), as
on the web; a number may also be sent as a JSON number.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, WithJsonSchema

from nq57.api.schemas import (
    AssignmentRole,
    Page,
    PageQuery,
    UnitRef,
    ValueKind,
    decimal_text,
)
from nq57.lib.numbers import format_vn_number
from nq57.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingPeriod,
    Submission,
    TaskUpdate,
)

Frequency = Literal["monthly", "quarterly", "half_yearly", "nine_monthly", "yearly", "ad_hoc"]
GeneratedFrequency = Literal["monthly", "quarterly", "half_yearly", "nine_monthly", "yearly"]
Roll = Literal["before", "after", "none"]
SubmissionStatus = Literal[
    "not_started", "draft", "unit_review", "submitted", "returned", "approved"
]
Lifecycle = Literal["not_started", "in_progress", "done", "paused", "cancelled"]
Basis = Literal["cumulative", "in_period"]
EvidenceKind = Literal["file", "link", "document"]

MAX_YEARS = 10  # periods generated at once: at most this many years


def _typed_as_text(value: Any) -> Any:
    """A JSON number as the Vietnamese text the domain reads ('1.234,5'); true/false as
    'yes'/'no'; null as empty; anything else is left for the string check."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | Decimal):
        return format_vn_number(Decimal(str(value)))
    return value


Typed = Annotated[
    str,
    BeforeValidator(_typed_as_text),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]}),
]
TypedFlag = Annotated[
    str,
    BeforeValidator(_typed_as_text),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "boolean"}, {"type": "null"}]}),
]


class Input(Schema):
    """A request body: a misspelt field is refused rather than silently ignored."""

    model_config = ConfigDict(extra="forbid")


# ---- regimes and periods ----


class DueDate(Input):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)


class RegimeIn(Input):
    frequency: GeneratedFrequency
    due_day: int = Field(10, ge=1, le=31, description="Ngày hạn trong tháng.")
    months_after: int = Field(
        1, ge=0, le=12, description="Hạn rơi vào tháng thứ mấy sau tháng cuối của kỳ."
    )
    due_dates: list[DueDate] = Field(
        [],
        description=(
            "Ngày hạn cố định, một ngày cho mỗi kỳ trong năm (Quận 3: 15/5 và 5/11); "
            "có thì thay cho `due_day` và `months_after`."
        ),
    )
    due_time: time = Field(time(17, 0), description="Giờ hạn (giờ Việt Nam).")
    roll: Roll = Field(
        "before",
        description="Hạn rơi vào ngày nghỉ: lùi về ngày làm việc trước, dời sang sau, giữ nguyên.",
    )
    cutoff_days: int = Field(
        0, ge=0, le=60, description="Chốt số liệu trước hạn bấy nhiêu ngày làm việc."
    )
    replaces_shorter: bool = Field(
        False, description="Báo cáo kỳ này thay báo cáo kỳ ngắn hơn kết thúc cùng tháng."
    )
    lock_after_due: bool = Field(True, description="Khóa báo cáo chưa gửi khi quá hạn.")
    requires_unit_approval: bool = Field(
        False, description="Lãnh đạo đơn vị duyệt trước khi báo cáo được gửi lên."
    )


class RegimesIn(Input):
    regimes: list[RegimeIn] = Field(min_length=1)
    first: date = Field(description="Sinh các kỳ báo cáo từ ngày này…")
    last: date = Field(description=f"…đến ngày này (tối đa {MAX_YEARS} năm).")


class RegimeOut(Schema):
    id: int
    frequency: Frequency
    due_day: int
    months_after: int
    due_dates: list[DueDate]
    due_time: time
    roll: Roll
    cutoff_days: int
    replaces_shorter: bool
    lock_after_due: bool
    requires_unit_approval: bool

    @staticmethod
    def resolve_due_dates(obj: Any) -> list[DueDate]:
        return [DueDate(month=int(m), day=int(d)) for m, d in obj.due_dates]


class PeriodOut(Schema):
    id: int
    plan_id: int
    regime_id: int
    frequency: Frequency
    label: str
    start: date
    end: date
    cutoff: date = Field(description="Số liệu tính đến ngày này.")
    due: datetime = Field(description="Hạn nộp.")
    replaces: list[str] = Field(description="Các kỳ ngắn hơn mà kỳ này thay cho.")
    locked: bool = Field(description="Đã khóa bằng tay.")
    unlocked_until: datetime | None = Field(description="Mở lại cho đơn vị đến lúc này.")
    is_locked: bool = Field(description="Hiện đơn vị chưa gửi báo cáo có còn ghi được không.")

    @staticmethod
    def resolve_frequency(obj: Any) -> str:
        return str(obj.regime.frequency)

    @staticmethod
    def resolve_is_locked(obj: ReportingPeriod) -> bool:
        return obj.is_locked(timezone.now())


class RegimesSetOut(Schema):
    regimes: list[RegimeOut]
    added_periods: list[PeriodOut] = Field(description="Các kỳ vừa được thêm.")


class AdHocPeriodIn(Input):
    label: str = Field(max_length=100, description="Tên kỳ, ví dụ 'Báo cáo đột xuất quý III'.")
    start: date
    end: date
    due: datetime = Field(description="Hạn nộp (giờ Việt Nam nếu không ghi múi giờ).")


class ReopenIn(Input):
    until: datetime = Field(description="Mở lại đến lúc này (giờ Việt Nam nếu không ghi).")
    reason: str = Field(max_length=2000)


class PeriodPage(Page[PeriodOut]):
    pass


# ---- submissions ----


class SubmissionQuery(PageQuery):
    plan: int | None = Field(None, description="Mã kế hoạch.")
    period: int | None = Field(None, description="Mã kỳ báo cáo.")
    unit: int | None = Field(None, description="Mã đơn vị báo cáo.")
    status: SubmissionStatus | None = None


class PlanRef(Schema):
    id: int
    number: str | None
    title: str


class PeriodRef(Schema):
    id: int
    label: str
    due: datetime


class SubmissionOut(Schema):
    id: int
    plan: PlanRef
    period: PeriodRef
    unit: UnitRef
    status: SubmissionStatus
    version: int = Field(description="Phiên bản đang soạn (hoặc đã gửi).")
    approved_version: int | None = Field(description="Phiên bản đã duyệt gần nhất.")
    revision: int = Field(description="Số lần ghi; gửi lại số này khi sửa hoặc chuyển bước.")
    submitted_at: datetime | None
    first_submitted_at: datetime | None
    approved_at: datetime | None
    days_late: int | None = Field(description="Số ngày gửi lần đầu trễ hạn.")
    is_locked: bool = Field(description="Đơn vị hiện không còn ghi được vì kỳ đã khóa.")
    unlocked_until: datetime | None
    updated_at: datetime

    @staticmethod
    def resolve_days_late(obj: Submission) -> int | None:
        return obj.days_late()

    @staticmethod
    def resolve_is_locked(obj: Submission) -> bool:
        return obj.is_locked(timezone.now())


class SubmissionPage(Page[SubmissionOut]):
    pass


class ComplianceOut(Schema):
    """One unit's report in a period, for the standing office's follow-up."""

    id: int
    unit: UnitRef
    status: SubmissionStatus
    version: int
    approved_version: int | None
    revision: int
    submitted_at: datetime | None
    first_submitted_at: datetime | None
    days_late: int | None

    @staticmethod
    def resolve_days_late(obj: Submission) -> int | None:
        return obj.days_late()


class CompliancePage(Page[ComplianceOut]):
    pass


class EvidenceFileOut(Schema):
    sha256: str
    content_type: str
    size: int = Field(description="Dung lượng (byte).")


class EvidenceOut(Schema):
    id: int
    task_id: int
    version: int
    kind: EvidenceKind
    title: str
    url: str
    document_number: str
    document_date: date | None
    file: EvidenceFileOut | None
    download: str | None = Field(description="Địa chỉ tải tệp (với minh chứng là tệp).")
    added_by: str | None = Field(description="Tên đăng nhập của người thêm.")
    added_at: datetime
    withdrawn_at: datetime | None = Field(description="Đã gỡ lúc này (không còn tính).")

    @staticmethod
    def resolve_task_id(obj: Evidence) -> int:
        return obj.task_update.task_id

    @staticmethod
    def resolve_version(obj: Evidence) -> int:
        return obj.task_update.version

    @staticmethod
    def resolve_download(obj: Evidence) -> str | None:
        if obj.kind != Evidence.Kind.FILE:
            return None
        return reverse("api:download_evidence", kwargs={"evidence_id": obj.pk})

    @staticmethod
    def resolve_added_by(obj: Evidence) -> str | None:
        return obj.added_by.get_username() if obj.added_by is not None else None


class TaskRef(Schema):
    id: int
    number: str
    name: str
    deadline_raw: str
    deadline_due: date | None


class TaskLineOut(Schema):
    """The unit's line on one task; `updated_at` is null while nothing was typed for it."""

    task: TaskRef
    role: AssignmentRole
    lifecycle: Lifecycle | Literal[""]
    percent: int | None
    completed_on: date | None
    done: str = Field(description="Kết quả thực hiện.")
    difficulties: str
    proposals: str
    not_applicable: bool = Field(description="Không phát sinh trong kỳ.")
    updated_at: datetime | None
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_evidence(obj: Any) -> list[Any]:
        return list(getattr(obj, "shown_evidence", []))


class IndicatorRef(Schema):
    id: int
    code: str
    name: str
    measure_unit: str
    value_kind: ValueKind
    allows_over_100: bool


class ValueLineOut(Schema):
    """The unit's value for one indicator; `updated_at` is null while nothing was typed."""

    indicator: IndicatorRef
    role: AssignmentRole | None = Field(description="Vai trò hiện nay của đơn vị với chỉ tiêu.")
    number: str | None = Field(description="Giá trị (với tỷ lệ: phần trăm), số thập phân.")
    numerator: str | None
    denominator: str | None
    flag: bool | None
    text: str
    basis: Basis
    as_of: date | None
    source: str
    note: str
    not_applicable: bool
    warnings: list[str] = Field(description="Cảnh báo khi nhập (giá trị vẫn được lưu).")
    updated_at: datetime | None

    @staticmethod
    def resolve_role(obj: Any) -> str | None:
        return getattr(obj, "role", None)

    @staticmethod
    def resolve_number(obj: IndicatorValue) -> str | None:
        return decimal_text(obj.number)

    @staticmethod
    def resolve_numerator(obj: IndicatorValue) -> str | None:
        return decimal_text(obj.numerator)

    @staticmethod
    def resolve_denominator(obj: IndicatorValue) -> str | None:
        return decimal_text(obj.denominator)


class ContributionOut(Schema):
    """What a coordinating unit reported on a task the submitting unit leads (same period)."""

    task_id: int
    unit: UnitRef
    version: int
    lifecycle: Lifecycle | Literal[""]
    percent: int | None
    done: str
    difficulties: str
    proposals: str
    not_applicable: bool
    updated_at: datetime

    @staticmethod
    def resolve_unit(obj: TaskUpdate) -> UnitRef:
        return UnitRef(id=obj.submission.unit_id, name=obj.submission.unit.name)


class EventOut(Schema):
    version: int
    from_status: SubmissionStatus
    to_status: SubmissionStatus
    actor: str = Field(description="Người thực hiện.")
    reason: str = Field(description="Lý do, ghi chú.")
    at: datetime

    @staticmethod
    def resolve_actor(obj: Any) -> str:
        return str(obj.actor_label)


class RightsOut(Schema):
    """What the caller may do with this report."""

    write: bool = Field(description="Sửa, gửi, thêm minh chứng, mở phiên bản mới.")
    head_approve: bool = Field(description="Duyệt hoặc trả lại trong đơn vị.")
    review: bool = Field(description="Duyệt hoặc trả lại (cơ quan thường trực).")
    manage: bool = Field(description="Mở lại báo cáo sau khi khóa.")


class SubmissionDetailOut(SubmissionOut):
    highlights: str = Field(description="Kết quả nổi bật.")
    difficulties: str = Field(description="Khó khăn, vướng mắc.")
    proposals: str = Field(description="Đề xuất, kiến nghị.")
    next_steps: str = Field(description="Nhiệm vụ kỳ tới.")
    rights: RightsOut
    tasks: list[TaskLineOut] = Field(
        description="Nhiệm vụ đơn vị phải báo cáo (và các dòng đã nhập) của phiên bản đang soạn."
    )
    values: list[ValueLineOut]
    contributions: list[ContributionOut] = Field(
        description="Đơn vị phối hợp đã báo cáo gì về các nhiệm vụ đơn vị này chủ trì."
    )
    events: list[EventOut]


class NarrativeOut(Schema):
    highlights: str = Field(description="Kết quả nổi bật.")
    difficulties: str = Field(description="Khó khăn, vướng mắc.")
    proposals: str = Field(description="Đề xuất, kiến nghị.")
    next_steps: str = Field(description="Nhiệm vụ kỳ tới.")


class VersionOut(Schema):
    submission_id: int
    version: int
    approved: bool = Field(description="Đây là phiên bản đã duyệt gần nhất.")
    narrative: NarrativeOut = Field(
        description="Phần đánh giá chung: như đã duyệt (phiên bản cũ đã duyệt) hoặc đang soạn."
    )
    tasks: list[TaskLineOut]
    values: list[ValueLineOut]


# ---- writing ----


class TaskEntryIn(Input):
    """One task line as typed; it replaces the whole line (fields left out become empty)."""

    task_id: int
    lifecycle: Literal["", "not_started", "in_progress", "done", "paused", "cancelled"] = ""
    percent: Typed = Field(
        "", description="Tỷ lệ hoàn thành 0–100; để trống với `done` thì tính 100."
    )
    completed_on: str = Field(
        "",
        description=(
            "Ngày hoàn thành (NNNN-TT-NN hoặc ngày/tháng/năm); để trống với `done` thì là hôm nay."
        ),
    )
    done: str = ""
    difficulties: str = ""
    proposals: str = ""
    not_applicable: bool = False


class ValueEntryIn(Input):
    """One indicator value as typed; it replaces the whole line.

    Numbers as text are read the Vietnamese way ('1.234,5', '85,5%'); JSON numbers as they are.
    A ratio takes `numerator` and `denominator`; a yes/no `flag`; a text indicator `text`.
    """

    indicator_id: int
    value: Typed = ""
    numerator: Typed = ""
    denominator: Typed = ""
    flag: TypedFlag = ""
    text: str = ""
    basis: Basis = "cumulative"
    as_of: str = Field("", description="Số liệu tính đến ngày (NNNN-TT-NN hoặc ngày/tháng/năm).")
    source: str = ""
    note: str = ""
    not_applicable: bool = False


class NarrativeIn(Input):
    """The report's text parts; those left out (or null) stay as they are."""

    highlights: str | None = None
    difficulties: str | None = None
    proposals: str | None = None
    next_steps: str | None = None


class SaveIn(Input):
    revision: int = Field(description="`revision` của báo cáo khi bạn bắt đầu sửa.")
    tasks: list[TaskEntryIn] = []
    values: list[ValueEntryIn] = []
    narrative: NarrativeIn = NarrativeIn()


class LineMessageOut(Schema):
    line: str = Field(description="'task-<id>', 'indicator-<id>' hoặc tên phần báo cáo.")
    message: str


class SaveOut(Schema):
    submission: SubmissionDetailOut
    changed: int = Field(description="Số dòng (và phần báo cáo) đã thay đổi.")
    warnings: list[LineMessageOut] = Field(description="Cảnh báo; số liệu vẫn được lưu.")


class RevisionIn(Input):
    revision: int = Field(description="`revision` của báo cáo mà bạn đã xem.")


class NoteIn(RevisionIn):
    note: str = Field("", max_length=2000)


class ReasonIn(RevisionIn):
    reason: str = Field(max_length=2000, description="Lý do (ít nhất 5 ký tự).")


class LinkEvidenceIn(Input):
    """A link (`url`) or an official document (`document_number`, `document_date`)."""

    task_id: int
    title: str = Field("", max_length=500)
    url: str = ""
    document_number: str = ""
    document_date: str = Field("", description="NNNN-TT-NN hoặc ngày/tháng/năm.")
