"""Evidence files are judged by their content, not their name (nq57.lib.filetypes)."""

from __future__ import annotations

import io
import zipfile

import pytest

from nq57.lib.filetypes import check_evidence

LIMIT = 1024 * 1024


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("Biên bản.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("anh.JPG", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        ("anh.png", b"\x89PNG\r\n\x1a\nrest", "image/png"),
        ("bao-cao.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),  # noqa: E501
        ("so-lieu.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("van-ban.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "application/msword"),
        ("ghi-chu.txt", "Đã thực hiện".encode(), "text/plain"),
        ("so-lieu.csv", b"a,b\n1,2\n", "text/csv"),
    ],
)  # fmt: skip
def test_accepted_files(name: str, data: bytes, content_type: str) -> None:
    assert check_evidence(name, data, LIMIT).content_type == content_type


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00rest", "Tệp «bao-cao.pdf» là tệp chương trình Windows (.exe/.dll), không được tải lên làm minh chứng."),  # noqa: E501
        ("chay.sh.txt", b"#!/bin/sh\nrm -rf /", "Tệp «chay.sh.txt» là tệp kịch bản (script), không được tải lên làm minh chứng."),  # noqa: E501
        ("x.pdf", b"\x7fELF...", "Tệp «x.pdf» là tệp chương trình Linux, không được tải lên làm minh chứng."),  # noqa: E501
        ("bao-cao.docx", XLSX, "Nội dung tệp «bao-cao.docx» không phải DOCX như tên tệp ghi; không lưu. Hãy kiểm tra lại tệp."),  # noqa: E501
        ("anh.png", b"%PDF-1.4", "Nội dung tệp «anh.png» không phải PNG như tên tệp ghi; không lưu. Hãy kiểm tra lại tệp."),  # noqa: E501
        ("setup.exe", b"\x00\x01", "Không nhận loại tệp «setup.exe». Chỉ nhận: PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, ODT, ODS, ODP, JPG, PNG, TXT, CSV."),  # noqa: E501
        ("rong.pdf", b"", "Tệp «rong.pdf» rỗng."),
        ("bang.csv", b"a,b\x00\x00", "Nội dung tệp «bang.csv» không phải CSV như tên tệp ghi; không lưu. Hãy kiểm tra lại tệp."),  # noqa: E501
    ],
)  # fmt: skip
def test_refused_files(name: str, data: bytes, error: str) -> None:
    assert check_evidence(name, data, LIMIT).error == error


def test_size_limit() -> None:
    check = check_evidence("lon.pdf", b"%PDF-" + b"0" * LIMIT, LIMIT)
    assert check.error == "Tệp «lon.pdf» nặng 1,0 MB, vượt giới hạn 1,0 MB."


def test_extensions_for_content_types() -> None:
    from nq57.lib.filetypes import extension_for

    assert extension_for("application/pdf") == ".pdf"
    assert (
        extension_for("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        == ".docx"
    )
    assert extension_for("application/x-msdownload") == ""
