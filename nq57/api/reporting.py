"""Reporting: a plan's regimes and periods, units' submissions with their lines and evidence,
and every review step — with the web's permissions (the domain's actions decide who may do
what; a refusal is 403 with their Vietnamese message, a stale `revision` 409).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status, UploadedFile

from nq57.api import reporting_queries as queries
from nq57.api.auth import caller
from nq57.api.errors import ApiError, ErrorOut, invalid_input
from nq57.api.pagination import paginate
from nq57.api.reporting_queries import SubmissionView
from nq57.api.reporting_schemas import (
    MAX_YEARS,
    AdHocPeriodIn,
    CompliancePage,
    EvidenceOut,
    LinkEvidenceIn,
    NoteIn,
    PeriodOut,
    PeriodPage,
    ReasonIn,
    RegimeOut,
    RegimesIn,
    RegimesSetOut,
    ReopenIn,
    RevisionIn,
    SaveIn,
    SaveOut,
    SubmissionDetailOut,
    SubmissionPage,
    SubmissionQuery,
    ValueEntryIn,
    VersionOut,
)
from nq57.api.schemas import PageQuery
from nq57.exports.names import attachment_header
from nq57.lib.filetypes import oversize_message
from nq57.lib.regimes import Frequency, Regime, Roll
from nq57.lib.report_values import RawValue
from nq57.reporting import actions, entry, workflow
from nq57.reporting.models import Evidence, ReportingPeriod, ReportingRegime, Submission

router = Router()

_REGIMES = ["Chế độ và kỳ báo cáo"]
_SUBMISSIONS = ["Báo cáo của đơn vị"]
_STEPS = ["Các bước xử lý báo cáo"]
_EVIDENCE = ["Minh chứng"]

_READ = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
_WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
_STEP = {**_WRITE, 409: ErrorOut}

_REVISION_NOTE = (
    " Gửi kèm `revision` của báo cáo mà bạn đã xem; báo cáo đã thay đổi từ đó thì bị từ chối "
    "(409) và không có gì thay đổi."
)


# ---- regimes and periods ----


@router.get(
    "/plans/{plan_id}/regimes",
    response={200: list[RegimeOut], **_READ},
    tags=_REGIMES,
    summary="Chế độ báo cáo của một kế hoạch",
)
def list_regimes(request: HttpRequest, plan_id: int) -> list[ReportingRegime]:
    return queries.regimes_of(caller(request), plan_id)


@router.put(
    "/plans/{plan_id}/regimes",
    response={200: RegimesSetOut, **_WRITE},
    tags=_REGIMES,
    summary="Đặt chế độ báo cáo và sinh các kỳ báo cáo",
    description=(
        "Chỉ cơ quan thường trực của kế hoạch. Mỗi chế độ được lưu theo tần suất (chế độ không"
        " gửi giữ nguyên); các kỳ trong khoảng `first`–`last` chưa có thì được thêm, kèm báo"
        " cáo trống cho mỗi đơn vị có nhiệm vụ hoặc chỉ tiêu trong kế hoạch. Kỳ đã có không đổi."
    ),
)
def set_plan_regimes(request: HttpRequest, plan_id: int, payload: RegimesIn) -> dict[str, Any]:
    user = caller(request)
    plan = queries.managed_plan(user, plan_id)
    added = actions.set_regimes(
        plan=plan, regimes=_regimes(payload), first=payload.first, last=payload.last, actor=user
    )
    return {
        "regimes": queries.regimes_of(user, plan_id),
        "added_periods": queries.periods_by_id([period.pk for period in added]),
    }


def _regimes(payload: RegimesIn) -> list[Regime]:
    """The pure regimes asked for; what the schema cannot check is refused here (422)."""
    if payload.last < payload.first:
        raise invalid_input("last", "phải không sớm hơn first")
    if payload.last > date(payload.first.year + MAX_YEARS, 12, 31):
        raise invalid_input("last", f"cách first quá {MAX_YEARS} năm")
    seen: set[str] = set()
    specs = []
    for index, regime in enumerate(payload.regimes):
        where = f"regimes[{index}]"
        if regime.frequency in seen:
            raise invalid_input(f"{where}.frequency", "đã có ở trên: mỗi tần suất một chế độ")
        seen.add(regime.frequency)
        frequency = Frequency(regime.frequency)
        needed = 12 // frequency.months
        if regime.due_dates and len(regime.due_dates) != needed:
            raise invalid_input(
                f"{where}.due_dates", f"cần đúng {needed} ngày hạn, mỗi kỳ trong năm một ngày"
            )
        specs.append(
            Regime(
                frequency=frequency,
                due_day=regime.due_day,
                months_after=regime.months_after,
                due_dates=tuple((d.month, d.day) for d in regime.due_dates),
                due_time=regime.due_time,
                roll=Roll(regime.roll),
                cutoff_days=regime.cutoff_days,
                replaces_shorter=regime.replaces_shorter,
                lock_after_due=regime.lock_after_due,
                requires_unit_approval=regime.requires_unit_approval,
            )
        )
    return specs


@router.get(
    "/plans/{plan_id}/periods",
    response={200: PeriodPage, **_READ},
    tags=_REGIMES,
    summary="Các kỳ báo cáo của một kế hoạch",
    description="Theo hạn nộp.",
)
def list_periods(request: HttpRequest, plan_id: int, wanted: Query[PageQuery]) -> dict[str, Any]:
    return paginate(queries.periods_of(caller(request), plan_id), wanted)


@router.post(
    "/plans/{plan_id}/periods",
    response={201: PeriodOut, **_WRITE},
    tags=_REGIMES,
    summary="Thêm một kỳ báo cáo đột xuất",
    description="Chỉ cơ quan thường trực của kế hoạch.",
)
def add_ad_hoc_period(
    request: HttpRequest, plan_id: int, payload: AdHocPeriodIn
) -> Status[ReportingPeriod]:
    user = caller(request)
    period = actions.add_ad_hoc_period(
        plan=queries.visible_plan(user, plan_id),
        label=payload.label,
        start=payload.start,
        end=payload.end,
        due=payload.due,
        actor=user,
    )
    return Status(201, queries.visible_period(user, period.pk))


@router.get(
    "/periods/{period_id}",
    response={200: PeriodOut, **_READ},
    tags=_REGIMES,
    summary="Một kỳ báo cáo",
)
def get_period(request: HttpRequest, period_id: int) -> ReportingPeriod:
    return queries.visible_period(caller(request), period_id)


@router.post(
    "/periods/{period_id}/lock",
    response={200: PeriodOut, **_WRITE},
    tags=_REGIMES,
    summary="Khóa kỳ báo cáo ngay",
    description="Đơn vị chưa gửi báo cáo không ghi được nữa. Chỉ cơ quan thường trực.",
)
def lock_period(request: HttpRequest, period_id: int) -> ReportingPeriod:
    user = caller(request)
    actions.lock_period(period=queries.visible_period(user, period_id), actor=user)
    return queries.visible_period(user, period_id)


@router.post(
    "/periods/{period_id}/reopen",
    response={200: PeriodOut, **_WRITE},
    tags=_REGIMES,
    summary="Mở lại kỳ báo cáo đến một thời điểm",
    description="Chỉ cơ quan thường trực; `until` phải ở tương lai.",
)
def reopen_period(request: HttpRequest, period_id: int, payload: ReopenIn) -> ReportingPeriod:
    user = caller(request)
    actions.reopen_period(
        period=queries.visible_period(user, period_id),
        until=payload.until,
        reason=payload.reason,
        actor=user,
    )
    return queries.visible_period(user, period_id)


@router.get(
    "/periods/{period_id}/submissions",
    response={200: CompliancePage, **_READ},
    tags=_REGIMES,
    summary="Tình hình nộp báo cáo của một kỳ",
    description="Các báo cáo của kỳ mà bạn được xem, theo tên đơn vị.",
)
def list_period_submissions(
    request: HttpRequest, period_id: int, wanted: Query[PageQuery]
) -> dict[str, Any]:
    return paginate(queries.period_compliance(caller(request), period_id), wanted)


# ---- submissions ----


@router.get(
    "/submissions",
    response={200: SubmissionPage, 401: ErrorOut, 422: ErrorOut},
    tags=_SUBMISSIONS,
    summary="Danh sách báo cáo của đơn vị",
    description=(
        "Báo cáo bạn được xem: của các kế hoạch bạn quản lý hoặc theo dõi, và của đơn vị bạn."
    ),
)
def list_submissions(request: HttpRequest, wanted: Query[SubmissionQuery]) -> dict[str, Any]:
    return paginate(queries.submission_list(caller(request), wanted), wanted)


@router.get(
    "/submissions/{submission_id}",
    response={200: SubmissionDetailOut, **_READ},
    tags=_SUBMISSIONS,
    summary="Một báo cáo: phần tổng hợp, các dòng của phiên bản đang soạn, các bước xử lý",
)
def get_submission(request: HttpRequest, submission_id: int) -> SubmissionView:
    user = caller(request)
    return queries.submission_detail(user, queries.visible_submission(user, submission_id))


@router.get(
    "/submissions/{submission_id}/versions/{version}",
    response={200: VersionOut, **_READ},
    tags=_SUBMISSIONS,
    summary="Các dòng của một phiên bản (ví dụ phiên bản đã duyệt)",
    description=(
        "Các dòng nhiệm vụ (kèm minh chứng), số liệu chỉ tiêu và phần đánh giá chung đã lưu của"
        " phiên bản `version` (phần đánh giá chung của phiên bản cũ như lúc được duyệt)."
    ),
)
def get_submission_version(
    request: HttpRequest, submission_id: int, version: int
) -> queries.VersionView:
    return queries.version_detail(caller(request), submission_id, version)


@router.put(
    "/submissions/{submission_id}",
    response={200: SaveOut, **_STEP},
    tags=_SUBMISSIONS,
    summary="Lưu báo cáo (các dòng nhiệm vụ, số liệu chỉ tiêu, phần tổng hợp)",
    description=(
        "Tất cả hoặc không gì cả: một giá trị sai thì không lưu gì, lỗi nêu từng dòng trong"
        " `fields` ('task-<id>', 'indicator-<id>', tên phần tổng hợp). Mỗi dòng gửi lên thay"
        " cả dòng đó; dòng không gửi giữ nguyên. Chỉ cán bộ, lãnh đạo của đơn vị." + _REVISION_NOTE
    ),
)
def save_submission(request: HttpRequest, submission_id: int, payload: SaveIn) -> dict[str, Any]:
    user = caller(request)
    narrative = {k: v for k, v in payload.narrative.model_dump().items() if v is not None}
    result = entry.save_submission(
        submission=queries.visible_submission(user, submission_id),
        revision=payload.revision,
        actor=user,
        tasks=[entry.TaskEntry(**line.model_dump()) for line in payload.tasks],
        values=[_value_entry(line) for line in payload.values],
        narrative=narrative,
    )
    return _saved(user, result)


def _value_entry(line: ValueEntryIn) -> entry.ValueEntry:
    raw = RawValue(
        value=line.value,
        numerator=line.numerator,
        denominator=line.denominator,
        flag=line.flag,
        text=line.text,
    )
    return entry.ValueEntry(
        indicator_id=line.indicator_id,
        raw=raw,
        basis=line.basis,
        as_of=line.as_of,
        source=line.source,
        note=line.note,
        not_applicable=line.not_applicable,
    )


def _saved(user: AbstractBaseUser, result: entry.SaveResult) -> dict[str, Any]:
    return {
        "submission": queries.submission_detail(user, result.submission),
        "changed": result.changed,
        "warnings": [
            {"line": line, "message": message}
            for line, messages in result.warnings.items()
            for message in messages
        ],
    }


@router.post(
    "/submissions/{submission_id}/copy-previous",
    response={200: SaveOut, **_STEP},
    tags=_SUBMISSIONS,
    summary="Sao chép từ báo cáo kỳ trước",
    description=(
        "Điền các dòng chưa nhập từ báo cáo kỳ trước của đơn vị (phiên bản đã duyệt nếu có);"
        " không ghi đè dòng đã nhập, không chép minh chứng." + _REVISION_NOTE
    ),
)
def copy_previous(request: HttpRequest, submission_id: int, payload: RevisionIn) -> dict[str, Any]:
    user = caller(request)
    result = entry.copy_from_previous(
        submission=queries.visible_submission(user, submission_id),
        revision=payload.revision,
        actor=user,
    )
    return _saved(user, result)


@router.post(
    "/submissions/{submission_id}/reopen",
    response={200: SubmissionDetailOut, **_STEP},
    tags=_STEPS,
    summary="Mở lại một báo cáo sau khi kỳ đã khóa",
    description="Chỉ cơ quan thường trực; `until` phải ở tương lai.",
)
def reopen_submission(
    request: HttpRequest, submission_id: int, payload: ReopenIn
) -> SubmissionView:
    user = caller(request)
    reopened = actions.reopen_submission(
        submission=queries.visible_submission(user, submission_id),
        until=payload.until,
        reason=payload.reason,
        actor=user,
    )
    return queries.submission_detail(user, queries.visible_submission(user, reopened.pk))


# ---- review steps ----


def _step_doc(what: str) -> dict[str, Any]:
    return {
        "response": {200: SubmissionDetailOut, **_STEP},
        "tags": _STEPS,
        "description": what + _REVISION_NOTE,
    }


@router.post(
    "/submissions/{submission_id}/submit",
    summary="Gửi báo cáo",
    **_step_doc(
        "Cán bộ, lãnh đạo của đơn vị; mọi nhiệm vụ phải có tình trạng hoặc «Không phát sinh"
        " trong kỳ». Báo cáo lên lãnh đạo đơn vị khi chế độ yêu cầu, nếu không thì lên cơ"
        " quan thường trực."
    ),
)
def submit(request: HttpRequest, submission_id: int, payload: RevisionIn) -> SubmissionView:
    return _step(request, submission_id, workflow.submit_submission, revision=payload.revision)


@router.post(
    "/submissions/{submission_id}/head-approve",
    summary="Lãnh đạo đơn vị duyệt, gửi lên",
    **_step_doc("Lãnh đạo của đơn vị; báo cáo chuyển lên cơ quan thường trực."),
)
def head_approve(request: HttpRequest, submission_id: int, payload: NoteIn) -> SubmissionView:
    return _step(
        request, submission_id, workflow.head_approve, revision=payload.revision, note=payload.note
    )


@router.post(
    "/submissions/{submission_id}/head-return",
    summary="Lãnh đạo đơn vị trả lại",
    **_step_doc("Lãnh đạo của đơn vị; ghi rõ lý do (ít nhất 5 ký tự)."),
)
def head_return(request: HttpRequest, submission_id: int, payload: ReasonIn) -> SubmissionView:
    return _step(
        request,
        submission_id,
        workflow.head_return,
        revision=payload.revision,
        reason=payload.reason,
    )


@router.post(
    "/submissions/{submission_id}/approve",
    summary="Duyệt báo cáo",
    **_step_doc("Cơ quan thường trực của kế hoạch; phiên bản được duyệt giữ nguyên từ đây."),
)
def approve(request: HttpRequest, submission_id: int, payload: NoteIn) -> SubmissionView:
    return _step(
        request,
        submission_id,
        workflow.approve_submission,
        revision=payload.revision,
        note=payload.note,
    )


@router.post(
    "/submissions/{submission_id}/return",
    summary="Trả lại báo cáo (cần bổ sung)",
    **_step_doc("Cơ quan thường trực của kế hoạch; ghi rõ lý do (ít nhất 5 ký tự)."),
)
def return_for_revision(
    request: HttpRequest, submission_id: int, payload: ReasonIn
) -> SubmissionView:
    return _step(
        request,
        submission_id,
        workflow.return_submission,
        revision=payload.revision,
        reason=payload.reason,
    )


@router.post(
    "/submissions/{submission_id}/new-version",
    summary="Mở phiên bản mới của báo cáo đã duyệt",
    **_step_doc(
        "Cán bộ, lãnh đạo của đơn vị; phiên bản mới chép từ phiên bản đã duyệt và cần duyệt"
        " lại, phiên bản đã duyệt giữ nguyên. Ghi rõ lý do (ít nhất 5 ký tự)."
    ),
)
def new_version(request: HttpRequest, submission_id: int, payload: ReasonIn) -> SubmissionView:
    return _step(
        request,
        submission_id,
        workflow.start_new_version,
        revision=payload.revision,
        reason=payload.reason,
    )


# ---- evidence ----


@router.post(
    "/submissions/{submission_id}/evidence",
    response={201: EvidenceOut, **_WRITE},
    tags=_EVIDENCE,
    summary="Thêm minh chứng là đường dẫn hoặc văn bản",
    description=(
        "Gắn vào dòng của nhiệm vụ `task_id` trong phiên bản đang soạn: `url` (http/https),"
        " hoặc `document_number` và `document_date`. Chỉ cán bộ, lãnh đạo của đơn vị."
    ),
)
def add_link_evidence(
    request: HttpRequest, submission_id: int, payload: LinkEvidenceIn
) -> Status[Evidence]:
    user = caller(request)
    evidence = entry.add_evidence(
        submission=queries.visible_submission(user, submission_id),
        task_id=payload.task_id,
        actor=user,
        title=payload.title,
        url=payload.url,
        document_number=payload.document_number,
        document_date=payload.document_date,
    )
    return Status(201, evidence)


@router.post(
    "/submissions/{submission_id}/evidence/file",
    response={201: EvidenceOut, **_WRITE},
    tags=_EVIDENCE,
    summary="Tải lên tệp minh chứng (multipart/form-data)",
    description=(
        "Tệp PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, ODT, ODS, ODP, JPG, PNG, TXT hoặc CSV; loại"
        " tệp được nhận ra từ nội dung và phải khớp đuôi tên tệp (chương trình đổi tên thành"
        " .pdf bị từ chối). Chỉ cán bộ, lãnh đạo của đơn vị."
    ),
)
def upload_evidence(
    request: HttpRequest,
    submission_id: int,
    task_id: Form[int],
    title: Form[str] = "",
    file: File[UploadedFile | None] = None,
) -> Status[Evidence]:
    user = caller(request)
    submission = queries.visible_submission(user, submission_id)
    if file is None:
        raise _oversize(request) or invalid_input("file", "là bắt buộc")
    evidence = entry.add_evidence(
        submission=submission,
        task_id=task_id,
        actor=user,
        title=title,
        file_name=file.name or "",
        data=file.read(),
    )
    return Status(201, evidence)


def _step(
    request: HttpRequest, submission_id: int, step: Callable[..., Submission], **fields: Any
) -> SubmissionView:
    """One review step on a visible report, answered with the report as it now is."""
    user = caller(request)
    moved = step(submission=queries.visible_submission(user, submission_id), actor=user, **fields)
    return queries.submission_detail(user, moved)


def _oversize(request: HttpRequest) -> ApiError | None:
    """A request too long to carry an accepted file: its file was dropped while it was read."""
    message = oversize_message(request.META.get("CONTENT_LENGTH"), settings.NQ57_EVIDENCE_MAX_BYTES)
    return ApiError(400, "invalid_input", message) if message else None


@router.get(
    "/evidence/{evidence_id}/file",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    tags=_EVIDENCE,
    summary="Tải tệp minh chứng",
    description="Khi bạn được xem báo cáo chứa minh chứng (kể cả minh chứng đã gỡ).",
    openapi_extra={
        "responses": {
            "200": {
                "description": "Tệp như khi tải lên.",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            }
        }
    },
)
def download_evidence(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence, stored = queries.evidence_file(caller(request), evidence_id)
    name = evidence.title if "." in evidence.title else f"minh-chung-{evidence.pk}"
    response = HttpResponse(bytes(stored.data), content_type=stored.content_type)
    response["Content-Disposition"] = attachment_header(name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.delete(
    "/evidence/{evidence_id}",
    response={200: EvidenceOut, **_WRITE},
    tags=_EVIDENCE,
    summary="Gỡ minh chứng",
    description=(
        "Minh chứng được đánh dấu đã gỡ (vẫn lưu, không còn tính); chỉ với phiên bản đang soạn."
        " Chỉ cán bộ, lãnh đạo của đơn vị."
    ),
)
def withdraw_evidence(request: HttpRequest, evidence_id: int) -> Evidence:
    user = caller(request)
    entry.withdraw_evidence(evidence=queries.visible_evidence(user, evidence_id), actor=user)
    return queries.visible_evidence(user, evidence_id)
