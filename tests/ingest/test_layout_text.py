"""Layout-text task tables: cells broken over lines, columns one after another (seed 004)."""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from nq57.ingest.layout_text import (
    join_lines,
    looks_like_layout_text,
    parse_layout_tasks,
    read_column_order,
)
from nq57.ingest.model import ParseWarning
from tests.scoring import score

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED_004 = FIXTURES / "seeds" / "004_90a108cfc6212b7b.txt"
GOLD_004 = FIXTURES / "gold" / "004_90a108cfc6212b7b.json"
GOLD_FIELDS = (
    "appendix",
    "section",
    "section_title",
    "number",
    "name",
    "lead",
    "coordinating",
    "deadline",
    "output",
)
HEADER = [
    "Phụ lục II",
    "Stt Tên nhiệm vụ Cơ quan ",
    "chủ trì",
    "Cơ quan phối hợp Thời gian",
    "hoàn",
    "thành",
]


def layout(*lines: str, header: list[str] = HEADER) -> str:
    """Text as the extractor writes it: a blank line after every line; '§' marks a page break
    (the line follows the previous one without a blank line and starts with a space)."""
    out: list[str] = []
    for line in [*header, *lines]:
        if line.startswith("§"):
            out[-1] = out[-1] + "\n " + line[1:]
        else:
            out.append(line)
    return "\n\n".join(out) + "\n"


def as_prediction(text: str) -> dict[str, Any]:
    tasks, _ = parse_layout_tasks(text)
    rows = [{key: asdict(task)[key] for key in GOLD_FIELDS} for task in tasks]
    return {"document": {}, "indicators": [], "tasks": rows}


# --- the real document ------------------------------------------------------------------------


def test_it_scores_at_least_099_on_seed_004() -> None:
    import json

    gold = json.loads(GOLD_004.read_text(encoding="utf-8"))
    result = score(gold, as_prediction(SEED_004.read_text(encoding="utf-8")))
    assert result["tasks"]["gold"] == 82
    assert result["score"] >= 0.99


def test_it_parses_seed_004_fast() -> None:
    text = SEED_004.read_text(encoding="utf-8")
    started = time.perf_counter()
    parse_layout_tasks(text)
    assert time.perf_counter() - started < 0.2


def test_it_warns_about_the_merged_reference_cells_of_seed_004() -> None:
    tasks, warnings = parse_layout_tasks(SEED_004.read_text(encoding="utf-8"))
    by_number = {task.number: task for task in tasks}
    assert by_number["60"].lead is None and by_number["60"].deadline is None
    assert by_number["61"].extras["reference"].startswith("Thực hiện theo Quyết định số 2166")
    assert any(w.message.startswith("Nhiệm vụ 60: ô gộp «Thực hiện theo") for w in warnings)


def test_it_records_where_each_task_came_from() -> None:
    tasks, _ = parse_layout_tasks(SEED_004.read_text(encoding="utf-8"))
    first = tasks[0]
    assert (first.appendix, first.section, first.number) == ("Phụ lục II", "I", "1")
    assert (first.source.appendix, first.source.row) == ("Phụ lục II", 1)
    assert (first.source.line_start, first.source.line_end) == (34, 56)
    assert tasks[2].source.line_end == 107  # task 3 ends on the next page


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000_226a52d2f503d4de.txt", False),
        ("001_0199fe00b39580f4.txt", False),
        ("002_02ef1c704dcfcf6b.txt", False),
        ("003_0cade81ef0ffbb41.txt", False),
        ("004_90a108cfc6212b7b.txt", True),
    ],
)
def test_it_recognises_only_layout_tables(seed: str, expected: bool) -> None:
    text = (FIXTURES / "seeds" / seed).read_text(encoding="utf-8")
    assert looks_like_layout_text(text) is expected


def test_it_rejects_a_pipe_table() -> None:
    rows = "\n".join(f"| {n} | Nhiệm vụ {n} | Sở Nội vụ | Các Sở | 2025 |" for n in range(1, 8))
    text = "| Stt | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n" + rows
    assert looks_like_layout_text(text) is False


# --- one rule per synthetic snippet -----------------------------------------------------------

