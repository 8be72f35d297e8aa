"""Consolidated reports to write: District 3's first half of 2025, and one of any size.

`district3_report()` is what Phòng Văn hóa, Khoa học và Thông tin of Quận 3 would send for
Kế hoạch 91/KH-UBND (tasks named as in tests/fixtures/gold/001_*.json): three sections, ten
tasks, five indicators, twelve units of which one sent three days late and two never sent,
and no proposal at all (so 'III.2' says 'Không có.').
"""

from __future__ import annotations

from datetime import date

from nq57.exports.report_model import (
    ComplianceRow,
    ConsolidatedReport,
    Header,
    IndicatorRow,
    Section,
    Sentence,
    Source,
    TaskRow,
)

PERIOD = "6 tháng đầu năm 2025"
CULTURE = "Phòng Văn hóa, Khoa học và Thông tin"
HOME = "Phòng Nội vụ"
OFFICE = "Văn phòng Ủy ban nhân dân Quận 3"
WARDS = "Ủy ban nhân dân 10 phường"

HEADER = Header(
    parent_body="ỦY BAN NHÂN DÂN QUẬN 3",
    body="PHÒNG VĂN HÓA, KHOA HỌC VÀ THÔNG TIN",
    number="Số:        /BC-VHKHTT",
    place="Quận 3",
    day=date(2025, 7, 20),
    kind="BÁO CÁO",
    summary=(
        "Kết quả thực hiện Kế hoạch số 91/KH-UBND ngày 24/03/2025 của Ủy ban nhân dân Quận 3 "
        f"{PERIOD}"
    ),
    recipients=("- Ủy ban nhân dân Quận 3;", "- Sở Khoa học và Công nghệ;", "- Lưu: VT, VHKHTT."),
    signer_title="KT. TRƯỞNG PHÒNG\nPHÓ TRƯỞNG PHÒNG",
    signer_name="Nguyễn Văn An",
)

TASKS = (
    ("1", "Ban hành và tổ chức triển khai chương trình tuyên truyền thường xuyên, sâu rộng về "
     "nội dung Nghị quyết 57-NQ/TW", CULTURE, "4/2025", "Hoàn thành đúng hạn",
     "Đã ban hành Chương trình số 12/CTr-VHKHTT", (1,)),
    ("2", "Biên soạn tài liệu tuyên truyền ngắn gọn, dễ hiểu về khoa học, công nghệ, đổi mới "
     "sáng tạo và chuyển đổi số cho người dân và doanh nghiệp", CULTURE, "Quý II 2025",
     "Hoàn thành trễ hạn", "Đã phát hành 5.000 tờ gấp", (1,)),
    ("3", "Xây dựng chuyên trang, chuyên mục khoa học, công nghệ, đổi mới sáng tạo và chuyển "
     "đổi số với cuộc sống trên Cổng TTĐT quận và mạng xã hội", OFFICE, "Thường xuyên",
     "Định kỳ, thường xuyên", "Đăng 42 tin, bài", (2,)),
    ("4", "Rà soát, sửa đổi quy định về tiêu chí xếp loại người đứng đầu, đánh giá mức độ "
     "hoàn thành hàng năm", HOME, "Quý II 2025", "Quá hạn", "", ()),
    ("7", "Triển khai thực hiện chương trình đào tạo, bồi dưỡng cho cán bộ, công chức, viên "
     "chức kiến thức về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", HOME,
     "Quý II/2025", "Hoàn thành đúng hạn", "Tổ chức 3 lớp cho 260 người", (3,)),
    ("11", "Đổi mới quy định quản lý nhiệm vụ khoa học công nghệ cấp quận, cấp cơ sở sử dụng "
     "ngân sách nhà nước", CULTURE, "2025", "Trong hạn (40%)",
     "Đang lấy ý kiến dự thảo quy định", (1,)),
    ("12", "Rà soát các điểm nghẽn phục vụ hoạt động phát triển khoa học, công nghệ, đổi mới "
     "sáng tạo và chuyển đổi số", WARDS, "Thường xuyên", "Định kỳ, thường xuyên",
     "Phường Võ Thị Sáu đã rà soát 14 thủ tục", (4, 5)),
    ("16", "Thí điểm các mô hình, cơ chế mới về chuyển đổi số", CULTURE, "Thường xuyên",
     "Định kỳ, thường xuyên", "", ()),
    ("18", "Đẩy mạnh ứng dụng trí tuệ nhân tạo dựa trên dữ liệu lớn trong các ngành, lĩnh vực "
     "quan trọng", CULTURE, "Thường xuyên", "Định kỳ, thường xuyên",
     "Thử nghiệm trợ lý ảo trả lời thủ tục hành chính", (1,)),
    ("20", "Xây dựng Chương trình phát triển kinh tế số, xã hội", CULTURE, "Quý II/2025",
     "Quá hạn", "", ()),
)  # fmt: skip

