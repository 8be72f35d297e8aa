"""Reporting through the API: regimes and periods, a unit's report from the first save to its
approval, typed values, evidence, review steps, with the web's permissions.

People and plan: see tests/reporting/conftest.py. In short, on the District 3 plan with its
6-monthly regime (first period due 15/05/2025 17:00): `ward_officer` and `ward_head` write the
ward's report (task 1 coordinating, task 2 lead); `d3_officer` writes the report of Phòng Văn
hóa, Khoa học và Thông tin (task 1 and the indicator, lead) and cannot see the ward's;
`importer` is the plan's standing office (sets regimes, reviews, cannot write a unit's report);
`city_reviewer` reads everything in the city; `cu_chi_officer` sees nothing of it.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nq57.api.actions import create_token
from nq57.audit.models import AuditEvent
from nq57.orgs.models import User
from nq57.plans.models import Indicator
from nq57.reporting.models import (
    Evidence,
    EvidenceFile,
    IndicatorValue,
    ReportingPeriod,
    ReportingRegime,
    Submission,
    SubmissionEvent,
    TaskUpdate,
)
from tests.api.conftest import ApiClient
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_DUE = datetime(2025, 5, 10, 9, 0, tzinfo=VN)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
CHANGED_BY_SOMEONE = (
    "Báo cáo vừa được người khác thay đổi (trạng thái hiện tại: «Đang soạn»). "
    "Tải lại trang, kiểm tra rồi thực hiện lại; dữ liệu bạn nhập chưa bị mất."
)
NOT_A_WRITER = "Chỉ cán bộ hoặc lãnh đạo của đơn vị được sửa báo cáo này."

pytestmark = pytest.mark.usefixtures("before_due")


@pytest.fixture
def before_due() -> Any:
    with time_machine.travel(BEFORE_DUE, tick=False):
        yield


@pytest.fixture
def api(db: Any):
    """`api(user)` → a client of its own, signed in (session) as that user."""

    def sign_in(user: User) -> ApiClient:
        client = Client()
        client.force_login(user)
        return ApiClient(client)

    return sign_in


def url(submission: Submission, step: str = "") -> str:
    return f"/api/submissions/{submission.pk}" + (f"/{step}" if step else "")


def ward_lines(r: Reporting, done: str = "Đã họp triển khai") -> list[dict[str, Any]]:
    return [
        {"task_id": r.task1.pk, "lifecycle": "in_progress", "percent": 40, "done": done},
        {"task_id": r.task2.pk, "lifecycle": "not_started"},
    ]


def snapshot(submission: Submission) -> dict[str, Any]:
    """Everything a refused request must leave as it was."""
    row = Submission.objects.get(pk=submission.pk)
    return {
        "row": (row.status, row.revision, row.version, row.highlights, row.unlocked_until),
        "tasks": list(TaskUpdate.objects.filter(submission=row).values()),
        "values": list(IndicatorValue.objects.filter(submission=row).values()),
        "evidence": list(Evidence.objects.filter(task_update__submission=row).values()),
        "events": SubmissionEvent.objects.filter(submission=row).count(),
    }


# ---- the whole loop ----


def test_a_report_goes_from_first_save_to_approval_through_the_api(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)

    status, body = officer.get(url(ward))
    assert status == 200
    assert (body["status"], body["revision"], body["version"]) == ("not_started", 0, 1)
    assert [(t["task"]["number"], t["role"], t["updated_at"]) for t in body["tasks"]] == [
        ("1", "coordinating", None),
        ("2", "lead", None),
    ]
    assert body["values"] == []  # the ward has no indicator
    assert body["rights"] == {
        "write": True,
        "head_approve": False,
        "review": False,
        "manage": False,
    }

    status, body = officer.put(
        url(ward),
        {"revision": 0, "tasks": ward_lines(r), "narrative": {"highlights": "Đã triển khai."}},
    )
    assert status == 200, body
    assert (body["changed"], body["warnings"]) == (3, [])
    saved = body["submission"]
    assert (saved["status"], saved["revision"], saved["highlights"]) == (
        "draft",
        1,
        "Đã triển khai.",
    )
    line = saved["tasks"][0]
    assert (line["lifecycle"], line["percent"], line["done"]) == (
        "in_progress",
        40,
        "Đã họp triển khai",
    )

    status, body = officer.post(url(ward, "submit"), {"revision": 1})
    assert (status, body["status"], body["revision"]) == (200, "submitted", 2)
    assert body["first_submitted_at"] == "2025-05-10T02:00:00Z"

    status, body = api(r.world.importer).post(
        url(ward, "return"), {"revision": 2, "reason": "Bổ sung minh chứng."}
    )
    assert (status, body["status"], body["revision"]) == (200, "returned", 3)

    status, body = officer.put(
        url(ward), {"revision": 3, "tasks": ward_lines(r, "Đã họp triển khai ngày 05/5/2025")}
    )
    assert (status, body["submission"]["status"], body["changed"]) == (200, "returned", 1)
    status, body = officer.post(url(ward, "submit"), {"revision": 4})
    assert (status, body["status"]) == (200, "submitted")

    status, body = api(r.world.importer).post(url(ward, "approve"), {"revision": 5})
    assert (status, body["status"], body["approved_version"]) == (200, "approved", 1)
    status, body = officer.get(url(ward))
    assert [
        (e["version"], e["from_status"], e["to_status"], e["actor"], e["reason"])
        for e in body["events"]
    ] == [
        (1, "draft", "submitted", "ward_officer", ""),
        (1, "submitted", "returned", "importer", "Bổ sung minh chứng."),
        (1, "returned", "submitted", "ward_officer", ""),
        (1, "submitted", "approved", "importer", ""),
    ]
    assert body["tasks"][0]["done"] == "Đã họp triển khai ngày 05/5/2025"
    actions = AuditEvent.objects.filter(object_id=str(ward.pk), action__startswith="reporting.")
    assert list(actions.order_by("pk").values_list("action", "actor__username")) == [
        ("reporting.submission_saved", "ward_officer"),
        ("reporting.submission_submitted", "ward_officer"),
        ("reporting.submission_returned", "importer"),
        ("reporting.submission_saved", "ward_officer"),
        ("reporting.submission_submitted", "ward_officer"),
        ("reporting.submission_approved", "importer"),
    ]


def test_the_unit_head_approves_first_when_the_regime_asks(reporting: Reporting, api):
    r = reporting
    ReportingRegime.objects.filter(plan=r.plan).update(requires_unit_approval=True)
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)
    officer.put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    status, body = officer.post(url(ward, "submit"), {"revision": 1})
    assert (status, body["status"]) == (200, "unit_review")
    before = snapshot(ward)
    status, body = officer.post(url(ward, "head-approve"), {"revision": 2})
    assert (status, body["error"]["code"], body["error"]["message"]) == (
        403,
        "forbidden",
        "Chỉ lãnh đạo đơn vị được duyệt báo cáo trong đơn vị.",
    )
    assert snapshot(ward) == before
    head = api(r.ward_head)
    status, body = head.post(url(ward, "head-return"), {"revision": 2, "reason": "Thiếu số liệu"})
    assert (status, body["status"]) == (200, "returned")
    status, body = head.post(url(ward, "submit"), {"revision": 3})
    status, body = head.post(url(ward, "head-approve"), {"revision": 4, "note": "Đồng ý"})
    assert (status, body["status"], body["events"][-1]["reason"]) == (200, "submitted", "Đồng ý")


def test_an_approved_report_changes_only_in_a_new_version(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)
    officer.put(url(ward), {"revision": 0, "tasks": ward_lines(r, "Bản 1"),
                            "narrative": {"highlights": "Nổi bật 1"}})  # fmt: skip
    officer.post(url(ward, "submit"), {"revision": 1})
    api(r.world.importer).post(url(ward, "approve"), {"revision": 2})
    officer = api(r.ward_officer)
    status, body = officer.put(url(ward), {"revision": 3, "tasks": ward_lines(r, "Sửa thẳng")})
    assert (status, body["error"]["message"]) == (
        400,
        "Báo cáo đang ở trạng thái «Đã duyệt», không sửa được. "
        "Báo cáo đã duyệt chỉ sửa được bằng cách mở phiên bản mới.",
    )
    status, body = officer.post(url(ward, "new-version"), {"revision": 3, "reason": "Cập nhật"})
    assert (status, body["status"], body["version"], body["approved_version"]) == (
        200,
        "draft",
        2,
        1,
    )
    officer.put(url(ward), {"revision": 4, "tasks": ward_lines(r, "Bản 2"),
                            "narrative": {"highlights": "Nổi bật 2"}})  # fmt: skip
    status, body = officer.get(url(ward, "versions/1"))
    assert (status, body["approved"], body["tasks"][0]["done"]) == (200, True, "Bản 1")
    assert body["narrative"]["highlights"] == "Nổi bật 1"
    status, body = officer.get(url(ward, "versions/2"))
    assert (status, body["approved"], body["tasks"][0]["done"]) == (200, False, "Bản 2")
    assert body["narrative"]["highlights"] == "Nổi bật 2"
    status, body = officer.get(url(ward, "versions/3"))
    assert (status, body["error"]["message"]) == (404, "Báo cáo không có phiên bản 3.")


# ---- optimistic locking ----


def test_a_stale_revision_is_409_and_changes_nothing(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)
    assert officer.put(url(ward), {"revision": 0, "tasks": ward_lines(r, "A")})[0] == 200
    before = snapshot(ward)
    late = [{"task_id": r.task1.pk, "lifecycle": "done", "done": "B"}]
    status, body = api(r.ward_head).put(url(ward), {"revision": 0, "tasks": late})
    assert (status, body) == (
        409,
        {"error": {"code": "conflict", "message": CHANGED_BY_SOMEONE, "fields": []}},
    )
    status, body = officer.post(url(ward, "submit"), {"revision": 0})
    assert (status, body["error"]["code"]) == (409, "conflict")
    assert snapshot(ward) == before
    assert TaskUpdate.objects.get(submission=ward, task=r.task1).done == "A"


def test_a_second_approval_of_the_same_revision_is_409(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)
    officer.put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    officer.post(url(ward, "submit"), {"revision": 1})
    assert api(r.world.importer).post(url(ward, "approve"), {"revision": 2})[0] == 200
    before = snapshot(ward)
    status, body = api(r.world.admin).post(url(ward, "approve"), {"revision": 2})
    assert (status, body["error"]["code"]) == (409, "conflict")
    assert body["error"]["message"].startswith(
        "Báo cáo đã được importer chuyển sang «Đã duyệt» lúc 09:00:00 ngày 10/05/2025"
    )
    assert snapshot(ward) == before


# ---- typed values ----


def _culture(r: Reporting) -> Submission:
    return r.submission(r.world.d3_culture)


def _kind(r: Reporting, kind: str) -> None:
    Indicator.objects.filter(pk=r.indicator.pk).update(value_kind=kind)


def test_text_in_a_number_field_is_400_naming_the_line_and_nothing_is_stored(
    reporting: Reporting, api
):
    r = reporting
    _kind(r, "percent")
    report = _culture(r)
    before = snapshot(report)
    status, body = api(r.world.d3_officer).put(
        url(report),
        {
            "revision": 0,
            "tasks": [{"task_id": r.task1.pk, "lifecycle": "done"}],
            "values": [{"indicator_id": r.indicator.pk, "value": "N/A"}],
            "narrative": {"highlights": "Kết quả"},
        },
    )
    assert (status, body) == (
        400,
        {
            "error": {
                "code": "invalid_input",
                "message": "Có 1 lỗi trong số liệu nhập; chưa lưu gì. Sửa rồi lưu lại.",
                "fields": [
                    {
                        "field": f"indicator-{r.indicator.pk}",
                        "message": "Giá trị «N/A» không phải là số. Viết số kiểu Việt Nam "
                        "(ví dụ 1.234,5); để trống nếu chưa có số liệu.",
                    }
                ],
            }
        },
    )
    assert snapshot(report) == before


def test_a_negative_ratio_denominator_is_400(reporting: Reporting, api):
    r = reporting
    _kind(r, "ratio")
    report = _culture(r)
    before = snapshot(report)
    status, body = api(r.world.d3_officer).put(
        url(report),
        {
            "revision": 0,
            "values": [{"indicator_id": r.indicator.pk, "numerator": 5, "denominator": "-10"}],
        },
    )
    assert (status, body["error"]["fields"]) == (
        400,
        [{"field": f"indicator-{r.indicator.pk}", "message": "Mẫu số phải lớn hơn 0 (-10)."}],
    )
    assert snapshot(report) == before


def test_several_wrong_lines_are_all_named(reporting: Reporting, api):
    r = reporting
    _kind(r, "percent")
    status, body = api(r.world.d3_officer).put(
        url(_culture(r)),
        {
            "revision": 0,
            "tasks": [{"task_id": r.task1.pk, "percent": "bốn mươi", "completed_on": "32/5/2025"}],
            "values": [{"indicator_id": r.indicator.pk, "value": "120"}],
        },
    )
    assert status == 400
    assert body["error"]["message"] == "Có 3 lỗi trong số liệu nhập; chưa lưu gì. Sửa rồi lưu lại."
    assert body["error"]["fields"] == [
        {
            "field": f"task-{r.task1.pk}",
            "message": "Tỷ lệ hoàn thành «bốn mươi» phải là số nguyên từ 0 đến 100.",
        },
        {
            "field": f"task-{r.task1.pk}",
            "message": "Ngày hoàn thành «32/5/2025» không hợp lệ; viết theo dạng ngày/tháng/năm.",
        },
        {
            "field": f"indicator-{r.indicator.pk}",
            "message": "Tỷ lệ phải trong khoảng 0–100% (120%).",
        },
    ]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1.234,5", "1234.5"), (1234.5, "1234.5"), ("85,5%", None), (0.7, "0.7"), (12, "12")],
)
def test_numbers_are_read_the_vietnamese_way_or_as_json_numbers(
    reporting: Reporting, api, typed: Any, stored: str | None
):
    r = reporting
    _kind(r, "number")
    status, body = api(r.world.d3_officer).put(
        url(_culture(r)),
        {"revision": 0, "values": [{"indicator_id": r.indicator.pk, "value": typed}]},
    )
    if stored is None:  # '%' belongs to percentages only
        assert status == 400
        return
    assert status == 200, body
    (value,) = body["submission"]["values"]
    assert (value["number"], value["role"], value["indicator"]["value_kind"]) == (
        stored,
        "lead",
        "number",
    )
    assert IndicatorValue.objects.get().number == Decimal(stored)


def test_a_ratio_and_a_yes_no_value_are_stored_with_their_parts(reporting: Reporting, api):
    r = reporting
    _kind(r, "ratio")
    client = api(r.world.d3_officer)
    status, body = client.put(
        url(_culture(r)),
        {
            "revision": 0,
            "values": [
                {
                    "indicator_id": r.indicator.pk,
                    "numerator": "45",
                    "denominator": 60,
                    "basis": "in_period",
                    "as_of": "2025-04-30",
                    "source": "Sở Nội vụ",
                }
            ],
        },
    )
    assert status == 200, body
    (value,) = body["submission"]["values"]
    assert {k: value[k] for k in ("number", "numerator", "denominator", "basis", "as_of")} == {
        "number": "75",
        "numerator": "45",
        "denominator": "60",
        "basis": "in_period",
        "as_of": "2025-04-30",
    }
    _kind(r, "boolean")
    status, body = client.put(
        url(_culture(r)),
        {"revision": 1, "values": [{"indicator_id": r.indicator.pk, "flag": True}]},
    )
    assert (status, body["submission"]["values"][0]["flag"]) == (200, True)


def test_a_value_jump_is_saved_with_a_warning(reporting: Reporting, api):
    r = reporting
    _kind(r, "percent")
    client = api(r.world.d3_officer)
    first = _culture(r)
    client.put(
        url(first),
        {
            "revision": 0,
            "tasks": [{"task_id": r.task1.pk, "lifecycle": "in_progress"}],
            "values": [{"indicator_id": r.indicator.pk, "value": "60"}],
        },
    )
    second = r.submission(r.world.d3_culture, r.second_half)
    status, body = client.put(
        url(second), {"revision": 0, "values": [{"indicator_id": r.indicator.pk, "value": "50"}]}
    )
    assert (status, body["changed"]) == (200, 1)
    assert body["warnings"] == [
        {
            "line": f"indicator-{r.indicator.pk}",
            "message": "Số lũy kế giảm so với kỳ trước (60 → 50): kiểm tra lại.",
        }
    ]
    assert body["submission"]["values"][0]["warnings"] == [body["warnings"][0]["message"]]


def test_copy_from_the_previous_period_fills_what_is_not_typed(reporting: Reporting, api):
    r = reporting
    client = api(r.ward_officer)
    client.put(url(r.submission(r.ward)), {"revision": 0, "tasks": ward_lines(r, "Kỳ trước")})
    second = r.submission(r.ward, r.second_half)
    status, body = client.post(url(second, "copy-previous"), {"revision": 0})
    assert (status, body["changed"], body["submission"]["revision"]) == (200, 2, 1)
    assert [t["done"] for t in body["submission"]["tasks"]] == ["Kỳ trước", ""]
    status, body = client.post(url(r.submission(r.ward), "copy-previous"), {"revision": 1})
    assert (status, body["error"]["message"]) == (
        400,
        "Đơn vị chưa có báo cáo kỳ trước của kế hoạch này để sao chép.",
    )


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"tasks": []}, "revision", "là bắt buộc"),
        (
            {"revision": 0, "tasks": [{"task_id": 1, "lifecycle": "xong"}]},
            "tasks[0].lifecycle",
            "phải là một trong các giá trị '', 'not_started', 'in_progress', 'done', 'paused',"
            " 'cancelled'",
        ),
        (
            {"revision": 0, "tasks": [{"task_id": 1, "lifecyle": "done"}]},
            "tasks[0].lifecyle",
            "không có trường này (viết sai tên?)",
        ),
        ({"revision": "một"}, "revision", "phải là số nguyên"),
        ({"revision": 0, "narrative": {"summary": "x"}}, "narrative.summary", None),
        ({"revision": 0, "values": [{"indicator_id": 1, "basis": "x"}]}, "values[0].basis", None),
    ],
)
def test_a_malformed_body_is_422_and_names_the_field(
    reporting: Reporting, api, body: dict[str, Any], field: str, message: str | None
):
    r = reporting
    ward = r.submission(r.ward)
    before = snapshot(ward)
    status, answer = api(r.ward_officer).put(url(ward), body)
    assert (status, answer["error"]["code"]) == (422, "invalid_input")
    fields = {f["field"]: f["message"] for f in answer["error"]["fields"]}
    assert field in fields
    if message is not None:
        assert fields[field] == message
    assert snapshot(ward) == before


# ---- evidence ----


def _upload(client: ApiClient, submission: Submission, task_id: int, name: str, data: bytes):
    return client.upload(
        url(submission, "evidence/file"),
        {"task_id": task_id, "title": "", "file": SimpleUploadedFile(name, data)},
    )


def test_an_executable_renamed_pdf_is_refused_and_nothing_is_stored(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    status, body = _upload(api(r.ward_officer), ward, r.task2.pk, "bao-cao.pdf", EXE)
    assert (status, body["error"]) == (
        400,
        {
            "code": "invalid_input",
            "message": "Tệp «bao-cao.pdf» là tệp chương trình Windows (.exe/.dll), "
            "không được tải lên làm minh chứng.",
            "fields": [],
        },
    )
    assert not Evidence.objects.exists() and not EvidenceFile.objects.exists()
    assert not TaskUpdate.objects.filter(submission=ward).exists()


def test_a_pdf_is_attached_downloaded_and_withdrawn(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)
    status, body = _upload(officer, ward, r.task2.pk, "Biên bản hội nghị.pdf", PDF)
    assert status == 201, body
    evidence = Evidence.objects.get()
    assert {k: body[k] for k in ("id", "task_id", "version", "kind", "title", "added_by")} == {
        "id": evidence.pk,
        "task_id": r.task2.pk,
        "version": 1,
        "kind": "file",
        "title": "Biên bản hội nghị.pdf",
        "added_by": "ward_officer",
    }
    assert body["file"] == {
        "sha256": evidence.file.sha256,
        "content_type": "application/pdf",
        "size": len(PDF),
    }
    assert body["download"] == f"/api/evidence/{evidence.pk}/file"

    status, detail = api(r.world.importer).get(url(ward))
    assert [e["id"] for e in detail["tasks"][1]["evidence"]] == [evidence.pk]
    response = api(r.world.city_reviewer).client.get(body["download"])
    assert response.status_code == 200
    assert (response["Content-Type"], response.content) == ("application/pdf", PDF)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"

    officer = api(r.ward_officer)
    status, body = officer.delete(f"/api/evidence/{evidence.pk}")
    assert (status, body["withdrawn_at"], body["download"]) == (
        200,
        "2025-05-10T02:00:00Z",
        f"/api/evidence/{evidence.pk}/file",
    )
    status, body = officer.delete(f"/api/evidence/{evidence.pk}")
    assert (status, body["error"]["message"]) == (400, "Minh chứng này đã được gỡ.")
    download = f"/api/evidence/{evidence.pk}/file"
    assert officer.client.get(download).status_code == 200  # withdrawn, still stored


def test_a_link_and_a_document_are_evidence_too(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)
    path = url(ward, "evidence")
    status, body = officer.post(
        path, {"task_id": r.task2.pk, "url": "https://quan3.hochiminhcity.gov.vn/tin/1"}
    )
    assert (status, body["kind"], body["download"]) == (201, "link", None)
    status, body = officer.post(
        path, {"task_id": r.task2.pk, "document_number": "12/BC-UBND", "document_date": "2/5/2025"}
    )
    assert (status, body["kind"], body["title"], body["document_date"]) == (
        201,
        "document",
        "Văn bản số 12/BC-UBND",
        "2025-05-02",
    )
    status, body = officer.post(path, {"task_id": r.task2.pk, "title": "Trang tin"})
    assert (status, body["error"]["message"]) == (
        400,
        "Chọn tệp, nhập đường dẫn hoặc số văn bản làm minh chứng.",
    )
    status, body = officer.post(path, {"task_id": r.task2.pk, "url": "ftp://quan3.vn/x"})
    assert (status, body["error"]["message"]) == (
        400,
        "Đường dẫn «ftp://quan3.vn/x» không hợp lệ (cần bắt đầu bằng http:// hoặc https://).",
    )
    status, body = officer.post(path, {"task_id": r.task1.pk + 1000, "url": "https://a.vn/b"})
    assert (status, body["error"]["message"]) == (
        400,
        "Nhiệm vụ này không thuộc báo cáo của đơn vị.",
    )
    assert Evidence.objects.count() == 2


def test_a_file_too_large_is_refused_with_its_size(reporting: Reporting, api, settings):
    r = reporting
    ward = r.submission(r.ward)
    settings.NQ57_EVIDENCE_MAX_BYTES = 1024
    status, body = _upload(api(r.ward_officer), ward, r.task2.pk, "a.pdf", PDF * 40)
    assert (status, body["error"]["message"]) == (
        400,
        "Tệp «a.pdf» nặng 0,0 MB, vượt giới hạn 0,0 MB.",
    )
    # Above every upload limit the file is dropped while it is read (nq57.web.uploads).
    settings.NQ57_EVIDENCE_MAX_BYTES = settings.NQ57_MAX_UPLOAD_BYTES = 1024 * 1024
    big = PDF + b"0" * (2 * 1024 * 1024)
    status, body = _upload(api(r.ward_officer), ward, r.task2.pk, "b.pdf", big)
    assert (status, body["error"]["message"]) == (
        400,
        "Tệp quá lớn (2 MB); giới hạn 1 MB mỗi tệp. Không lưu gì.",
    )
    status, body = api(r.ward_officer).upload(
        url(ward, "evidence/file"), {"task_id": r.task2.pk, "title": "Không có tệp"}
    )
    assert (status, body["error"]["fields"]) == (422, [{"field": "file", "message": "là bắt buộc"}])
    assert not Evidence.objects.exists() and not EvidenceFile.objects.exists()


def test_anonymous_callers_get_401_and_change_nothing(reporting: Reporting):
    r = reporting
    ward = r.submission(r.ward)
    before = snapshot(ward)
    anonymous = ApiClient(Client())
    for status, body in (
        anonymous.get("/api/submissions"),
        anonymous.get(url(ward)),
        anonymous.put(url(ward), {"revision": 0, "tasks": ward_lines(r)}),
        anonymous.post(url(ward, "submit"), {"revision": 0}),
        anonymous.get(f"/api/plans/{r.plan.pk}/periods"),
    ):
        assert (status, body["error"]["code"]) == (401, "unauthenticated")
    assert snapshot(ward) == before


# ---- who may do what ----


def test_a_forged_id_of_another_units_report_is_404_or_403_and_changes_nothing(
    reporting: Reporting, api
):
    r = reporting
    ward = r.submission(r.ward)
    api(r.ward_officer).put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    _upload(api(r.ward_officer), ward, r.task2.pk, "bien-ban.pdf", PDF)
    evidence = Evidence.objects.get()
    before = snapshot(ward)
    body = {"revision": 1, "tasks": ward_lines(r, "Sửa trộm")}
    for outsider in (r.world.d3_officer, r.world.cu_chi_officer):  # cannot see the ward's
        client = api(outsider)
        for status, answer in (
            client.get(url(ward)),
            client.put(url(ward), body),
            client.post(url(ward, "submit"), {"revision": 1}),
            client.post(url(ward, "evidence"), {"task_id": r.task2.pk, "url": "https://a.vn/b"}),
            client.get(f"/api/evidence/{evidence.pk}/file"),
            client.delete(f"/api/evidence/{evidence.pk}"),
        ):
            assert (status, answer["error"]["code"]) == (404, "not_found")
            assert r.ward.name not in json.dumps(answer, ensure_ascii=False)
    for reader in (r.world.importer, r.world.city_reviewer):  # see it, may not write it
        client = api(reader)
        assert client.put(url(ward), body) == (
            403,
            {"error": {"code": "forbidden", "message": NOT_A_WRITER, "fields": []}},
        )
        status, answer = client.post(url(ward, "submit"), {"revision": 1})
        assert (status, answer["error"]["message"]) == (
            403,
            "Chỉ cán bộ hoặc lãnh đạo của đơn vị được gửi báo cáo này.",
        )
        assert client.delete(f"/api/evidence/{evidence.pk}")[0] == 403
        assert _upload(client, ward, r.task2.pk, "khac.pdf", PDF + b"\n")[0] == 403
    assert snapshot(ward) == before


def test_review_steps_are_refused_to_unit_officers(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    officer = api(r.ward_officer)
    officer.put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    officer.post(url(ward, "submit"), {"revision": 1})
    before = snapshot(ward)
    for step, body, message in [
        ("approve", {"revision": 2}, "Chỉ cơ quan thường trực của kế hoạch được duyệt báo cáo."),
        (
            "return",
            {"revision": 2, "reason": "Tự trả lại"},
            "Chỉ cơ quan thường trực của kế hoạch được trả lại báo cáo.",
        ),
        ("head-approve", {"revision": 2}, "Chỉ lãnh đạo đơn vị được duyệt báo cáo trong đơn vị."),
    ]:
        for person in (r.ward_officer, r.world.city_reviewer):
            status, answer = api(person).post(url(ward, step), body)
            assert (status, answer["error"]) == (
                403,
                {"code": "forbidden", "message": message, "fields": []},
            ), (step, person)
    status, answer = api(r.ward_officer).post(
        f"/api/submissions/{ward.pk}/reopen", {"until": "2025-06-01T17:00:00", "reason": "Cần"}
    )
    assert (status, answer["error"]["message"]) == (
        403,
        "Chỉ cơ quan thường trực của kế hoạch được thay đổi kỳ báo cáo.",
    )
    assert snapshot(ward) == before
    status, answer = api(r.world.importer).post(url(ward, "return"), {"revision": 2, "reason": ""})
    assert (status, answer["error"]["message"]) == (
        400,
        "Ghi rõ lý do (ít nhất 5 ký tự) để đơn vị biết cần sửa gì.",
    )
    assert snapshot(ward) == before


def test_a_token_acts_as_its_owner_and_needs_no_csrf(reporting: Reporting):
    r = reporting
    ward = r.submission(r.ward)
    _token, secret = create_token(user=r.ward_officer, name="Phần mềm phường", actor=None)
    program = ApiClient(Client(enforce_csrf_checks=True), {"Authorization": f"Bearer {secret}"})
    status, body = program.put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    assert (status, body["submission"]["revision"]) == (200, 1)
    status, body = program.post(url(ward, "submit"), {"revision": 1})
    assert (status, body["status"]) == (200, "submitted")
    assert SubmissionEvent.objects.get().actor == r.ward_officer
    culture = _culture(r)
    assert program.get(url(culture))[0] == 404
    wrong = ApiClient(Client(), {"Authorization": "Bearer nq57_sai"})
    assert wrong.put(url(ward), {"revision": 2})[0] == 401


def test_a_browser_session_must_send_the_csrf_token_to_write(reporting: Reporting):
    r = reporting
    ward = r.submission(r.ward)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(r.ward_officer)
    before = snapshot(ward)
    status, body = ApiClient(browser).put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    assert (status, body["error"]["code"]) == (403, "forbidden")
    assert snapshot(ward) == before
    assert ApiClient(browser).get(url(ward))[0] == 200


# ---- regimes and periods ----


def test_the_standing_office_sets_a_regime_and_gets_the_added_periods(reporting: Reporting, api):
    r = reporting
    path = f"/api/plans/{r.plan.pk}/regimes"
    status, body = api(r.world.d3_officer).get(path)
    assert (status, [(g["frequency"], g["due_dates"]) for g in body]) == (
        200,
        [("half_yearly", [{"month": 5, "day": 15}, {"month": 11, "day": 5}])],
    )
    quarterly = {"frequency": "quarterly", "due_day": 20, "months_after": 0, "cutoff_days": 2}
    status, body = api(r.world.importer).put(
        path, {"regimes": [quarterly], "first": "2025-01-01", "last": "2025-12-31"}
    )
    assert status == 200, body
    assert [g["frequency"] for g in body["regimes"]] == ["half_yearly", "quarterly"]
    assert [(p["label"], p["due"]) for p in body["added_periods"]] == [
        ("Quý I/2025", "2025-03-20T10:00:00Z"),
        ("Quý II/2025", "2025-06-20T10:00:00Z"),
        ("Quý III/2025", "2025-09-19T10:00:00Z"),  # 20/09/2025 is a Saturday
        ("Quý IV/2025", "2025-12-19T10:00:00Z"),
    ]
    assert Submission.objects.filter(period__regime__frequency="quarterly").count() == 8
    status, body = api(r.world.d3_officer).get(f"/api/plans/{r.plan.pk}/periods", limit=3)
    assert (status, body["total"]) == (200, 6)
    assert [p["label"] for p in body["items"]] == [
        "Quý I/2025",
        "6 tháng đầu năm 2025",
        "Quý II/2025",
    ]


def test_only_the_standing_office_sets_regimes(reporting: Reporting, api):
    r = reporting
    path = f"/api/plans/{r.plan.pk}/regimes"
    body = {"regimes": [{"frequency": "yearly"}], "first": "2025-01-01", "last": "2025-12-31"}
    for person in (r.world.d3_officer, r.ward_officer, r.ward_head, r.world.city_reviewer):
        status, answer = api(person).put(path, body)
        assert (status, answer["error"]["message"]) == (
            403,
            "Chỉ cơ quan thường trực của kế hoạch được đặt chế độ báo cáo.",
        )
    # Củ Chi's officer has nothing in the plan: it does not exist for them.
    for person in (r.world.cu_chi_officer,):
        status, answer = api(person).put(path, body)
        assert (status, answer["error"]["message"]) == (404, "Không tìm thấy kế hoạch.")
    assert list(ReportingRegime.objects.values_list("frequency", flat=True)) == ["half_yearly"]
    assert ReportingPeriod.objects.count() == 2


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"regimes": [{"frequency": "half_yearly", "due_dates": [{"month": 5, "day": 15}]}]},
            "regimes[0].due_dates",
            "cần đúng 2 ngày hạn, mỗi kỳ trong năm một ngày",
        ),
        (
            {"regimes": [{"frequency": "yearly"}], "last": "2024-12-31"},
            "last",
            "phải không sớm hơn first",
        ),
        (
            {"regimes": [{"frequency": "yearly"}], "last": "2040-12-31"},
            "last",
            "cách first quá 10 năm",
        ),
        (
            {"regimes": [{"frequency": "yearly"}, {"frequency": "yearly"}]},
            "regimes[1].frequency",
            "đã có ở trên: mỗi tần suất một chế độ",
        ),
        ({"regimes": [{"frequency": "ad_hoc"}]}, "regimes[0].frequency", None),
        (
            {"regimes": [{"frequency": "monthly", "due_day": 32}]},
            "regimes[0].due_day",
            "phải nhỏ hơn hoặc bằng 31",
        ),
        (
            {"regimes": [{"frequency": "monthly", "due_dates": [{"month": 13, "day": 1}]}]},
            "regimes[0].due_dates[0].month",
            "phải nhỏ hơn hoặc bằng 12",
        ),
        ({"regimes": []}, "regimes", "cần ít nhất 1 phần tử"),
    ],
)
def test_a_wrong_regime_is_refused_before_anything_is_stored(
    reporting: Reporting, api, body: dict[str, Any], field: str, message: str | None
):
    r = reporting
    payload = {"first": "2025-01-01", "last": "2025-12-31", **body}
    status, answer = api(r.world.importer).put(f"/api/plans/{r.plan.pk}/regimes", payload)
    assert (status, answer["error"]["code"]) == (422, "invalid_input")
    fields = {f["field"]: f["message"] for f in answer["error"]["fields"]}
    assert field in fields
    if message is not None:
        assert fields[field] == message
    assert ReportingRegime.objects.count() == 1 and ReportingPeriod.objects.count() == 2


def test_an_ad_hoc_period_is_added_by_the_standing_office(reporting: Reporting, api):
    r = reporting
    path = f"/api/plans/{r.plan.pk}/periods"
    body = {
        "label": "Báo cáo đột xuất về chuyển đổi số",
        "start": "2025-01-01",
        "end": "2025-05-31",
        "due": "2025-06-05T17:00:00",
    }
    status, answer = api(r.ward_officer).post(path, body)
    assert (status, answer["error"]["code"]) == (403, "forbidden")
    status, answer = api(r.world.importer).post(path, body)
    assert status == 201, answer
    assert (answer["frequency"], answer["label"], answer["due"], answer["cutoff"]) == (
        "ad_hoc",
        "Báo cáo đột xuất về chuyển đổi số",
        "2025-06-05T10:00:00Z",
        "2025-05-31",
    )
    status, answer = api(r.world.importer).post(path, body)
    assert (status, answer["error"]["message"]) == (
        400,
        "Đã có kỳ đột xuất bắt đầu ngày 01/01/2025.",
    )
    assert Submission.objects.filter(period_id=ReportingPeriod.objects.last().pk).count() == 2


def test_a_locked_period_refuses_the_units_until_it_is_reopened(reporting: Reporting, api):
    r = reporting
    period = f"/api/periods/{r.first_half.pk}"
    ward = r.submission(r.ward)
    status, body = api(r.ward_officer).post(period + "/lock")
    assert (status, body["error"]["message"]) == (
        403,
        "Chỉ cơ quan thường trực của kế hoạch được thay đổi kỳ báo cáo.",
    )
    assert not ReportingPeriod.objects.get(pk=r.first_half.pk).locked
    status, body = api(r.world.importer).post(period + "/lock")
    assert (status, body["locked"], body["is_locked"]) == (200, True, True)
    before = snapshot(ward)
    status, body = api(r.ward_officer).put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    assert (status, body["error"]["message"]) == (
        400,
        "Kỳ «6 tháng đầu năm 2025» đã khóa sau hạn nộp 17:00 ngày 15/05/2025. "
        "Liên hệ cơ quan thường trực để được mở lại.",
    )
    assert snapshot(ward) == before
    status, body = api(r.world.importer).post(
        period + "/reopen", {"until": "2025-05-09T17:00:00", "reason": "Cho nộp bổ sung"}
    )
    assert (status, body["error"]["message"]) == (400, "Thời điểm mở lại phải ở tương lai.")
    status, body = api(r.world.importer).post(
        period + "/reopen", {"until": "2025-05-20T17:00:00", "reason": "Cho nộp bổ sung"}
    )
    assert (status, body["is_locked"], body["unlocked_until"]) == (
        200,
        False,
        "2025-05-20T10:00:00Z",
    )
    assert api(r.ward_officer).put(url(ward), {"revision": 0, "tasks": ward_lines(r)})[0] == 200


def test_a_periods_compliance_shows_the_reports_one_may_see(reporting: Reporting, api):
    r = reporting
    path = f"/api/periods/{r.first_half.pk}/submissions"
    ward = r.submission(r.ward)
    api(r.ward_officer).put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    api(r.world.importer).post(
        f"/api/periods/{r.first_half.pk}/reopen",
        {"until": "2025-05-20T17:00:00", "reason": "Cho nộp muộn"},
    )
    with time_machine.travel(datetime(2025, 5, 17, 10, 0, tzinfo=VN), tick=False):
        assert api(r.ward_officer).post(url(ward, "submit"), {"revision": 1})[0] == 200
    status, body = api(r.world.importer).get(path)
    assert status == 200
    assert [
        (row["unit"]["name"], row["status"], row["days_late"], row["revision"])
        for row in body["items"]
    ] == [
        ("Phòng Văn hóa, Khoa học và Thông tin", "not_started", None, 0),
        ("Ủy ban nhân dân Phường Võ Thị Sáu", "submitted", 2, 2),
    ]
    assert body["items"][1]["first_submitted_at"] == "2025-05-17T03:00:00Z"
    status, body = api(r.ward_officer).get(path)
    assert (status, [row["unit"]["id"] for row in body["items"]]) == (200, [r.ward.pk])
    status, body = api(r.world.cu_chi_officer).get(path)
    assert (status, body["error"]["message"]) == (404, "Không tìm thấy kỳ báo cáo.")


def test_submissions_are_listed_and_filtered(reporting: Reporting, api):
    r = reporting
    ward = r.submission(r.ward)
    api(r.ward_officer).put(url(ward), {"revision": 0, "tasks": ward_lines(r)})
    client = api(r.world.importer)
    status, body = client.get("/api/submissions")
    assert (status, body["total"], body["limit"], body["offset"]) == (200, 4, 50, 0)
    assert [(s["period"]["label"], s["unit"]["name"]) for s in body["items"]] == [
        ("6 tháng đầu năm 2025", "Phòng Văn hóa, Khoa học và Thông tin"),
        ("6 tháng đầu năm 2025", "Ủy ban nhân dân Phường Võ Thị Sáu"),
        ("6 tháng cuối năm 2025", "Phòng Văn hóa, Khoa học và Thông tin"),
        ("6 tháng cuối năm 2025", "Ủy ban nhân dân Phường Võ Thị Sáu"),
    ]
    assert body["items"][0]["plan"] == {
        "id": r.plan.pk,
        "number": "91/KH-UBND",
        "title": r.plan.title,
    }
    for params, expected in [
        ({"status": "draft"}, [ward.pk]),
        ({"unit": r.ward.pk, "period": r.second_half.pk}, [r.submission(r.ward, r.second_half).pk]),
        ({"plan": r.plan.pk + 1000}, []),
        ({"limit": 1, "offset": 1}, [ward.pk]),
    ]:
        status, body = client.get("/api/submissions", **params)
        assert (status, [s["id"] for s in body["items"]]) == (200, expected), params
    status, body = api(r.world.d3_officer).get("/api/submissions")
    assert {s["unit"]["name"] for s in body["items"]} == {"Phòng Văn hóa, Khoa học và Thông tin"}
    status, body = api(r.world.cu_chi_officer).get("/api/submissions")
    assert (status, body["total"]) == (200, 0)


def test_the_lead_unit_sees_what_coordinating_units_reported(reporting: Reporting, api):
    r = reporting
    api(r.ward_officer).put(url(r.submission(r.ward)), {"revision": 0, "tasks": ward_lines(r)})
    status, body = api(r.world.d3_officer).get(url(_culture(r)))
    assert status == 200
    assert [
        (c["task_id"], c["unit"]["name"], c["lifecycle"], c["percent"])
        for c in body["contributions"]
    ] == [(r.task1.pk, "Ủy ban nhân dân Phường Võ Thị Sáu", "in_progress", 40)]
