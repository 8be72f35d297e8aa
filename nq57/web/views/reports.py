"""Reporting pages: a plan's regimes and periods, a period's reports, a unit's report with its
review, evidence downloads, 'Báo cáo' (my reports and those awaiting me) and notifications.

Thin: find what the person may see (404 otherwise), call one action, render. The actions
check who may do what; their refusals come back as Vietnamese messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nq57.exports.report_errors import ReportFormatError
from nq57.exports.reports import ReportFormat, export_report
from nq57.lib.filetypes import extension_for
from nq57.lib.regime_text import suggest_regimes
from nq57.orgs.models import Unit
from nq57.orgs.queries import access_for
from nq57.plans.models import Plan
from nq57.plans.queries import plans_visible_to
from nq57.reporting import actions, entry, workflow
from nq57.reporting.errors import EntryErrors, ReportingError
from nq57.reporting.models import (
    Evidence,
    Notification,
    ReportingPeriod,
    Submission,
    TaskUpdate,
)
from nq57.reporting.queries import (
    can_consolidate,
    can_head_approve,
    can_manage_reporting,
    can_review,
    can_write,
    period_rows,
    reporting_units,
    returned_for,
    scope_of,
    scope_tasks,
    submissions_visible_to,
)
from nq57.web.downloads import attachment
from nq57.web.paging import paging
from nq57.web.report_forms import (
    AdHocPeriodForm,
    EvidenceForm,
    RegimeForm,
    ReopenForm,
    day_param,
    id_param,
    regime_initial,
)
from nq57.web.report_pages import entries_from, narrative_values, task_rows, value_rows
from nq57.web.uploads import oversize_message

Status = Submission.Status
UNITS_PER_PAGE = 200


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    plan = plans_visible_to(request.user).filter(pk=plan_id).select_related("issuer").first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch.")
    return plan


def _submission(request: HttpRequest, submission_id: int) -> Submission:
    found = (
        submissions_visible_to(request.user)
        .filter(pk=submission_id)
        .select_related("period__regime", "plan__issuer", "unit")
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy báo cáo.")
    return found


def _period(request: HttpRequest, period_id: int) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_related("plan", "regime").filter(pk=period_id).first()
    if period is None or not plans_visible_to(request.user).filter(pk=period.plan_id).exists():
        raise Http404("Không tìm thấy kỳ báo cáo.")
    return period


# --- a plan's regimes and periods ---------------------------------------------------------------


@login_required
def plan_reporting(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Regimes and periods of a plan; the standing office sets a regime here (POST)."""
    plan = _plan(request, plan_id)
    manager = can_manage_reporting(request.user, plan)
    year = (plan.issue_date or timezone.localdate()).year
    suggestions = suggest_regimes(list(plan.reporting_text))
    initial = {"first_year": year, "last_year": max(year, timezone.localdate().year) + 1}
    if suggestions:
        initial |= regime_initial(suggestions[0].regime)
    form = RegimeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        if not manager:
            raise PermissionDenied("Chỉ cơ quan thường trực của kế hoạch được đặt chế độ báo cáo.")
        if form.is_valid():
            data = form.cleaned_data
            added = actions.set_regimes(
                plan=plan, regimes=[data["regime"]], first=date(data["first_year"], 1, 1),
                last=date(data["last_year"], 12, 31), actor=request.user,
            )  # fmt: skip
            messages.success(request, f"Đã lưu chế độ báo cáo; thêm {len(added)} kỳ báo cáo.")
            return redirect("web:plan_reporting", plan_id=plan.pk)
    periods = (
        plan.periods.select_related("regime")
        .annotate(
            units=Count("submissions"),
            sent=Count("submissions", filter=~Q(submissions__status__in=Submission.OPEN)),
            approved=Count("submissions", filter=Q(submissions__status=Status.APPROVED)),
            returned=Count("submissions", filter=Q(submissions__status=Status.RETURNED)),
        )
        .order_by("due")
    )
    context = {
        "plan": plan,
        "regimes": plan.regimes.order_by("pk"),
        "periods": periods,
        "form": form,
        "ad_hoc": AdHocPeriodForm(),
        "manager": manager,
        "suggestions": suggestions,
    }
    return render(request, "web/plan_reporting.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def plan_ad_hoc(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Add a period asked for once."""
    plan = _plan(request, plan_id)
    form = AdHocPeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("web:plan_reporting", plan_id=plan.pk)
    try:
        period = actions.add_ad_hoc_period(plan=plan, actor=request.user, **form.cleaned_data)
    except ReportingError as error:
        messages.error(request, error.message)
        return redirect("web:plan_reporting", plan_id=plan.pk)
    messages.success(request, f"Đã thêm kỳ báo cáo «{period.label}».")
    return redirect("web:period_detail", period_id=period.pk)


# --- a period's reports -------------------------------------------------------------------------


@login_required
def period_detail(request: HttpRequest, period_id: int) -> HttpResponse:
    """Every unit's report for the period (those the person may see): status, sent when, late."""
    period = _period(request, period_id)
    visible = submissions_visible_to(request.user).values("pk")
    rows = period_rows(period).filter(pk__in=visible)
    counts = {s: 0 for s in Status.values}
    for status in rows.values_list("status", flat=True):
        counts[status] += 1
    pager = paging(request, sum(counts.values()), UNITS_PER_PAGE)
    context = {
        "period": period,
        "plan": period.plan,
        "rows": rows[pager.offset : pager.offset + pager.size],
        "pager": pager,
        "counts": [(label, counts[value]) for value, label in Status.choices],
        "manager": can_manage_reporting(request.user, period.plan),
        "consolidate": can_consolidate(request.user, period.plan),
        "locked": period.is_locked(timezone.now()),
        "reopen": ReopenForm(),
        "not_reporting": _not_reporting(period.plan),
    }
    return render(request, "web/period_detail.html", context)


def _not_reporting(plan: Plan) -> list[str]:
    """Assigned units without a report of their own, in words, for the standing office."""
    found = reporting_units(plan)
    names = dict(
        Unit.objects.filter(pk__in=found.collectives + found.outside).values_list("pk", "name")
    )
    return [f"{names[pk]} (chưa rõ gồm những đơn vị nào)" for pk in found.collectives] + [
        f"{names[pk]} (ngoài địa bàn của cơ quan ban hành)" for pk in found.outside
    ]


@login_required
def period_report(request: HttpRequest, period_id: int, fmt: str) -> HttpResponse:
    """The consolidated report of the period as a download (Word, Excel or PDF), as the
    approved reports stand at the end of the day asked for ('?ngay=dd/mm/yyyy', else today)."""
    period = _period(request, period_id)
    if not can_consolidate(request.user, period.plan) or fmt not in set(ReportFormat):
        raise Http404("Không tìm thấy báo cáo tổng hợp.")
    day = day_param(request.GET.get("ngay", ""))
    try:
        export = export_report(period=period, fmt=ReportFormat(fmt), actor=request.user, day=day)
    except ReportFormatError as error:
        messages.error(request, error.message)
        return redirect("web:period_detail", period_id=period.pk)
    return attachment(export.content, export.name.utf8, export.content_type)


@login_required
@require_POST
def period_lock(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    _act(request, lambda: actions.lock_period(period=period, actor=request.user),
         "Đã khóa kỳ báo cáo.")  # fmt: skip
    return redirect("web:period_detail", period_id=period.pk)


@login_required
@require_POST
def period_reopen(request: HttpRequest, period_id: int) -> HttpResponse:
    period = _period(request, period_id)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        data = form.cleaned_data
        until = timezone.localtime(data["until"])
        _act(request, lambda: actions.reopen_period(
            period=period, until=data["until"], reason=data["reason"], actor=request.user),
            f"Đã mở lại kỳ báo cáo đến {until:%H:%M ngày %d/%m/%Y}.")  # fmt: skip
    return redirect("web:period_detail", period_id=period.pk)


# --- one unit's report --------------------------------------------------------------------------


@login_required
def submission_detail(request: HttpRequest, submission_id: int) -> HttpResponse:
    """The report: the unit fills and sends it; the head and the standing office review it."""
    submission = _submission(request, submission_id)
    if request.method == "POST":
        return _save(request, submission)
    return _render_submission(request, submission)


def _render_submission(
    request: HttpRequest,
    submission: Submission,
    posted: bool = False,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    version = _version(request, submission)
    data = request.POST if posted else None
    editable = (
        version == submission.version
        and submission.status in Submission.EDITABLE
        and can_write(request.user, submission)
        and not submission.is_locked(now)
    )
    tasks = task_rows(submission, version, data, errors)
    rights = {
        "can_write": can_write(request.user, submission),
        "can_head": can_head_approve(request.user, submission),
        "can_review": can_review(request.user, submission),
    }
    context = {
        "submission": submission,
        "plan": submission.plan,
        "period": submission.period,
        "version": version,
        "versions": range(submission.version, 0, -1),
        "editable": editable,
        "locked": submission.is_locked(now),
        "tasks": tasks,
        "indicators": value_rows(submission, version, data, errors),
        "narrative": narrative_values(submission, data, version),
        "narrative_errors": {k: v for k, v in (errors or {}).items() if "-" not in k},
        "events": submission.events.select_related(None).order_by("at", "pk"),
        "returned_reason": _returned_reason(submission),
        **rights,
        "has_actions": version == submission.version
        and _has_actions(submission, rights, submission.is_locked(now)),
        "evidence_form": EvidenceForm(tasks=[(r.task.pk, _task_label(r.task)) for r in tasks]),
        "reopen": ReopenForm(),
        "lifecycles": _lifecycles(),
        "max_mb": settings.NQ57_EVIDENCE_MAX_BYTES // (1024 * 1024),
    }
    return render(request, "web/submission_detail.html", context, status=status)


def _has_actions(submission: Submission, rights: dict[str, bool], locked: bool) -> bool:
    """Whether the review panel has anything to offer this person."""
    status = submission.status
    return (
        (rights["can_review"] and (status == Status.SUBMITTED or locked))
        or (rights["can_head"] and status == Status.UNIT_REVIEW)
        or (rights["can_write"] and status == Status.APPROVED and not locked)
    )


def _lifecycles() -> list[tuple[str, str]]:
    return list(TaskUpdate.Lifecycle.choices)


def _task_label(task: object) -> str:
    number = getattr(task, "number", "")
    name = str(getattr(task, "name", ""))
    return f"{number}. {name[:80]}" if number else name[:80]


def _version(request: HttpRequest, submission: Submission) -> int:
    wanted = request.GET.get("phien-ban", "")
    if wanted.isdigit() and 1 <= int(wanted) <= submission.version:
        return int(wanted)
    return submission.version


def _returned_reason(submission: Submission) -> str:
    if submission.status != Status.RETURNED:
        return ""
    last = submission.events.filter(to_status=Status.RETURNED).order_by("-at", "-pk").first()
    return last.reason if last else ""


def _save(request: HttpRequest, submission: Submission) -> HttpResponse:
    tasks, values, narrative = entries_from(request.POST, submission)
    revision = _revision(request)
    try:
        result = entry.save_submission(
            submission=submission, revision=revision, actor=request.user,
            tasks=tasks, values=values, narrative=narrative,
        )  # fmt: skip
    except EntryErrors as error:
        messages.error(request, error.message)
        return _render_submission(request, submission, True, error.errors, 400)
    except ReportingError as error:
        messages.error(request, error.message)
        return _render_submission(request, submission, True, None, error.status)
    for warnings in result.warnings.values():
        for warning in warnings:
            messages.warning(request, warning)
    saved = result.submission
    if request.POST.get("send") == "1":
        return _step(request, saved, "submit", saved.revision)
    messages.success(request, "Đã lưu báo cáo." if result.changed else "Không có gì thay đổi.")
    return redirect("web:submission", submission_id=saved.pk)


def _revision(request: HttpRequest) -> int:
    return id_param(request.POST.get("revision"))


_STEPS = {
    "submit": (workflow.submit_submission, "Đã gửi báo cáo."),
    "head-approve": (workflow.head_approve, "Đã duyệt trong đơn vị; báo cáo được gửi lên."),
    "head-return": (workflow.head_return, "Đã trả lại báo cáo cho cán bộ đơn vị."),
    "approve": (workflow.approve_submission, "Đã duyệt báo cáo."),
    "return": (workflow.return_submission, "Đã trả lại báo cáo, yêu cầu bổ sung."),
    "new-version": (workflow.start_new_version, "Đã mở phiên bản mới để sửa; cần duyệt lại."),
}
_WITH_REASON = {"head-return", "return", "new-version"}


@login_required
@require_POST
def submission_step(request: HttpRequest, submission_id: int, step: str) -> HttpResponse:
    """One review step (submit, approve, return…) on the revision the person saw."""
    submission = _submission(request, submission_id)
    if step not in _STEPS:
        raise Http404("Không có thao tác này.")
    return _step(request, submission, step, _revision(request))


def _step(request: HttpRequest, submission: Submission, step: str, revision: int) -> HttpResponse:
    action, done = _STEPS[step]
    extra = {"reason": request.POST.get("reason", "")} if step in _WITH_REASON else {}
    if step in ("head-approve", "approve"):
        extra = {"note": request.POST.get("note", "").strip()}
    try:
        action(submission=submission, revision=revision, actor=request.user, **extra)  # type: ignore[operator]
    except ReportingError as error:
        messages.error(request, error.message)
        return redirect("web:submission", submission_id=submission.pk)
    messages.success(request, done)
    return redirect("web:submission", submission_id=submission.pk)


@login_required
@require_POST
def submission_copy(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = _submission(request, submission_id)
    try:
        result = entry.copy_from_previous(
            submission=submission, revision=_revision(request), actor=request.user
        )
    except ReportingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã sao chép {result.changed} dòng từ báo cáo kỳ trước.")
    return redirect("web:submission", submission_id=submission.pk)


@login_required
@require_POST
def submission_reopen(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = _submission(request, submission_id)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        data = form.cleaned_data
        _act(request, lambda: actions.reopen_submission(
            submission=submission, until=data["until"], reason=data["reason"], actor=request.user),
            "Đã mở lại báo cáo cho đơn vị.")  # fmt: skip
    return redirect("web:submission", submission_id=submission.pk)


@login_required
@require_POST
def submission_evidence(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Attach a file, a link or a document to a task line; large uploads refused unread."""
    submission = _submission(request, submission_id)
    oversize = oversize_message(request, settings.NQ57_EVIDENCE_MAX_BYTES)
    if oversize:  # the upload handler dropped the file while reading it
        messages.error(request, oversize)
        return redirect("web:submission", submission_id=submission.pk)
    form = EvidenceForm(request.POST, request.FILES, tasks=_task_choices(submission))
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("web:submission", submission_id=submission.pk)
    data = form.cleaned_data
    upload = data.get("file")
    try:
        entry.add_evidence(
            submission=submission, task_id=data["task"], actor=request.user,
            title=data["title"], file_name=upload.name if upload else "",
            data=upload.read() if upload else None, url=data["url"],
            document_number=data["document_number"], document_date=data["document_date"],
        )  # fmt: skip
    except ReportingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã thêm minh chứng.")
    return redirect("web:submission", submission_id=submission.pk)


def _task_choices(submission: Submission) -> list[tuple[int, str]]:
    scope = scope_of(submission.plan_id, submission.unit_id)
    return [(task.pk, _task_label(task)) for task in scope_tasks(scope)]


def _visible_evidence(request: HttpRequest, evidence_id: int) -> Evidence:
    found = (
        Evidence.objects.select_related("task_update__submission", "file")
        .filter(pk=evidence_id, task_update__submission__in=submissions_visible_to(request.user))
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy minh chứng.")
    return found


@login_required
def evidence_file(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """The evidence file as uploaded."""
    evidence = _visible_evidence(request, evidence_id)
    if evidence.file is None:
        raise Http404("Minh chứng này không có tệp.")
    content_type = evidence.file.content_type
    name = evidence.title
    extension = extension_for(content_type)
    if extension and not name.lower().endswith(extension):
        name += extension  # a title typed without one still opens with the right program
    return attachment(bytes(evidence.file.data), name, content_type)


@login_required
@require_POST
def evidence_withdraw(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = _visible_evidence(request, evidence_id)
    submission_id = evidence.task_update.submission_id
    _act(request, lambda: entry.withdraw_evidence(evidence=evidence, actor=request.user),
         "Đã gỡ minh chứng.")  # fmt: skip
    return redirect("web:submission", submission_id=submission_id)


# --- 'Báo cáo' and notifications ------------------------------------------------------------


@login_required
def my_reports(request: HttpRequest) -> HttpResponse:
    """Returned reports first, then what my units still have to send, then what awaits my
    review (unit head or standing office)."""
    visible = submissions_visible_to(request.user).select_related("period", "plan", "unit")
    access = access_for(request.user)
    mine = visible.filter(unit_id__in=access.reports_for | access.heads)
    reviewing = visible.filter(status=Status.SUBMITTED)
    if not access.is_admin:
        reviewing = reviewing.filter(plan__issuer_id__in=access.manages)
    context = {
        "returned": returned_for(request.user).order_by("period__due"),
        "to_send": mine.filter(status__in=(Status.NOT_STARTED, Status.DRAFT)).order_by(
            "period__due"
        )[:200],
        "head_review": mine.filter(status=Status.UNIT_REVIEW, unit_id__in=access.heads)
        if not access.is_admin
        else visible.filter(status=Status.UNIT_REVIEW),
        "to_review": reviewing.order_by("period__due")[:200],
        "recent": mine.exclude(status__in=Submission.OPEN).order_by("-updated_at")[:50],
        "now": timezone.now(),
        "open_statuses": [str(s) for s in Submission.OPEN],
    }
    return render(request, "web/my_reports.html", context)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """My notices, newest first; POST marks them read."""
    mine = Notification.objects.filter(user_id=int(request.user.pk or 0))
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, "Đã đánh dấu tất cả là đã đọc.")
        return redirect("web:notifications")
    return render(request, "web/notifications.html", {"items": mine[:200]})


def _act(request: HttpRequest, do: Callable[[], object], done: str) -> None:
    try:
        do()
    except ReportingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)


def _form_errors(form: object) -> str:
    errors = getattr(form, "errors", {})
    return " ".join(str(message) for messages_ in errors.values() for message in messages_)