ROW_1 = [
    "1  Ban hành và tổ chức triển khai chương trình tuyên",
    "truyền thường xuyên, sâu rộng về nội dung Nghị",
    "quyết 57-NQ/TW.",
    "Sở Khoa học",
    "và Công nghệ",
    "Ban Tuyên giáo; các Sở,",
    "ngành, UBND các quận, huyện",
    "3/2025 ",
]


def test_it_reads_the_columns_of_a_row_in_order() -> None:
    tasks, warnings = parse_layout_tasks(layout("I. Nâng cao nhận thức", *ROW_1))
    (task,) = tasks
    assert task.name == (
        "Ban hành và tổ chức triển khai chương trình tuyên truyền thường xuyên, "
        "sâu rộng về nội dung Nghị quyết 57-NQ/TW."
    )
    assert task.lead == "Sở Khoa học và Công nghệ"
    assert task.coordinating == "Ban Tuyên giáo; các Sở, ngành, UBND các quận, huyện"
    assert task.deadline == "3/2025"
    assert (task.section, task.section_title, task.appendix) == (
        "I",
        "Nâng cao nhận thức",
        "Phụ lục II",
    )
    assert warnings == []


def test_it_joins_a_section_heading_over_two_lines_without_a_period() -> None:
    text = layout(
        "I Khẩn trương hoàn thiện thể chế; xoá bỏ mọi rào cản đang cản trở sự phát triển;",
        "đưa thể chế thành một lợi thế cạnh tranh",
        *ROW_1,
        "II. Phát triển nhân lực",
        "2  Xây dựng Đề án thành lập Quỹ đầu tư mạo hiểm",
        "Sở Tài chính",
        "2025",
    )
    first, second = parse_layout_tasks(text)[0]
    assert first.section == "I"
    assert first.section_title == (
        "Khẩn trương hoàn thiện thể chế; xoá bỏ mọi rào cản đang cản trở sự phát triển; "
        "đưa thể chế thành một lợi thế cạnh tranh"
    )
    assert (second.section, second.section_title) == ("II", "Phát triển nhân lực")


def test_it_stitches_a_row_split_by_a_page_break() -> None:
    text = layout(
        "3  Xây dựng chương trình, kế hoạch phát động phong",
        "trào học tập trên các nền tảng số để trở thành phong",
        "Các Sở,",
        "ngành, UBND",
        "thành phố Thủ",
        "Sở Khoa học và Công nghệ,",
        "Sở Giáo dục và Đào tạo",
        "Thường",
        "xuyên",
        "§sáng tạo, kỹ năng số, công nghệ số cơ bản trong cán",
        "bộ, công chức và Nhân dân.",
        "Đức, các",
        "quận, huyện",
    )
    (task,) = parse_layout_tasks(text)[0]
    assert task.name.endswith(
        "trở thành phong sáng tạo, kỹ năng số, công nghệ số cơ bản trong cán bộ, "
        "công chức và Nhân dân."
    )
    assert task.lead == "Các Sở, ngành, UBND thành phố Thủ Đức, các quận, huyện"
    assert task.coordinating == "Sở Khoa học và Công nghệ, Sở Giáo dục và Đào tạo"
    assert task.deadline == "Thường xuyên"


def test_it_completes_a_deadline_continued_on_the_next_page() -> None:
    text = layout(
        "66  Đẩy mạnh kết nối, chia sẻ dữ liệu phục vụ phát triển",
        "thương mại điện tử, nâng cao hiệu quả công tác quản",
        "Sở Công",
        "thương",
        "Sở Tài chính, Ngân hàng",
        "nhà nước, Công an Thành",
        "2025 và",
        "những",
        "năm",
        "§lý thuế, đăng ký thành lập doanh nghiệp, mua bán",
        "hóa đơn điện tử",
        "phố, Sở Khoa học và Công",
        "nghệ",
        "tiếp",
        "theo",
    )
    (task,) = parse_layout_tasks(text)[0]
    assert task.lead == "Sở Công thương"
    assert (
        task.coordinating
        == "Sở Tài chính, Ngân hàng nhà nước, Công an Thành phố, Sở Khoa học và Công nghệ"
    )
    assert task.deadline == "2025 và những năm tiếp theo"


