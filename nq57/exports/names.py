"""File names of a plan's exports, built from its number ('91/KH-UBND' → 'ke-hoach-91-KH-UBND')."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from nq57.lib.vntext import nfc
from nq57.plans.models import Plan
from nq57.reporting.models import ReportingPeriod

_UNSAFE = re.compile(r"[^\w.-]+")
_NOT_ASCII = re.compile(r"[^A-Za-z0-9.-]+")


@dataclass(frozen=True)
class ExportName:
    """The file name in Vietnamese (UTF-8) and its plain-ASCII fallback."""

    utf8: str
    ascii: str

    def content_disposition(self) -> str:
        return attachment_header(self.utf8, self.ascii)


def attachment_header(name: str, ascii_name: str | None = None) -> str:
    """The Content-Disposition of a download: ASCII `filename` for old clients (derived from
    `name` unless given), UTF-8 `filename*` (RFC 6266)."""
    plain = ascii_name or _ascii(name) or "tep"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"


def export_name(plan: Plan, extension: str) -> ExportName:
    """'Kế hoạch 91-KH-UBND.xlsx' / 'ke-hoach-91-KH-UBND.xlsx'; the id when there is no number."""
    label = _slug(nfc(plan.number or "")) or str(plan.pk)
    plain = _ascii(label) or str(plan.pk)
    return ExportName(utf8=f"Kế hoạch {label}.{extension}", ascii=f"ke-hoach-{plain}.{extension}")


def report_name(period: ReportingPeriod, extension: str) -> ExportName:
    """'Báo cáo 91-KH-UBND 6 tháng đầu năm 2025.docx' / 'bao-cao-91-KH-UBND-6-thang-…docx'."""
    label = _slug(nfc(period.plan.number or "")) or str(period.plan_id)
    plain = _ascii(f"bao-cao-{label}-{period.label}".replace(" ", "-").lower())
    return ExportName(f"Báo cáo {label} {period.label}.{extension}", f"{plain}.{extension}")


def _slug(text: str) -> str:
    """Separators and anything unsafe in a file name become single dashes."""
    return _UNSAFE.sub("-", text.replace("_", "-")).strip("-.")


def _ascii(text: str) -> str:
    plain = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return _NOT_ASCII.sub("-", plain).strip("-.")