INDICATORS = (
    IndicatorRow("6.1", "Tỉ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
                 "%", "≥ 80 (2030)", "75,5", "Đúng lộ trình", (2, 6)),
    IndicatorRow("6.2", "Tỉ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ "
                 "tục hành chính có đủ điều kiện", "%", "90 (2030)", "92", "Đạt", (2,)),
    IndicatorRow("6.3", "Tỉ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "%",
                 "100 (2030)", "61,25", "Chậm", (4, 5)),
    IndicatorRow("6.6", "Tỉ lệ thanh toán trực tuyến trong giải quyết thủ tục hành chính, dịch "
                 "vụ công", "%", "80 (2030)", "—", "Chưa có số liệu"),
    IndicatorRow("3", "Xếp hạng năng lực cạnh tranh số", "Thứ bậc",
                 "Xếp hạng ở nhóm 05 quận dẫn đầu (2030)", "—", "Cần đánh giá"),
)  # fmt: skip

COMPLIANCE = (
    ComplianceRow(CULTURE, "Đúng hạn", "12/05/2025 09:00"),
    ComplianceRow(HOME, "Đúng hạn", "14/05/2025 16:30"),
    ComplianceRow(OFFICE, "Đúng hạn", "13/05/2025 10:15"),
    ComplianceRow("Phòng Tài nguyên và Môi trường", "Trễ 3 ngày", "20/05/2025 08:05"),
    ComplianceRow("Phòng Y tế", "Chưa gửi"),
    ComplianceRow("Ủy ban nhân dân Phường Bàn Cờ", "Đúng hạn", "15/05/2025 11:00"),
    ComplianceRow("Ủy ban nhân dân Phường Nhiêu Lộc", "Đúng hạn", "15/05/2025 14:20"),
    ComplianceRow("Ủy ban nhân dân Phường Võ Thị Sáu", "Đúng hạn", "09/05/2025 17:00"),
    ComplianceRow("Ủy ban nhân dân Phường Xuân Hòa", "Đúng hạn", "14/05/2025 09:45"),
    ComplianceRow("Ủy ban nhân dân Phường 1", "Chưa gửi"),
    ComplianceRow("Ủy ban nhân dân Phường 2", "Đúng hạn", "12/05/2025 15:00"),
    ComplianceRow("Ủy ban nhân dân Phường 3", "Đúng hạn", "13/05/2025 08:30"),
)

SOURCES = (
    Source(1, f"Báo cáo {PERIOD} của {CULTURE} (phiên bản 1, duyệt 16/05/2025), nhiệm vụ 1"),
    Source(2, f"Báo cáo {PERIOD} của {OFFICE} (phiên bản 2, duyệt 18/05/2025), nhiệm vụ 3"),
    Source(3, f"Báo cáo {PERIOD} của {HOME} (phiên bản 1, duyệt 16/05/2025), nhiệm vụ 7"),
    Source(
        4,
        f"Báo cáo {PERIOD} của Ủy ban nhân dân Phường Võ Thị Sáu (phiên bản 1, duyệt "
        "12/05/2025), nhiệm vụ 12",
    ),
    Source(
        5,
        f"Báo cáo {PERIOD} của Ủy ban nhân dân Phường Bàn Cờ (phiên bản 1, duyệt "
        "16/05/2025), nhiệm vụ 12",
    ),
    Source(6, f"Báo cáo {PERIOD} của {OFFICE} (phiên bản 2), phần đánh giá chung: kiến nghị"),
)

