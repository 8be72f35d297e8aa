"""Typed indicator values, evidence and copying from the previous period (nq57.reporting.entry)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nq57.audit.models import AuditEvent
from nq57.lib.report_values import RawValue
from nq57.reporting.entry import (
    TaskEntry,
    ValueEntry,
    add_evidence,
    copy_from_previous,
    save_submission,
)
from nq57.reporting.errors import EntryErrors, ReportingError
from nq57.reporting.models import Evidence, EvidenceFile, IndicatorValue, Submission, TaskUpdate
from nq57.reporting.workflow import approve_submission, submit_submission
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST = datetime(2025, 5, 10, 9, 0, tzinfo=VN)
SECOND = datetime(2025, 10, 20, 9, 0, tzinfo=VN)


def _save_value(r: Reporting, report: Submission, **raw: str) -> IndicatorValue:
    save_submission(
        submission=report, revision=report.revision, actor=r.world.d3_officer,
        values=[ValueEntry(indicator_id=r.indicator.pk, raw=RawValue(**raw), as_of="30/04/2025",
                           source="Cổng dịch vụ công")],
    )  # fmt: skip
    return IndicatorValue.objects.get(submission=report, indicator=r.indicator)


@time_machine.travel(FIRST, tick=False)
def test_a_percent_value_is_stored_typed(reporting: Reporting):
    r = reporting
    assert r.indicator.value_kind == "percent"
    value = _save_value(r, r.submission(r.world.d3_culture), value="62,5")
    assert (value.number, value.as_of.isoformat(), value.source) == (
        Decimal("62.5"), "2025-04-30", "Cổng dịch vụ công")  # fmt: skip


@time_machine.travel(FIRST, tick=False)
@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("ratio", {"numerator": "5", "denominator": "-3"}, "Mẫu số phải lớn hơn 0 (-3)."),
        ("percent", {"value": "120"}, "Tỷ lệ phải trong khoảng 0–100% (120%)."),
        ("count", {"value": "mười hai"}, "Giá trị «mười hai» không phải là số."),
    ],
)
def test_bad_values_are_refused_and_nothing_is_stored(
    reporting: Reporting, kind: str, raw: dict[str, str], message: str
):
    r = reporting
    r.indicator.value_kind = kind
    r.indicator.save()
    report = r.submission(r.world.d3_culture)
    with pytest.raises(EntryErrors) as refused:
        save_submission(
            submission=report, revision=0, actor=r.world.d3_officer,
            tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done")],
            values=[ValueEntry(indicator_id=r.indicator.pk, raw=RawValue(**raw))],
        )  # fmt: skip
    assert refused.value.errors[f"indicator-{r.indicator.pk}"][0].startswith(message)
    assert not IndicatorValue.objects.exists() and not TaskUpdate.objects.exists()
    report.refresh_from_db()
    assert (report.status, report.revision) == (Submission.Status.NOT_STARTED, 0)
    assert not AuditEvent.objects.filter(action="reporting.submission_saved").exists()


def _approve_first_half(r: Reporting) -> None:
    report = r.submission(r.world.d3_culture)
    _save_value(r, report, value="40")
    report.refresh_from_db()
    save_submission(submission=report, revision=report.revision, actor=r.world.d3_officer,
                    tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="in_progress", percent="30",
                                     done="Đã dự thảo chương trình")])  # fmt: skip
    report.refresh_from_db()
    sent = submit_submission(submission=report, revision=report.revision, actor=r.world.d3_officer)
    approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)


def test_a_value_that_jumps_against_the_previous_period_is_kept_with_a_warning(
    reporting: Reporting,
):
    r = reporting
    with time_machine.travel(FIRST, tick=False):
        _approve_first_half(r)
    with time_machine.travel(SECOND, tick=False):
        report = r.submission(r.world.d3_culture, r.second_half)
        result = save_submission(
            submission=report, revision=0, actor=r.world.d3_officer,
            values=[ValueEntry(indicator_id=r.indicator.pk, raw=RawValue(value="75"))],
        )  # fmt: skip
    key = f"indicator-{r.indicator.pk}"
    assert result.warnings == {key: ["Chênh lệch lớn so với kỳ trước (40 → 75): kiểm tra lại."]}
    stored = IndicatorValue.objects.get(submission=report)
    assert stored.number == Decimal(75) and stored.warnings == result.warnings[key]


def test_copy_from_the_previous_period_fills_only_empty_lines(reporting: Reporting):
    r = reporting
    with time_machine.travel(FIRST, tick=False):
        _approve_first_half(r)
    with time_machine.travel(SECOND, tick=False):
        report = r.submission(r.world.d3_culture, r.second_half)
        copied = copy_from_previous(submission=report, revision=0, actor=r.world.d3_officer)
        again = copy_from_previous(
            submission=report, revision=copied.submission.revision, actor=r.world.d3_officer
        )
    assert (copied.changed, again.changed) == (2, 0)
    line = TaskUpdate.objects.get(submission=report, task=r.task1)
    assert (line.lifecycle, line.percent, line.done) == (
        "in_progress",
        30,
        "Đã dự thảo chương trình",
    )
    value = IndicatorValue.objects.get(submission=report)
    assert (value.number, value.as_of) == (Decimal(40), None)  # the as-of date is not copied


@time_machine.travel(FIRST, tick=False)
def test_copy_without_a_previous_report_says_so(reporting: Reporting):
    r = reporting
    with pytest.raises(ReportingError, match="chưa có báo cáo kỳ trước"):
        copy_from_previous(submission=r.submission(r.ward), revision=0, actor=r.ward_officer)


@time_machine.travel(FIRST, tick=False)
def test_evidence_of_each_kind_and_the_same_file_stored_once(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    pdf = b"%PDF-1.4 bien ban"
    for name in ("a.pdf", "b.pdf"):
        add_evidence(submission=report, task_id=r.task1.pk, actor=r.ward_officer,
                     file_name=name, data=pdf)  # fmt: skip
    add_evidence(submission=report, task_id=r.task1.pk, actor=r.ward_officer,
                 url="https://quan3.hochiminhcity.gov.vn/tin-tuc/hoi-nghi")  # fmt: skip
    add_evidence(submission=report, task_id=r.task1.pk, actor=r.ward_officer,
                 document_number="12/KH-UBND", document_date="02/04/2025")  # fmt: skip
    kinds = list(Evidence.objects.order_by("pk").values_list("kind", "title"))
    assert kinds == [
        ("file", "a.pdf"), ("file", "b.pdf"),
        ("link", "https://quan3.hochiminhcity.gov.vn/tin-tuc/hoi-nghi"),
        ("document", "Văn bản số 12/KH-UBND"),
    ]  # fmt: skip
    assert EvidenceFile.objects.count() == 1
    with pytest.raises(ReportingError, match="không hợp lệ"):
        add_evidence(submission=report, task_id=r.task1.pk, actor=r.ward_officer,
                     url="javascript:alert(1)")  # fmt: skip
    with pytest.raises(ReportingError, match="không thuộc báo cáo"):
        add_evidence(submission=report, task_id=r.task2.pk + 1000, actor=r.ward_officer,
                     url="https://example.vn/x")  # fmt: skip
    assert Evidence.objects.count() == 4