def test_it_leaves_coordinating_empty_when_an_indented_deadline_follows_the_lead() -> None:
    text = layout(
        "5  Cụ thể hóa nhiệm vụ chuyển đổi số, phát triển khoa",
        "học, công nghệ trong chương trình công tác hằng năm",
        "Các Sở, ban,",
        "ngành, UBND",
        "các quận, huyện",
        " Thường",
        "xuyên",
    )
    (task,) = parse_layout_tasks(text)[0]
    assert task.lead == "Các Sở, ban, ngành, UBND các quận, huyện"
    assert task.coordinating is None
    assert task.deadline == "Thường xuyên"


def test_it_nulls_the_unit_columns_under_a_merged_reference_cell() -> None:
    text = layout(
        *ROW_1,
        "2  Triển khai dữ liệu mở Thực hiện theo Quyết định số 2166/QĐ-UBND ngày",
        "18/6/2024 của Ủy ban nhân dân Thành phố ban hành Danh",
        "mục dữ liệu mở của Thành phố",
    )
    tasks, warnings = parse_layout_tasks(text)
    task = tasks[1]
    assert task.name == "Triển khai dữ liệu mở"
    assert (task.lead, task.coordinating, task.deadline) == (None, None, None)
    assert task.extras["reference"].endswith("mục dữ liệu mở của Thành phố")
    assert messages(warnings)[-1].startswith("Nhiệm vụ 2: ô gộp «Thực hiện theo Quyết định số 2166")


def messages(warnings: list[ParseWarning]) -> list[str]:
    return [warning.message for warning in warnings]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("2025-", "2030", "2025-2030"),
        ("2025 - ", "2030", "2025 - 2030"),
        ("Quý", "IV/2025", "Quý IV/2025"),
    ],
)
def test_it_joins_a_broken_deadline(first: str, second: str, expected: str) -> None:
    rows = [*ROW_1[:-1], first, second]
    (task,) = parse_layout_tasks(layout(*rows))[0]
    assert task.deadline == expected


def test_it_cuts_glued_cells_on_one_line() -> None:
    text = layout(
        *ROW_1,
        "2  Tạo lập dữ liệu sức khỏe của người dân Thành phố Sở Y tế Các Sở, ban, ngành; Trung",
        "tâm Chuyển đổi số Thành phố",
        "Quý",
        "4/2025",
        "3  Rà soát, sửa đổi, ban hành các quy định về thi đua",
        "Sở Nội vụ Sở Khoa học và Công nghệ 12/2025",
    )
    tasks, _ = parse_layout_tasks(text)
    assert (tasks[1].name, tasks[1].lead) == (
        "Tạo lập dữ liệu sức khỏe của người dân Thành phố",
        "Sở Y tế",
    )
    assert tasks[1].coordinating == "Các Sở, ban, ngành; Trung tâm Chuyển đổi số Thành phố"
    assert tasks[1].deadline == "Quý 4/2025"
    assert (tasks[2].lead, tasks[2].coordinating, tasks[2].deadline) == (
        "Sở Nội vụ",
        "Sở Khoa học và Công nghệ",
        "12/2025",
    )


def test_it_starts_coordinating_at_a_new_unit_after_a_complete_lead() -> None:
    text = layout(
        *ROW_1[:3],
        "Sở Tài chính,",
        "Sở Khoa học và",
        "Công nghệ",
        "Sở Nội vụ",
        "2025",
    )
    (task,) = parse_layout_tasks(text)[0]
    assert task.lead == "Sở Tài chính, Sở Khoa học và Công nghệ"
    assert task.coordinating == "Sở Nội vụ"


def test_it_warns_about_a_number_out_of_sequence() -> None:
    text = layout(*ROW_1, "5  Xây dựng Đề án thành lập Quỹ đầu tư mạo hiểm", "Sở Tài chính", "2025")
    tasks, warnings = parse_layout_tasks(text)
    assert [task.number for task in tasks] == ["1", "5"]
    assert messages(warnings) == ["Số thứ tự 5 không liền sau 1."]


