"""A small District 3 plan as tab-separated text (the form DOCX/PDF exports take), to edit."""

from __future__ import annotations

HEADER = """ỦY BAN NHÂN DÂN QUẬN 3

Số: 91/KH-UBND

Quận 3, ngày 24 tháng 3 năm 2025

KẾ HOẠCH

Triển khai thực hiện Nghị quyết số 57-NQ/TW trên địa bàn Quận 3

Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị;

Phụ lục II

DANH MỤC NHIỆM VỤ

STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành
I\tNâng cao nhận thức về chuyển đổi số\t\t\t
"""

TASKS = [
    ("1", "Ban hành chương trình tuyên truyền về Nghị quyết 57-NQ/TW",
     "Phòng Văn hóa, Khoa học và Thông tin", "Phòng Nội vụ", "6/2025"),
    ("2", "Tổ chức hội thảo về chuyển đổi số cho cán bộ",
     "Phòng Văn hóa, Khoa học và Thông tin", "Trung tâm Chính trị Quận 3", "Quý II/2025"),
    ("3", "Bồi dưỡng kỹ năng số cho cán bộ, công chức",
     "Phòng Nội vụ quận", "Phòng Văn hóa, Khoa học và Thông tin", "Hằng năm"),
    ("4", "Xây dựng cơ sở dữ liệu dùng chung của quận",
     "Văn phòng Ủy ban nhân dân Quận 3", "Các phòng, ban chuyên môn", "Năm 2026"),
]  # fmt: skip


def plan_text(tasks: list[tuple[str, str, str, str, str]] | None = None) -> bytes:
    rows = "\n".join("\t".join(task) for task in (TASKS if tasks is None else tasks))
    return (HEADER + rows + "\n").encode("utf-8")
