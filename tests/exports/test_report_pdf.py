"""The consolidated report as PDF: LibreOffice headless prints the Word document (it must be
installed, as for tests/fixtures/build_documents.py); without it, or when it fails, the
officer gets a Vietnamese message, never a traceback."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pdfplumber
import pytest

from nq57.exports import report_pdf
from nq57.exports.report_errors import ReportFormatError
from nq57.exports.report_pdf import build_pdf
from tests.exports.report_fixture import district3_report

MISSING = (
    "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; "
    "hãy tải bản Word (DOCX) rồi lưu thành PDF."
)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return build_pdf(district3_report())


def lines(page: pdfplumber.page.Page) -> list[str]:
    return (page.extract_text() or "").splitlines()


def fake_soffice(folder: Path, body: str) -> Path:
    script = folder / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_it_prints_the_word_document_to_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = document.pages
        assert len(pages) >= 2
        first = lines(pages[0])
        assert first[0] == "ỦY BAN NHÂN DÂN QUẬN 3 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        assert "Độc lập - Tự do - Hạnh phúc" in first[1]
        assert any(line.endswith("Quận 3, ngày 20 tháng 7 năm 2025") for line in first[:5])
        assert "BÁO CÁO" in first
        assert lines(pages[1])[0] == "2"  # page numbers from page 2, none on page 1
        fonts = {char["fontname"].split("+")[-1] for char in pages[0].chars}
        assert all("Serif" in font or "Times" in font for font in fonts), fonts
        assert (round(pages[0].width), round(pages[0].height)) == (595, 842)  # A4 portrait
        appendix = next(p for p in pages if "Phụ lục 1. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ" in lines(p))
        assert (round(appendix.width), round(appendix.height)) == (842, 595)  # landscape


def test_without_libreoffice_it_says_to_download_the_docx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_pdf, "soffice_path", lambda: None)
    with pytest.raises(ReportFormatError) as raised:
        build_pdf(district3_report())
    assert raised.value.message == MISSING
    assert str(raised.value) == MISSING


def test_a_configured_path_that_does_not_exist_counts_as_no_libreoffice(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NQ57_SOFFICE", str(tmp_path / "khong-co" / "soffice"))
    assert report_pdf.soffice_path() is None
    with pytest.raises(ReportFormatError) as raised:
        build_pdf(district3_report())
    assert raised.value.message == MISSING


@pytest.mark.parametrize("body", ["echo hỏng >&2; exit 3", "exit 0"])
def test_a_failed_conversion_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str
) -> None:
    # LibreOffice exits with an error, or exits 0 without writing a PDF
    monkeypatch.setenv("NQ57_SOFFICE", str(fake_soffice(tmp_path, body)))
    with pytest.raises(ReportFormatError) as raised:
        build_pdf(district3_report())
    assert raised.value.message == (
        "LibreOffice không chuyển được báo cáo sang PDF; hãy tải bản Word (DOCX) rồi lưu thành PDF."
    )


def test_a_conversion_that_hangs_is_stopped_at_the_time_limit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NQ57_SOFFICE", str(fake_soffice(tmp_path, "sleep 30")))
    start = time.perf_counter()
    with pytest.raises(ReportFormatError) as raised:
        build_pdf(district3_report(), timeout=0.5)
    assert time.perf_counter() - start < 10
    assert raised.value.message == (
        "LibreOffice chưa chuyển xong báo cáo sang PDF sau 0,5 giây; "
        "hãy tải bản Word (DOCX) rồi lưu thành PDF."
    )