RESULTS = (
    Section(
        "I. Tổ chức thực hiện tốt công tác quán triệt và tuyên truyền",
        (
            Sentence(
                "Có 5 nhiệm vụ: 2 hoàn thành đúng hạn, 1 hoàn thành trễ hạn, 1 quá hạn, "
                "1 định kỳ, thường xuyên."
            ),
            Sentence(f"{CULTURE} (nhiệm vụ 1): Đã ban hành Chương trình số 12/CTr-VHKHTT.", (1,)),
            Sentence(f"{HOME} (nhiệm vụ 7): Tổ chức 3 lớp cho 260 người.", (3,)),
        ),
    ),
    Section(
        "II. Khẩn trương, quyết liệt hoàn thiện thể chế",
        (
            Sentence("Có 3 nhiệm vụ: 1 trong hạn, 2 định kỳ, thường xuyên."),
            Sentence("Tỉ lệ sử dụng dịch vụ công trực tuyến đạt 75,5%.", (2, 6)),
            Sentence(
                "Ủy ban nhân dân Phường Võ Thị Sáu (nhiệm vụ 12): đã rà soát 14 thủ tục.", (4, 5)
            ),
        ),
    ),
    Section("III. Tăng cường đầu tư, hoàn thiện hạ tầng", ()),
)


def district3_report() -> ConsolidatedReport:
    """The first half of 2025 as District 3's culture office reports it (see the module)."""
    return ConsolidatedReport(
        header=HEADER,
        period=PERIOD,
        introduction=(
            Sentence(
                "Thực hiện Kế hoạch số 91/KH-UBND ngày 24/03/2025 của Ủy ban nhân dân Quận 3, "
                "trên cơ sở báo cáo của các đơn vị (10/12 đơn vị đã gửi, 9 báo cáo đã được duyệt "
                f"đến ngày 20/07/2025), kết quả thực hiện {PERIOD} như sau:"
            ),
        ),
        results=RESULTS,
        shortcomings=(
            Sentence(
                "Còn 2 nhiệm vụ quá hạn chưa hoàn thành: 4. Rà soát, sửa đổi quy định về "
                "tiêu chí xếp loại người đứng đầu; 20. Xây dựng Chương trình phát triển "
                "kinh tế số, xã hội."
            ),
            Sentence(f"{CULTURE}: Thiếu kinh phí in tài liệu.", (1,)),
        ),
        directions=(Sentence(f"{OFFICE}: Nâng cấp Cổng thông tin điện tử quận.", (6,)),),
        proposals=(),
        tasks=tuple(TaskRow(*row) for row in TASKS),
        indicators=INDICATORS,
        compliance=COMPLIANCE,
        sources=SOURCES,
    )


def sized_report(tasks: int = 100, indicators: int = 30, units: int = 40) -> ConsolidatedReport:
    """District 3's report grown to `tasks` tasks, `indicators` indicators and `units` units,
    one source per task, each task's result also a sentence of part I (for benchmarks)."""
    base = district3_report()
    rows = [_nth_task(n) for n in range(tasks)]
    sources = tuple(
        Source(n + 1, f"Báo cáo {PERIOD} của {row.lead} (phiên bản 1), nhiệm vụ {row.number}")
        for n, row in enumerate(rows)
    )
    sections = tuple(
        Section(section.title, tuple(_result(row) for row in rows[i::3]))
        for i, section in enumerate(base.results)
    )
    return ConsolidatedReport(
        header=base.header,
        period=base.period,
        introduction=base.introduction,
        results=sections,
        shortcomings=base.shortcomings,
        directions=base.directions,
        proposals=base.directions,
        tasks=tuple(rows),
        indicators=tuple(_nth_indicator(n) for n in range(indicators)),
        compliance=tuple(_nth_unit(n) for n in range(units)),
        sources=sources,
    )


def _nth_task(n: int) -> TaskRow:
    _, name, lead, deadline, status, result, _ = TASKS[n % len(TASKS)]
    return TaskRow(str(n + 1), name, lead, deadline, status, result or "Chưa báo cáo", (n + 1,))


def _result(row: TaskRow) -> Sentence:
    return Sentence(f"{row.lead} (nhiệm vụ {row.number}): {row.result}.", row.sources)


def _nth_indicator(n: int) -> IndicatorRow:
    row = INDICATORS[n % len(INDICATORS)]
    return IndicatorRow(f"{n + 1}", row.name, row.measure_unit, row.target, row.value,
                        row.achievement, row.sources)  # fmt: skip


def _nth_unit(n: int) -> ComplianceRow:
    row = COMPLIANCE[n % len(COMPLIANCE)]
    return ComplianceRow(f"{row.unit} ({n + 1})", row.status, row.sent)