def test_it_drops_page_numbers_and_repeated_headers() -> None:
    text = layout(
        *ROW_1[:-2],
        "§2",
        "Stt Tên nhiệm vụ Cơ quan ",
        "chủ trì",
        "Cơ quan phối hợp Thời gian",
        "hoàn",
        "thành",
        "ngành, UBND các quận, huyện",
        "3/2025",
    )
    (task,) = parse_layout_tasks(text)[0]
    assert task.coordinating == "Ban Tuyên giáo; các Sở, ngành, UBND các quận, huyện"
    assert task.deadline == "3/2025"


def test_join_lines_keeps_a_glued_hyphen_closed() -> None:
    assert join_lines(["Sở Quy hoạch", "- Kiến trúc"]) == "Sở Quy hoạch - Kiến trúc"
    assert join_lines(["Hệ thống  thông tin", "quản lý"]) == "Hệ thống thông tin quản lý"


def test_it_warns_about_a_column_it_cannot_separate() -> None:
    text = "\n\n".join(
        [
            "Stt Tên nhiệm vụ Cơ quan ",
            "chủ trì",
            "Cơ quan phối hợp Sản phẩm Thời gian Ghi chú",
            "1  Xây dựng kế hoạch chuyển đổi số",
            "Sở Nội vụ",
            "Các sở, ngành",
            "Kế hoạch",
            "2025",
            "2  Tuyên truyền về chuyển đổi số",
            "Sở Văn hóa",
            "Các sở, ngành",
            "Tin bài",
            "2026",
            "3  Đào tạo kỹ năng số",
            "Sở Nội vụ",
            "Các sở, ngành",
            "Lớp học",
            "2027",
        ]
    )
    tasks, warnings = parse_layout_tasks(text)
    assert any("«Ghi chú»" in w.message for w in warnings)
    assert not any("«Sản phẩm»" in w.message for w in warnings)  # read: the output column
    assert [task.output for task in tasks] == ["Kế hoạch", "Tin bài", "Lớp học"]
    _, clean = parse_layout_tasks(SEED_004.read_text(encoding="utf-8"))
    assert not any("chưa tách riêng" in w.message for w in clean)


# --- an output column ('Sản phẩm', 'Kết quả'), placed where the header says ------------------

NAME_ORDER = ("name", "lead", "coordinating")
WIDE = ["Các sở, ban, ngành; UBND các", "huyện, thành phố"]
WIDE_TEXT = "Các sở, ban, ngành; UBND các huyện, thành phố"
HEADER_OUTPUT = [
    "Stt Tên nhiệm vụ Cơ quan ",
    "chủ trì",
    "Cơ quan phối hợp Sản phẩm Thời gian",
    "hoàn",
    "thành",
]
HEADER_OUTPUT_LAST = [
    "Stt Nội dung nhiệm vụ Đơn vị ",
    "chủ trì",
    "Đơn vị phối hợp Tiến độ Kết quả",
    "thực hiện",
    "dự kiến",
]
NAME_A = [
    "1  Xây dựng kế hoạch chuyển đổi số của các cơ quan nhà",
    "nước trên địa bàn tỉnh giai đoạn 2025 - 2030.",
]
NAME_B = [
    "2  Tuyên truyền, phổ biến về khoa học, công nghệ và đổi",
    "mới sáng tạo trên các phương tiện thông tin đại chúng.",
]
NAME_C = [
    "3  Rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục",
    "hành chính trên môi trường điện tử của các cơ quan.",
]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (HEADER, (*NAME_ORDER, "deadline")),
        (HEADER_OUTPUT, (*NAME_ORDER, "output", "deadline")),
        (HEADER_OUTPUT_LAST, (*NAME_ORDER, "deadline", "output")),
        (
            [
                "Stt Nội dung Đơn vị",
                "chủ",
                "trì",
                "Đơn vị",
                "phối hợp",
                "Thời",
                "hạn",
                "Sản",
                "phẩm",
            ],
            (*NAME_ORDER, "deadline", "output"),
        ),
        (
            ["TT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Sản phẩm đầu ra Thời gian thực hiện"],
            (*NAME_ORDER, "output", "deadline"),
        ),
        (
            ["TT Nhiệm vụ Chủ trì Phối hợp Kết quả dự kiến Thời hạn Ghi chú"],
            (*NAME_ORDER, "output", "deadline"),
        ),
    ],
)
def test_it_reads_the_column_order_from_broken_header_lines(
    header: list[str], expected: tuple[str, ...]
) -> None:
    assert read_column_order(" ".join(header)) == expected


