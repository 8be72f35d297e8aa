"""The reporting pages through the test client: regimes, a unit's report, its review,
evidence, refusals that keep the officer's input and store nothing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nq57.orgs.models import User
from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.models import (
    Evidence,
    EvidenceFile,
    IndicatorValue,
    ReportingPeriod,
    Submission,
    TaskUpdate,
)
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_DUE = datetime(2025, 5, 10, 9, 0, tzinfo=VN)
pytestmark = pytest.mark.usefixtures("_before_due")


@pytest.fixture
def _before_due():
    with time_machine.travel(BEFORE_DUE, tick=False):
        yield


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(r: Reporting, report: Submission, **extra: str) -> dict[str, str]:
    data = {
        "revision": str(report.revision),
        f"t-{r.task1.pk}-lifecycle": "in_progress",
        f"t-{r.task1.pk}-percent": "40",
        f"t-{r.task1.pk}-done": "Đã họp triển khai",
        f"t-{r.task2.pk}-lifecycle": "not_started",
        "highlights": "Hoàn thành kế hoạch tuyên truyền",
    }
    data.update(extra)
    return data


def test_the_standing_office_sets_a_regime_and_periods_follow(reporting: Reporting):
    r = reporting
    client = _client(r.world.importer)
    url = f"/ke-hoach/{r.plan.pk}/bao-cao/"
    form = {"frequency": "quarterly", "due_dates": "", "due_day": "20", "months_after": "0",
            "due_time": "17:00", "roll": "before", "cutoff_days": "0", "lock_after_due": "on",
            "first_year": "2025", "last_year": "2025"}  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 302
    labels = list(
        ReportingPeriod.objects.filter(plan=r.plan, regime__frequency="quarterly")
        .order_by("due").values_list("label", flat=True)
    )  # fmt: skip
    assert labels == ["Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025"]
    page = client.get(url).content.decode()
    assert "6 tháng đầu năm 2025" in page and "Quý IV/2025" in page
    assert "17:00 15/05/2025" in page and "17:00 05/11/2025" in page


def test_a_regime_with_the_wrong_number_of_fixed_dates_is_refused(reporting: Reporting):
    r = reporting
    response = _client(r.world.importer).post(f"/ke-hoach/{r.plan.pk}/bao-cao/", {
        "frequency": "quarterly", "due_dates": "15/5; 5/11", "due_day": "10", "months_after": "1",
        "due_time": "17:00", "roll": "before", "cutoff_days": "0", "first_year": "2025",
        "last_year": "2025"})  # fmt: skip
    assert response.status_code == 400
    assert "cần đúng 4 hạn nộp cố định" in response.content.decode()
    assert not ReportingPeriod.objects.filter(regime__frequency="quarterly").exists()


def test_an_officer_cannot_set_a_regime(reporting: Reporting):
    r = reporting
    response = _client(r.ward_officer).post(f"/ke-hoach/{r.plan.pk}/bao-cao/", {
        "frequency": "yearly", "due_day": "10", "months_after": "1", "due_time": "17:00",
        "roll": "before", "cutoff_days": "0", "first_year": "2025", "last_year": "2025",
    })  # fmt: skip
    assert response.status_code == 403
    assert not ReportingPeriod.objects.filter(regime__frequency="yearly").exists()


def test_the_ward_fills_and_sends_its_report(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    client = _client(r.ward_officer)
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "Ban hành chương trình tuyên truyền" in page and "Phối hợp" in page
    response = client.post(f"/bao-cao/{report.pk}/", _form(r, report, send="1"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Submission.Status.SUBMITTED
    assert report.highlights == "Hoàn thành kế hoạch tuyên truyền"
    line = TaskUpdate.objects.get(submission=report, task=r.task1)
    assert (line.lifecycle, line.percent, line.done) == ("in_progress", 40, "Đã họp triển khai")


def test_text_in_a_number_field_keeps_the_input_and_stores_nothing(reporting: Reporting):
    r = reporting
    report = r.submission(r.world.d3_culture)
    client = _client(r.world.d3_officer)
    data = {
        "revision": "0",
        f"t-{r.task1.pk}-lifecycle": "in_progress",
        f"t-{r.task1.pk}-done": "Nội dung đã gõ",
        f"i-{r.indicator.pk}-value": "N/A",
        f"i-{r.indicator.pk}-basis": "cumulative",
    }
    response = client.post(f"/bao-cao/{report.pk}/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "«N/A» không phải là số" in page
    assert "Nội dung đã gõ" in page and 'value="N/A"' in page
    assert not TaskUpdate.objects.filter(submission=report).exists()
    assert not IndicatorValue.objects.filter(submission=report).exists()


def test_a_stale_form_is_refused_with_409_and_keeps_the_input(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    _client(r.ward_head).post(f"/bao-cao/{report.pk}/", _form(r, report))
    response = _client(r.ward_officer).post(
        f"/bao-cao/{report.pk}/", _form(r, report, **{f"t-{r.task1.pk}-done": "Bản của tôi"})
    )
    assert response.status_code == 409
    assert "Bản của tôi" in response.content.decode()
    assert TaskUpdate.objects.get(submission=report, task=r.task1).done == "Đã họp triển khai"


def test_a_forged_report_of_another_unit_is_not_found_and_nothing_changes(reporting: Reporting):
    r = reporting
    other = r.submission(r.world.d3_culture)
    client = _client(r.ward_officer)
    assert client.get(f"/bao-cao/{other.pk}/").status_code == 404
    response = client.post(f"/bao-cao/{other.pk}/", _form(r, other))
    assert response.status_code == 404
    assert client.post(f"/bao-cao/{other.pk}/submit/", {"revision": "0"}).status_code == 404
    other.refresh_from_db()
    assert (other.status, other.revision) == (Submission.Status.NOT_STARTED, 0)
    assert not TaskUpdate.objects.filter(submission=other).exists()


def test_the_office_returns_with_a_reason_and_the_ward_sees_it_first(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    ward = _client(r.ward_officer)
    ward.post(f"/bao-cao/{report.pk}/", _form(r, report, send="1"))
    report.refresh_from_db()
    office = _client(r.world.importer)
    response = office.post(f"/bao-cao/{report.pk}/return/",
                           {"revision": str(report.revision),
                            "reason": "Thiếu minh chứng"})  # fmt: skip
    assert response.status_code == 302
    page = ward.get("/bao-cao/").content.decode()
    assert "1 báo cáo bị trả lại, cần bổ sung." in page
    detail = ward.get(f"/bao-cao/{report.pk}/").content.decode()
    assert "Lý do: Thiếu minh chứng" in detail
    assert "Thông báo" in detail and 'aria-label="1 chưa đọc"' in detail


def test_an_officer_cannot_approve_its_own_report(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    ward = _client(r.ward_officer)
    ward.post(f"/bao-cao/{report.pk}/", _form(r, report, send="1"))
    report.refresh_from_db()
    response = ward.post(f"/bao-cao/{report.pk}/approve/", {"revision": str(report.revision)})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Submission.Status.SUBMITTED
    messages = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert messages[-1] == "Chỉ cơ quan thường trực của kế hoạch được duyệt báo cáo."


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_evidence_files_are_checked_by_content(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    client = _client(r.ward_officer)
    url = f"/bao-cao/{report.pk}/minh-chung/"
    good = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    client.post(url, {"task": str(r.task1.pk), "file": good})
    evidence = Evidence.objects.get(title="bien-ban.pdf")
    assert (evidence.title, evidence.file.content_type) == ("bien-ban.pdf", "application/pdf")
    download = client.get(f"/minh-chung/{evidence.pk}/")
    assert bytes(download.content) == PDF and "bien-ban.pdf" in download["Content-Disposition"]
    titled = SimpleUploadedFile("x.pdf", PDF + b"2", content_type="application/pdf")
    client.post(url, {"task": str(r.task1.pk), "file": titled, "title": "Biên bản hội nghị"})
    named = Evidence.objects.get(title="Biên bản hội nghị")
    assert ".pdf" in client.get(f"/minh-chung/{named.pk}/")["Content-Disposition"]
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(url, {"task": str(r.task1.pk), "file": fake})
    shown = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert shown[-1] == (
        "Tệp «bao-cao.pdf» là tệp chương trình Windows (.exe/.dll), không được tải lên làm "
        "minh chứng."
    )
    assert Evidence.objects.count() == 2 and EvidenceFile.objects.count() == 2
    assert _client(r.world.cu_chi_officer).get(f"/minh-chung/{evidence.pk}/").status_code == 404


def test_a_100_mb_upload_is_refused_unread_and_nothing_is_stored(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    big = SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4\n" + b"0" * (100 * 1024 * 1024))
    response = _client(r.ward_officer).post(
        f"/bao-cao/{report.pk}/minh-chung/", {"task": str(r.task1.pk), "file": big}
    )
    shown = [str(m) for m in response.wsgi_request._messages]  # type: ignore[attr-defined]
    assert shown == ["Tệp quá lớn (100 MB); giới hạn 20 MB mỗi tệp. Không lưu gì."]
    assert not EvidenceFile.objects.exists() and not Evidence.objects.exists()
    assert not response.wsgi_request.FILES


def test_the_period_page_lists_every_units_status(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    _client(r.ward_officer).post(f"/bao-cao/{report.pk}/", _form(r, report, send="1"))
    page = _client(r.world.importer).get(f"/ky-bao-cao/{r.first_half.pk}/").content.decode()
    assert "Ủy ban nhân dân Phường Võ Thị Sáu" in page and "Chờ duyệt" in page
    assert "Phòng Văn hóa, Khoa học và Thông tin" in page and "Chưa gửi" in page
    own = _client(r.ward_officer).get(f"/ky-bao-cao/{r.first_half.pk}/").content.decode()
    assert "Phòng Văn hóa, Khoa học và Thông tin" not in own


def test_the_task_page_shows_what_units_reported_to_those_who_may_read_it(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    _client(r.ward_officer).post(f"/bao-cao/{report.pk}/", _form(r, report))
    office = _client(r.world.importer).get(f"/nhiem-vu/{r.task1.pk}/").content.decode()
    assert "Tình hình thực hiện theo báo cáo của đơn vị" in office
    assert "Ủy ban nhân dân Phường Võ Thị Sáu" in office and "Đã họp triển khai" in office
    lead = _client(r.world.d3_officer).get(f"/nhiem-vu/{r.task1.pk}/").content.decode()
    assert "Đã họp triển khai" in lead  # the lead unit sees its coordinating unit's report
    ward_task = r.task2  # led by the ward: Phòng Văn hóa… has no part in it
    save_submission(submission=r.submission(r.ward), revision=1, actor=r.ward_officer,
                    tasks=[TaskEntry(task_id=ward_task.pk, lifecycle="in_progress",
                                     done="Việc riêng của phường")])  # fmt: skip
    other = _client(r.world.d3_officer).get(f"/nhiem-vu/{ward_task.pk}/").content.decode()
    assert "Việc riêng của phường" not in other


def test_a_report_of_200_tasks_is_saved_in_one_form(world, parsed_plan):
    """Regression: Django refuses forms of more than 1,000 fields by default (7 per task)."""
    from datetime import date

    from nq57.plans.actions import import_plan
    from nq57.reporting.actions import set_regimes
    from tests.conftest import make_task
    from tests.reporting.conftest import DISTRICT3

    tasks = [make_task(number=str(n), name=f"Nhiệm vụ số {n}") for n in range(1, 201)]
    plan = import_plan(parsed_plan(tasks=tasks, indicators=[]), source_name="big",
                       source_bytes=b"big", actor=None, publish=True)  # fmt: skip
    set_regimes(plan=plan, regimes=[DISTRICT3], first=date(2025, 1, 1), last=date(2025, 6, 30),
                actor=None)  # fmt: skip
    report = Submission.objects.get(unit=world.d3_culture)
    data = {"revision": "0"}
    for task in plan.tasks.all():
        for name in ("percent", "completed_on", "done", "difficulties", "proposals"):
            data[f"t-{task.pk}-{name}"] = ""
        data[f"t-{task.pk}-lifecycle"] = "in_progress"
        data[f"t-{task.pk}-na"] = ""
    assert len(data) > 1_400
    response = _client(world.d3_officer).post(f"/bao-cao/{report.pk}/", data)
    assert response.status_code == 302
    assert TaskUpdate.objects.filter(submission=report).count() == 200


def test_the_period_page_comes_in_pages(reporting: Reporting, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("nq57.web.views.reports.UNITS_PER_PAGE", 1)
    office = _client(reporting.world.importer)
    url = f"/ky-bao-cao/{reporting.first_half.pk}/"
    first, second = office.get(url).content.decode(), office.get(url + "?trang=2").content.decode()
    assert "Phòng Văn hóa, Khoa học và Thông tin</a>" in first
    assert "Phường Võ Thị Sáu</a>" not in first and "Phường Võ Thị Sáu</a>" in second
    assert "Chưa nộp: 2" in first  # the counts cover every page


def test_a_share_typed_as_two_counts_keeps_them_when_saved_again(reporting: Reporting):
    r = reporting
    indicator = r.indicator
    indicator.value_kind, indicator.aggregation = "percent", "ratio"
    indicator.save()
    report = r.submission(r.world.d3_culture)
    client = _client(r.world.d3_officer)
    prefix = f"i-{indicator.pk}"
    data = {"revision": "0", f"{prefix}-numerator": "45", f"{prefix}-denominator": "60",
            f"{prefix}-basis": "cumulative"}  # fmt: skip
    assert client.post(f"/bao-cao/{report.pk}/", data).status_code == 302
    page = client.get(f"/bao-cao/{report.pk}/").content.decode()
    assert f'name="{prefix}-value" value=""' in page
    assert f'name="{prefix}-numerator" value="45"' in page
    value = IndicatorValue.objects.get(submission=report)
    assert (value.number, value.numerator, value.denominator) == (75, 45, 60)
