"""Reading plan documents into `ParsedPlan`s (pure Python, no Django).

Entry points: `parse_bytes(data, file_name)` for an uploaded or given file and
`parse_text(text, file_name)` for text already decoded. `PARSERS` names each format's reader.
"""

from __future__ import annotations

from collections.abc import Callable

from nq57.ingest import docx_reader, gazette, layout_text, pdf_reader, webtext
from nq57.ingest.document import read_document
from nq57.ingest.encoding import ENCODING_LABELS, check_size, decode_text
from nq57.ingest.model import IngestError, ParsedPlan, ParseWarning
from nq57.ingest.text import TextTableParser
from nq57.ingest.warnings import check_records
from nq57.lib.regime_text import reporting_sentences

__all__ = ["PARSERS", "IngestError", "ParsedPlan", "parse_bytes", "parse_text"]


def _tables_text(text: str) -> ParsedPlan:
    lines = text.split("\n")
    tasks, indicators, warnings = TextTableParser().parse(lines)
    return ParsedPlan(read_document(lines), indicators, tasks, warnings)


def _layout_text(text: str) -> ParsedPlan:
    lines = text.split("\n")
    tasks, warnings = layout_text.parse_layout_tasks(text)
    return ParsedPlan(read_document(lines), [], tasks, warnings)


def _gazette(text: str) -> ParsedPlan:
    plain = gazette.gazette_to_text(text)
    return (_layout_text if layout_text.looks_like_layout_text(plain) else _tables_text)(plain)


PARSERS: dict[str, Callable[[str], ParsedPlan]] = {
    "text-tables": _tables_text,  # tab-separated or Markdown pipe tables (DOCX/PDF exports)
    "text-layout": _layout_text,  # raw PDF text, cells broken over lines, columns interleaved
    "web-cells": lambda text: _tables_text(webtext.web_cells_to_text(text)),  # '|' lines (web)
    "gazette": _gazette,  # Công báo PDF text: running headers, one cell per line
}


def choose_parser(text: str) -> str:
    if webtext.looks_like_web_cells(text):
        return "web-cells"
    if gazette.looks_like_gazette(text):
        return "gazette"
    return "text-layout" if layout_text.looks_like_layout_text(text) else "text-tables"


def parse_text(text: str, file_name: str | None = None) -> ParsedPlan:
    """Read a plan from decoded text; raises IngestError when no table is found."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parser = choose_parser(text)
    plan = PARSERS[parser](text)
    plan.parser = parser
    plan.document.file = file_name
    plan.document.reporting = reporting_sentences(text)
    if not plan.tasks and not plan.indicators:
        raise IngestError(
            "Không tìm thấy bảng nhiệm vụ hoặc bảng chỉ tiêu nào trong tệp. Bảng cần có dòng "
            "tiêu đề (ví dụ: 'STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | "
            "Thời gian hoàn thành')."
        )
    plan.warnings += check_records(plan)
    return plan


_BINARY_FORMATS: list[tuple[str, Callable[[bytes], bool], Callable[[bytes], str]]] = [
    ("docx", docx_reader.is_docx, docx_reader.docx_to_text),
    ("pdf", pdf_reader.is_pdf, pdf_reader.pdf_to_text),
]


def _named_docx(file_name: str | None) -> bool:
    return bool(file_name) and str(file_name).lower().endswith(".docx")


def parse_bytes(data: bytes, file_name: str | None = None) -> ParsedPlan:
    """Read a plan file (DOCX, text-layer PDF, or text with legacy TCVN3/VNI converted)."""
    check_size(len(data))
    if _named_docx(file_name) and data.startswith(b"PK") and not docx_reader.is_docx(data):
        raise IngestError(docx_reader.CORRUPT)  # a broken .docx, not a ZIP to unpack
    for name, is_format, to_text in _BINARY_FORMATS:
        if is_format(data):
            plan = parse_text(to_text(data), file_name)
            plan.parser = f"{name}+{plan.parser}"
            return plan
    decoded = decode_text(data)
    plan = parse_text(decoded.text, file_name)
    if decoded.converted:
        plan.warnings.insert(
            0,
            ParseWarning(
                f"Tệp dùng bảng mã cũ {ENCODING_LABELS.get(decoded.encoding, decoded.encoding)}; "
                "đã chuyển sang Unicode. "
                "Hãy kiểm tra lại dấu tiếng Việt."
            ),
        )
    return plan
