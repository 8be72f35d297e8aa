"""The consolidated report downloaded from the period page and written by `nq57 report`:
a Word file whose tables hold the plan's rows, read back with python-docx."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client
from docx import Document

from nq57.audit.models import AuditEvent
from nq57.cli import main
from tests.evaluation.test_consolidated import _culture_reports
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
MAY_20 = datetime(2025, 5, 20, 9, 0, tzinfo=VN)


def _texts(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_office_downloads_the_word_report(reporting: Reporting):
    r = reporting
    with time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False):
        _culture_reports(r)
    client = Client()
    client.force_login(r.world.importer)
    with time_machine.travel(MAY_20, tick=False):
        response = client.get(f"/ky-bao-cao/{r.first_half.pk}/bao-cao-tong-hop.docx")
    assert response.status_code == 200
    assert "Bao-cao-91-KH-UBND-6-thang-dau-nam-2025.docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kết quả thực hiện Kế hoạch số 91/KH-UBND" in text
    tables = [_texts(t) for t in document.tables]
    tasks = next(t for t in tables if t and "Nhiệm vụ" in t[0] and "Tình trạng" in t[0])
    assert [row[0] for row in tasks[1:]] == ["1", "2"]
    assert any("Hoàn thành đúng hạn" in cell for cell in tasks[1])
    compliance = next(t for t in tables if t and "Thời điểm gửi" in " ".join(t[0]))
    assert len(compliance) == 3  # header + 2 units
    assert AuditEvent.objects.filter(action="exports.report_exported").count() == 1


def test_those_who_may_not_read_every_report_get_no_report(reporting: Reporting):
    r = reporting
    for person in (r.ward_officer, r.world.d3_officer):
        client = Client()
        client.force_login(person)
        url = f"/ky-bao-cao/{r.first_half.pk}/bao-cao-tong-hop.docx"
        assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="exports.report_exported").exists()


def test_the_command_writes_the_report(reporting: Reporting, tmp_path: Path, capsys: Any):
    r = reporting
    with time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False):
        _culture_reports(r)
    target = tmp_path / "bc.xlsx"
    args = ["report", "91/KH-UBND", "--period", "6 tháng đầu năm 2025", "--format", "xlsx",
            "--day", "20/05/2025", "-o", str(target)]  # fmt: skip
    assert main(args) == 0
    assert target.read_bytes()[:2] == b"PK"
    assert "Đã ghi báo cáo tổng hợp 6 tháng đầu năm 2025" in capsys.readouterr().out
    assert main(["report", "91/KH-UBND", "--period", "Quý I/2025"]) == 2
    error = capsys.readouterr().err
    assert "Kế hoạch không có kỳ «Quý I/2025»" in error and "6 tháng đầu năm 2025" in error