def test_it_reads_an_output_column_between_coordinating_and_deadline() -> None:
    text = layout(
        *NAME_A,
        "Sở Khoa học",
        "và Công nghệ",
        "Các sở, ban, ngành; UBND các",
        "huyện, thành phố",
        "Kế hoạch",
        "Quý",
        "II/2025",
        *NAME_B,
        "Sở Văn hóa,",
        "Thể thao",
        "Báo, Đài tỉnh; các cơ quan",
        "báo chí",
        "Tin bài, phóng",
        "sự",
        "Thường",
        "xuyên",
        *NAME_C,
        "Văn phòng UBND",
        "tỉnh",
        "Các sở, ban, ngành; UBND",
        "các huyện",
        "Quy trình nội bộ 2025 -",
        "2030",
        header=HEADER_OUTPUT,
    )
    tasks, warnings = parse_layout_tasks(text)
    cells = [(t.lead, t.coordinating, t.output, t.deadline) for t in tasks]
    assert cells == [
        (
            "Sở Khoa học và Công nghệ",
            "Các sở, ban, ngành; UBND các huyện, thành phố",
            "Kế hoạch",
            "Quý II/2025",
        ),
        (
            "Sở Văn hóa, Thể thao",
            "Báo, Đài tỉnh; các cơ quan báo chí",
            "Tin bài, phóng sự",
            "Thường xuyên",
        ),
        (
            "Văn phòng UBND tỉnh",
            "Các sở, ban, ngành; UBND các huyện",
            "Quy trình nội bộ",
            "2025 - 2030",
        ),
    ]
    assert tasks[0].name == (
        "Xây dựng kế hoạch chuyển đổi số của các cơ quan nhà nước trên địa bàn tỉnh "
        "giai đoạn 2025 - 2030."
    )
    assert warnings == []


def test_it_reads_an_output_column_after_the_deadline() -> None:
    text = layout(
        *NAME_A,
        "Sở Khoa học",
        "và Công nghệ",
        *WIDE,
        "Thường",
        "xuyên",
        "Báo cáo định",
        "kỳ",
        *NAME_B,
        "Sở Nội vụ",
        *WIDE,
        "2025 -",
        "2030",
        "Hệ thống",
        "thông tin",
        *NAME_C,
        "Sở Tư pháp",
        "UBND các huyện, thành phố",
        "12/2025",
        "Quyết định phê",
        "duyệt",
        header=HEADER_OUTPUT_LAST,
    )
    tasks, warnings = parse_layout_tasks(text)
    cells = [(t.lead, t.coordinating, t.deadline, t.output) for t in tasks]
    assert cells == [
        ("Sở Khoa học và Công nghệ", WIDE_TEXT, "Thường xuyên", "Báo cáo định kỳ"),
        ("Sở Nội vụ", WIDE_TEXT, "2025 - 2030", "Hệ thống thông tin"),
        ("Sở Tư pháp", "UBND các huyện, thành phố", "12/2025", "Quyết định phê duyệt"),
    ]
    assert warnings == []


def test_it_leaves_an_empty_output_cell_empty() -> None:
    between = layout(
        *NAME_A,
        "Sở Nội vụ",
        *WIDE,
        " 2025",
        *NAME_B,
        "Sở Tài chính",
        *WIDE,
        "Quý IV/2025",
        *NAME_C,
        "Sở Tư pháp",
        *WIDE,
        "Văn bản",
        "2026",
        header=HEADER_OUTPUT,
    )
    tasks, _ = parse_layout_tasks(between)
    assert [(t.coordinating, t.output, t.deadline) for t in tasks] == [
        (WIDE_TEXT, None, "2025"),
        (WIDE_TEXT, None, "Quý IV/2025"),
        (WIDE_TEXT, "Văn bản", "2026"),
    ]
    last = layout(
        *NAME_A,
        "Sở Nội vụ",
        *WIDE,
        "2025",
        *NAME_B,
        "Sở Tài chính",
        *WIDE,
        "Quý IV/2025",
        "Kế hoạch",
        *NAME_C,
        "Sở Tư pháp",
        *WIDE,
        "2026",
        header=HEADER_OUTPUT_LAST,
    )
    tasks, _ = parse_layout_tasks(last)
    assert [(t.deadline, t.output) for t in tasks] == [
        ("2025", None),
        ("Quý IV/2025", "Kế hoạch"),
        ("2026", None),
    ]


