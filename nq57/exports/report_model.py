"""What a consolidated report (báo cáo tổng hợp) says, independent of its file format. Pure.

The evaluation assembles a `ConsolidatedReport` from approved unit reports; `report_docx`,
`report_xlsx` and `report_pdf` write it. Every sentence generated from data carries the
numbers of the sources it comes from (`Sentence.sources` → `ConsolidatedReport.sources`), so
a reader can trace it to the unit report and line behind it.

The layout follows Nghị định 30/2020/NĐ-CP (thể thức văn bản hành chính): the issuing body
under its parent body on the left, the national motto on the right, number and symbol, place
and date, the type and summary of the document, the body, recipients and the signer's title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Source:
    """One row the report rests on: 'Báo cáo 6 tháng đầu năm 2025 của Phòng Văn hóa, Khoa học
    và Thông tin (phiên bản 2, duyệt 20/05/2025), nhiệm vụ 3'."""

    number: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of the report body and the numbers of its sources (none: written by hand)."""

    text: str
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class Section:
    """A part of 'I. Kết quả thực hiện', one per section of the plan ('1. Tuyên truyền…')."""

    title: str
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Header:
    """The administrative header and footer (Nghị định 30/2020/NĐ-CP)."""

    parent_body: str  # cơ quan chủ quản: 'ỦY BAN NHÂN DÂN QUẬN 3' ('' when none)
    body: str  # cơ quan ban hành: 'PHÒNG VĂN HÓA, KHOA HỌC VÀ THÔNG TIN'
    number: str  # 'Số: …/BC-VHKHTT' (a draft leaves the number blank: 'Số:    /BC-…')
    place: str  # địa danh: 'Quận 3'
    day: date
    kind: str  # 'BÁO CÁO'
    summary: str  # trích yếu: 'Kết quả thực hiện Kế hoạch số 91/KH-UBND … 6 tháng đầu năm 2025'
    recipients: tuple[str, ...] = ()  # nơi nhận: '- Ủy ban nhân dân Quận 3;', '- Lưu: VT.'
    signer_title: str = ""  # 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' (lines)
    signer_name: str = ""


@dataclass(frozen=True)
class TaskRow:
    """A row of the task appendix: status and timeliness as of the report's day."""

    number: str
    name: str
    lead: str
    deadline: str
    status: str  # 'Hoàn thành đúng hạn', 'Quá hạn', 'Đang thực hiện (40%)', …
    result: str  # what the lead unit reported (shortened)
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class IndicatorRow:
    """A row of the indicator appendix."""

    code: str
    name: str
    measure_unit: str
    target: str  # the milestone's target as printed: '≥ 80% (2025)'
    value: str  # the value reached: '75,5' ('—' when none)
    achievement: str  # 'Đạt', 'Đúng lộ trình', 'Chậm', 'Chưa có số liệu', 'Cần đánh giá'
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class ComplianceRow:
    """Whether a unit sent its report for the period: 'Đúng hạn', 'Trễ 3 ngày', 'Chưa gửi'."""

    unit: str
    status: str
    sent: str = ""  # 'dd/mm/yyyy HH:MM' or ''


@dataclass(frozen=True)
class LowerTaskRow:
    """A task of the plan as the lower plans that localise it carry it out (Phụ lục 4)."""

    number: str
    name: str
    plans: str  # the lower plans' issuers: 'Ủy ban nhân dân huyện Củ Chi; …'
    linked: int  # lower tasks linked to it
    progress: str  # '2 hoàn thành đúng hạn, 1 quá hạn'
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class LowerIndicatorRow:
    """An indicator of the plan with the value the lower plans' values add up to."""

    code: str
    name: str
    measure_unit: str
    value: str  # by the indicator's rule ('—' when no lower plan has one)
    reported: str  # '2/3 kế hoạch cấp dưới có số liệu'
    sources: tuple[int, ...] = ()


@dataclass(frozen=True)
class ConsolidatedReport:
    """The whole report: header, the three parts of the body, appendices and sources."""

    header: Header
    period: str  # '6 tháng đầu năm 2025'
    introduction: tuple[Sentence, ...] = ()
    results: tuple[Section, ...] = ()  # I. Kết quả thực hiện, by plan section
    shortcomings: tuple[Sentence, ...] = ()  # II. Tồn tại, hạn chế (and their causes)
    directions: tuple[Sentence, ...] = ()  # III. Phương hướng, nhiệm vụ kỳ tới
    proposals: tuple[Sentence, ...] = ()  # … và kiến nghị, đề xuất
    tasks: tuple[TaskRow, ...] = ()  # Phụ lục 1
    indicators: tuple[IndicatorRow, ...] = ()  # Phụ lục 2
    compliance: tuple[ComplianceRow, ...] = ()  # Phụ lục 3: tình hình gửi báo cáo
    lower_tasks: tuple[LowerTaskRow, ...] = ()  # Phụ lục 4: tại các kế hoạch cấp dưới
    lower_indicators: tuple[LowerIndicatorRow, ...] = ()
    sources: tuple[Source, ...] = field(default_factory=tuple)
