"""Rows and cells put back from a flow of cells (nq57.ingest.cellrows): web and gazette forms."""

from __future__ import annotations

from nq57.ingest.cellrows import Atom, find_header, join_score, read_rows, sequence_score
from nq57.ingest.columns import Role


def lines(*texts: str) -> list[Atom]:
    return [Atom(text, number) for number, text in enumerate(texts, 1)]


def test_the_numbering_sequence_scores_a_continuation_above_a_jump():
    assert sequence_score("1", "2") > 0
    assert sequence_score("1", "1.1") > 0
    assert sequence_score("1.3", "2") > 0
    assert sequence_score("1.2", "1.3") > 0
    assert sequence_score("a", "b") > 0
    assert sequence_score("I", "II") > sequence_score("7", "II") > 0
    assert sequence_score("II", "1") > 0
    assert sequence_score("1.6", "80") < 0
    assert sequence_score("22", "1") < 0


def test_a_lower_case_line_goes_on_and_a_capital_after_a_full_stop_does_not():
    assert join_score("Tổ chức quán triệt Nghị quyết đến", "cán bộ, công chức") > 2
    assert join_score("Sở Khoa học và", "Công nghệ") > 0
    assert join_score("Sở Khoa học và Công nghệ", "Các sở, ngành") < 0
    assert join_score("Hoàn thành trong năm.", "Sở Nội vụ") < 0
    assert join_score("-", "Đạt") < 0


def test_a_header_broken_over_lines_is_joined_and_a_second_header_row_merged():
    atoms = lines(
        "STT",
        "Nội dung",
        "Cơ quan thực hiện",
        "Thời gian",
        "hoàn thành",
        "Chủ trì",
        "Phối hợp",
        "1",
    )
    header = find_header(atoms)
    assert header is not None
    assert header.labels == [
        "STT",
        "Nội dung",
        "Cơ quan thực hiện Chủ trì",
        "Cơ quan thực hiện Phối hợp",
        "Thời gian hoàn thành",
    ]
    assert [c.role for c in header.layout.columns] == [
        Role.NUMBER,
        Role.NAME,
        Role.LEAD,
        Role.COORDINATING,
        Role.DEADLINE,
    ]
    assert (header.start, header.end) == (0, 7)


def test_a_caption_line_above_the_header_is_not_a_column():
    atoms = lines(
        "(Kèm theo Kế hoạch số 12/KH-UBND của Ủy",
        "ban)",
        "TT",
        "Tên nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời hạn",
        "1",
    )
    header = find_header(atoms)
    assert header is not None and header.labels[0] == "TT"


def test_rows_start_at_numbers_that_continue_the_numbering():
    header = find_header(lines("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"))
    assert header is not None
    body = lines("1", "Lập kế hoạch", "Sở Nội vụ", "2025", "2", "Tổng kết", "Sở Nội vụ", "2026")
    assert [row.cells for row in read_rows(body, header.layout)] == [
        ["1", "Lập kế hoạch", "Sở Nội vụ", "2025"],
        ["2", "Tổng kết", "Sở Nội vụ", "2026"],
    ]
