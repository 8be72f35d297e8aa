"""File names of exports: built from the plan number, with a safe ASCII fallback."""

from __future__ import annotations

import pytest

from nq57.exports.names import ExportName, export_name
from nq57.plans.models import Plan


@pytest.mark.parametrize(
    ("number", "utf8", "ascii"),
    [
        ("91/KH-UBND", "Kế hoạch 91-KH-UBND.xlsx", "ke-hoach-91-KH-UBND.xlsx"),
        ("459-KH/TU", "Kế hoạch 459-KH-TU.xlsx", "ke-hoach-459-KH-TU.xlsx"),
        ("2629/QĐ-TTg", "Kế hoạch 2629-QĐ-TTg.xlsx", "ke-hoach-2629-QD-TTg.xlsx"),
        ("193/2025/QH15", "Kế hoạch 193-2025-QH15.xlsx", "ke-hoach-193-2025-QH15.xlsx"),
        (' 12 /KH"UBND\r\n; x', "Kế hoạch 12-KH-UBND-x.xlsx", "ke-hoach-12-KH-UBND-x.xlsx"),
        (None, "Kế hoạch 42.xlsx", "ke-hoach-42.xlsx"),
        ("/", "Kế hoạch 42.xlsx", "ke-hoach-42.xlsx"),
        ("Đề án", "Kế hoạch Đề-án.xlsx", "ke-hoach-De-an.xlsx"),
    ],
)
def test_it_names_the_file_after_the_plan_number(number: str | None, utf8: str, ascii: str) -> None:
    name = export_name(Plan(pk=42, number=number), "xlsx")
    assert name == ExportName(utf8=utf8, ascii=ascii)
    assert name.ascii.isascii()


def test_the_header_carries_both_names() -> None:
    name = ExportName(utf8="Kế hoạch 2629-QĐ-TTg.xlsx", ascii="ke-hoach-2629-QD-TTg.xlsx")
    assert name.content_disposition() == (
        'attachment; filename="ke-hoach-2629-QD-TTg.xlsx"; '
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%202629-Q%C4%90-TTg.xlsx"
    )
