"""What an uploaded evidence file really is, by its content, checked against its name. Pure.

Accepted: PDF, Word/Excel/PowerPoint (DOCX, XLSX, PPTX and the old DOC, XLS, PPT),
OpenDocument (ODT, ODS, ODP), JPEG, PNG and plain text/CSV. The name's extension must agree
with the content: a program renamed 'bao-cao.pdf' is refused, as is any executable or script.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

ACCEPTED = "PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, ODT, ODS, ODP, JPG, PNG, TXT, CSV"

_OOXML = {
    "docx": ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
_ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
_OLE = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}
_PROGRAMS = (
    (b"MZ", "tệp chương trình Windows (.exe/.dll)"),
    (b"\x7fELF", "tệp chương trình Linux"),
    (b"\xcf\xfa\xed\xfe", "tệp chương trình macOS"),
    (b"\xca\xfe\xba\xbe", "tệp chương trình"),
    (b"#!", "tệp kịch bản (script)"),
)


@dataclass(frozen=True)
class FileCheck:
    """`content_type` when accepted, else `error` (Vietnamese)."""

    content_type: str = ""
    error: str = ""


_SIMPLE = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "txt": "text/plain",
    "csv": "text/csv",
}


def extension_for(content_type: str) -> str:
    """The usual extension ('.docx') of an accepted content type, or ''."""
    known = {**_SIMPLE, **_ODF, **_OLE, **{ext: kind for ext, (_, kind) in _OOXML.items()}}
    return next((f".{ext}" for ext, kind in known.items() if kind == content_type), "")


def check_evidence(name: str, data: bytes, max_bytes: int) -> FileCheck:
    """Whether `data` named `name` may be stored as evidence (see the module docstring)."""
    shown = PurePath(name).name or "tệp"
    if not data:
        return FileCheck(error=f"Tệp «{shown}» rỗng.")
    if len(data) > max_bytes:
        return FileCheck(
            error=f"Tệp «{shown}» nặng {_mb(len(data))}, vượt giới hạn {_mb(max_bytes)}."
        )
    for magic, what in _PROGRAMS:
        if data.startswith(magic):
            return FileCheck(error=f"Tệp «{shown}» là {what}, không được tải lên làm minh chứng.")
    extension = PurePath(name).suffix.lower().lstrip(".")
    content_type = _content_type(extension, data)
    if content_type:
        return FileCheck(content_type=content_type)
    if extension not in {*_OOXML, *_ODF, *_OLE, "pdf", "jpg", "jpeg", "png", "txt", "csv"}:
        return FileCheck(error=f"Không nhận loại tệp «{shown}». Chỉ nhận: {ACCEPTED}.")
    return FileCheck(
        error=f"Nội dung tệp «{shown}» không phải {extension.upper()} như tên tệp ghi; "
        "không lưu. Hãy kiểm tra lại tệp."
    )


def _content_type(extension: str, data: bytes) -> str:
    if extension == "pdf":
        return "application/pdf" if data[:1024].lstrip().startswith(b"%PDF-") else ""
    if extension in ("jpg", "jpeg"):
        return "image/jpeg" if data.startswith(b"\xff\xd8\xff") else ""
    if extension == "png":
        return "image/png" if data.startswith(b"\x89PNG\r\n\x1a\n") else ""
    if extension in _OLE:
        return _OLE[extension] if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") else ""
    if extension in _OOXML or extension in _ODF:
        return _zip_type(extension, data)
    if extension in ("txt", "csv"):
        return _text_type(extension, data)
    return ""


def _zip_type(extension: str, data: bytes) -> str:
    if not data.startswith(b"PK\x03\x04"):
        return ""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if extension in _ODF:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return _ODF[extension] if mimetype == _ODF[extension] else ""
    except (zipfile.BadZipFile, KeyError, OSError):
        return ""
    folder, content_type = _OOXML[extension]
    ok = "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
    return content_type if ok else ""


def _text_type(extension: str, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        return ""
    try:
        data[:65536].decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < 65530:  # a character cut at the end of the sample is fine
            return ""
    return "text/csv" if extension == "csv" else "text/plain"


def oversize_message(content_length: object, limit: int, margin: int = 64 * 1024) -> str:
    """A refusal when a request of `content_length` bytes is too long to carry a file within
    `limit` (plus `margin` for the form's other fields), else ''."""
    length = str(content_length or "0")
    if not length.isdigit() or int(length) <= limit + margin:
        return ""
    return (
        f"Tệp quá lớn ({int(length) / 1024 / 1024:.0f} MB); giới hạn "
        f"{limit // 1024 // 1024} MB mỗi tệp. Không lưu gì."
    )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
