"""The consolidated report of a period, assembled from approved unit reports, every sentence
traced to its source."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from nq57.evaluation.consolidated import consolidated_report
from nq57.lib.report_values import RawValue
from nq57.reporting.entry import TaskEntry, ValueEntry, save_submission
from nq57.reporting.workflow import approve_submission, submit_submission
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _culture_reports(r: Reporting) -> None:
    report = r.submission(r.world.d3_culture)
    saved = save_submission(
        submission=report, revision=0, actor=r.world.d3_officer,
        tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done", completed_on="10/05/2025",
                         done="Đã ban hành chương trình tuyên truyền",
                         difficulties="Thiếu kinh phí in tài liệu",
                         proposals="Đề nghị bổ sung kinh phí")],
        values=[ValueEntry(indicator_id=r.indicator.pk, raw=RawValue(value="62,5"))],
        narrative={"next_steps": "Tổ chức hội thảo chuyển đổi số", "highlights": "Hoàn thành"},
    ).submission  # fmt: skip
    sent = submit_submission(submission=saved, revision=saved.revision, actor=r.world.d3_officer)
    approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)


@time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False)
def test_the_report_of_the_first_half(reporting: Reporting):
    r = reporting
    _culture_reports(r)
    report = consolidated_report(r.first_half, date(2025, 5, 20))
    header = report.header
    assert (header.parent_body, header.body, header.place, header.kind) == (
        "", "ỦY BAN NHÂN DÂN QUẬN 3", "Quận 3", "BÁO CÁO")  # fmt: skip
    assert header.number == "Số:        /BC-UBND"
    assert header.summary == (
        "Kết quả thực hiện Kế hoạch số 91/KH-UBND ngày 24/03/2025 của Ủy ban nhân dân Quận 3, "
        "kỳ 6 tháng đầu năm 2025"
    )
    assert report.introduction[0].text.startswith("Thực hiện Kế hoạch số 91/KH-UBND")
    assert "(1/2 đơn vị đã gửi, 1 báo cáo đã được duyệt đến ngày 20/05/2025)" in (
        report.introduction[0].text
    )
    [section] = report.results
    tally, done = section.sentences
    assert tally.text == "Có 2 nhiệm vụ: 1 trong hạn, 1 hoàn thành đúng hạn."
    assert done.text == (
        "Phòng Văn hóa, Khoa học và Thông tin (nhiệm vụ 1): Đã ban hành chương trình tuyên truyền."
    )
    source = report.sources[done.sources[0] - 1]
    assert source.text.startswith(
        "Báo cáo 6 tháng đầu năm 2025 của Phòng Văn hóa, Khoa học và Thông tin (phiên bản 1, "
        "duyệt 12/05/2025), nhiệm vụ 1"
    )
    assert [s.text for s in report.shortcomings] == [
        "Phòng Văn hóa, Khoa học và Thông tin: Thiếu kinh phí in tài liệu."
    ]
    assert [s.text for s in report.directions] == [
        "Phòng Văn hóa, Khoa học và Thông tin: Tổ chức hội thảo chuyển đổi số."
    ]
    assert [s.text for s in report.proposals] == [
        "Phòng Văn hóa, Khoa học và Thông tin: Đề nghị bổ sung kinh phí."
    ]
    assert [(t.number, t.status) for t in report.tasks] == [
        ("1", "Hoàn thành đúng hạn"), ("2", "Trong hạn")]  # fmt: skip
    [indicator] = report.indicators
    assert (indicator.target, indicator.value, indicator.achievement) == (
        "≥ 60 (2025)", "62,5", "Đạt")  # fmt: skip
    assert [(c.unit, c.status, c.sent) for c in report.compliance] == [
        ("Phòng Văn hóa, Khoa học và Thông tin", "Đúng hạn", "12/05/2025 09:00"),
        ("Ủy ban nhân dân Phường Võ Thị Sáu", "Chưa gửi", ""),
    ]
    every = {n for s in report.shortcomings + report.directions + report.proposals
             for n in s.sources}  # fmt: skip
    assert every <= {s.number for s in report.sources}


@time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False)
def test_a_report_not_yet_approved_is_not_used(reporting: Reporting):
    r = reporting
    report = r.submission(r.world.d3_culture)
    saved = save_submission(submission=report, revision=0, actor=r.world.d3_officer,
                            tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done",
                                             done="Chưa duyệt")]).submission  # fmt: skip
    submit_submission(submission=saved, revision=saved.revision, actor=r.world.d3_officer)
    consolidated = consolidated_report(r.first_half, date(2025, 5, 20))
    assert consolidated.sources == ()
    assert [t.status for t in consolidated.tasks] == ["Trong hạn", "Trong hạn"]
    assert consolidated.indicators[0].achievement == "Chưa có số liệu"