def test_it_reads_an_output_when_the_coordinating_cell_is_empty() -> None:
    text = layout(
        *NAME_A,
        "Sở Tư pháp",
        " Văn bản hướng",
        "dẫn",
        "2025",
        *NAME_B,
        "Sở Nội vụ",
        "Kế hoạch",
        "Quý IV/2025",
        *NAME_C,
        "Sở Kế hoạch",
        "và Đầu tư",
        *WIDE,
        "Báo cáo",
        "2026",
        header=HEADER_OUTPUT,
    )
    tasks, _ = parse_layout_tasks(text)
    assert [(t.lead, t.coordinating, t.output, t.deadline) for t in tasks] == [
        ("Sở Tư pháp", None, "Văn bản hướng dẫn", "2025"),
        ("Sở Nội vụ", None, "Kế hoạch", "Quý IV/2025"),
        ("Sở Kế hoạch và Đầu tư", WIDE_TEXT, "Báo cáo", "2026"),
    ]


def test_it_continues_an_output_cell_after_a_page_break() -> None:
    text = layout(
        *NAME_A,
        "Sở Nội vụ",
        *WIDE,
        "Kế hoạch",
        "2025",
        "2  Xây dựng cơ sở dữ liệu dùng chung về khoa học, công",
        "nghệ và đổi mới sáng tạo, kết nối với các hệ thống",
        "Sở Khoa học",
        "và Công nghệ",
        "Sở Tài chính, UBND các",
        "huyện, thành phố",
        "Cơ sở dữ liệu;",
        "Quý IV/2025",
        "§thông tin của các bộ, ngành trung ương.",
        "Phần mềm quản lý",
        *NAME_C,
        "Sở Tư pháp",
        *WIDE,
        "Văn bản triển khai,",
        "2026",
        "§báo cáo kết quả",
        header=HEADER_OUTPUT,
    )
    tasks, _ = parse_layout_tasks(text)
    assert tasks[1].name.endswith(
        "kết nối với các hệ thống thông tin của các bộ, ngành trung ương."
    )
    assert [(t.lead, t.coordinating, t.output, t.deadline) for t in tasks[1:]] == [
        (
            "Sở Khoa học và Công nghệ",
            "Sở Tài chính, UBND các huyện, thành phố",
            "Cơ sở dữ liệu; Phần mềm quản lý",
            "Quý IV/2025",
        ),
        ("Sở Tư pháp", WIDE_TEXT, "Văn bản triển khai, báo cáo kết quả", "2026"),
    ]


def test_it_reads_counted_outputs_between_coordinating_and_deadline() -> None:
    text = layout(
        *NAME_A,
        "Sở Nội vụ",
        *WIDE,
        "01 Kế hoạch",
        "2025",
        *NAME_B,
        "Sở Tư pháp",
        *WIDE,
        "100% hồ sơ",
        "được số hóa",
        "Thường",
        "xuyên",
        *NAME_C,
        "Sở Tài chính",
        *WIDE,
        "Ít nhất 02 lớp",
        "Hằng năm",
        header=HEADER_OUTPUT,
    )
    tasks, _ = parse_layout_tasks(text)
    assert [(t.coordinating, t.output, t.deadline) for t in tasks] == [
        (WIDE_TEXT, "01 Kế hoạch", "2025"),
        (WIDE_TEXT, "100% hồ sơ được số hóa", "Thường xuyên"),
        (WIDE_TEXT, "Ít nhất 02 lớp", "Hằng năm"),
    ]
