"""Plans copied from legal-document websites: tables written between '|' lines, site chrome.

The seed renderings in tests/fixtures/web/ come from tests/fixtures/web/make_forms.py; the small
snippets below imitate the pages named in nq57/ingest/webtext.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nq57.cli import plan_to_json
from nq57.ingest import IngestError, choose_parser, parse_text
from nq57.ingest.text import split_row, unwrap_paragraphs
from nq57.ingest.webtext import looks_like_web_cells, strip_chrome, web_cells_to_text
from tests.fixtures.web.make_forms import FORMS, fixture_path, parts_of, render, seeds, web_rows
from tests.scoring import score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = seeds()
WEB_FORMS = ("web-rows", "web-cells")


def gold_of(seed: Path) -> dict:
    return json.loads((FIXTURES / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))


def rows(*cells_per_row: list[str]) -> str:
    """The issue's row form: a line '|' before every row, one line per cell."""
    out: list[str] = []
    for cells in cells_per_row:
        out += ["|", *cells]
    return "\n".join(out)


def cells(*texts: str) -> str:
    """thuvienphapluat.vn's form: every cell followed by a line '|'."""
    return "\n".join(f"{text}\n|" if text else "|" for text in texts)


TASK_HEADER = [
    "**STT**",
    "**Nội dung nhiệm vụ**",
    "**Cơ quan chủ trì**",
    "**Cơ quan phối hợp**",
    "**Thời gian hoàn thành**",
]
CELL_HEADER = ("STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian")


def only_tasks(text: str) -> list[tuple[str | None, ...]]:
    plan = parse_text(text)
    assert plan.parser == "web-cells"
    return [(t.number, t.name, t.lead, t.coordinating, t.deadline) for t in plan.tasks]


# -- the seeds, rendered -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_fixtures_are_what_make_forms_writes(seed: Path):
    for form, text in render(seed).items():
        assert fixture_path(seed, form).read_text(encoding="utf-8") == text + "\n", form
    assert set(render(seed)) == set(FORMS)


@pytest.mark.parametrize("form", WEB_FORMS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_web_rendering_of_each_seed_scores_at_least_0_99(seed: Path, form: str):
    text = fixture_path(seed, form).read_text(encoding="utf-8")
    plan = parse_text(text, seed.name)
    assert plan.parser == "web-cells"
    result = score(gold_of(seed), plan_to_json(plan))
    assert result["score"] >= 0.99, json.dumps(result, ensure_ascii=False)


@pytest.mark.parametrize("seed", [SEEDS[1], SEEDS[4]], ids=lambda p: p.name[:3])
def test_the_row_form_with_empty_cells_as_blank_lines_scores_at_least_0_99(seed: Path):
    parts, gold = parts_of(seed)
    plan = parse_text(web_rows(parts, int(seed.name[:3]), blank_empty_cells=True))
    result = score(gold, plan_to_json(plan))
    assert result["score"] >= 0.99, json.dumps(result, ensure_ascii=False)


@pytest.mark.parametrize("form", WEB_FORMS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_document_header_is_read_through_the_site_chrome(seed: Path, form: str):
    document = parse_text(fixture_path(seed, form).read_text(encoding="utf-8")).document
    gold = gold_of(seed)["document"]
    for field in ("number", "issuer", "date", "level"):
        assert getattr(document, field) == gold[field], field
    if (seed.name[:3], form) != ("004", "web-cells"):  # known limit: the bare appendix's bases
        assert document.bases == gold["bases"]


def test_paragraphs_wrapped_at_a_width_are_joined_onto_their_first_line():
    lines = [
        "Căn cứ Kế hoạch số 1413/KH-UBND ngày 03 tháng 3 năm 2025 của Ủy ban nhân dân",
        "Thành phố về triển khai Chương trình hành động số 63-CTrHĐ/TU;",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột",
        "phá phát triển khoa học, công nghệ;",
        "a) Tổ chức quán triệt",
        "STT\tNhiệm vụ",
    ]
    assert unwrap_paragraphs(lines) == [
        lines[0] + " " + lines[1],
        "",
        lines[2] + " " + lines[3],
        "",
        "a) Tổ chức quán triệt",
        "STT\tNhiệm vụ",
    ]


def test_it_detects_the_form_from_the_text_alone():
    for seed in SEEDS:
        assert not looks_like_web_cells(seed.read_text(encoding="utf-8")), seed.name
        assert looks_like_web_cells(fixture_path(seed, "web-rows").read_text(encoding="utf-8"))
        assert looks_like_web_cells(fixture_path(seed, "web-cells").read_text(encoding="utf-8"))
        assert not looks_like_web_cells(fixture_path(seed, "gazette").read_text(encoding="utf-8"))
    markdown = "| STT | Tên nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n" * 3
    assert not looks_like_web_cells(markdown + "|\n|\n|\n|\n")


# -- the row form ------------------------------------------------------------------------------


def test_a_soft_line_break_inside_a_cell_stays_in_that_cell():
    text = rows(
        TASK_HEADER,
        [
            "1",
            "Tổ chức quán triệt, tuyên truyền Nghị quyết số 57-NQ/TW đến",
            "cán bộ, công chức, viên chức và Nhân dân",
            "Sở Khoa học và",
            "Công nghệ",
            "Các sở, ban, ngành; UBND các xã, phường",
            "Quý II/2025",
        ],
        ["2", "Xây dựng cơ sở dữ liệu dùng chung", "Sở Tài chính", "Các sở, ngành", "2025-2026"],
    )
    assert only_tasks(text) == [
        (
            "1",
            "Tổ chức quán triệt, tuyên truyền Nghị quyết số 57-NQ/TW đến cán bộ, công chức, "
            "viên chức và Nhân dân",
            "Sở Khoa học và Công nghệ",
            "Các sở, ban, ngành; UBND các xã, phường",
            "Quý II/2025",
        ),
        ("2", "Xây dựng cơ sở dữ liệu dùng chung", "Sở Tài chính", "Các sở, ngành", "2025-2026"),
    ]


def test_an_empty_cell_leaves_no_line_and_its_column_stays_empty():
    text = rows(
        TASK_HEADER,
        [
            "1",
            "Ban hành kế hoạch chuyển đổi số năm 2025",
            "Sở Khoa học và Công nghệ",
            "Tháng 3/2025",
        ],
        ["2", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "Các sở, ngành", "Hằng năm"],
        ["3", "Tổng kết, đánh giá", "Sở Khoa học và Công nghệ", "Các sở, ngành"],
    )
    assert only_tasks(text) == [
        (
            "1",
            "Ban hành kế hoạch chuyển đổi số năm 2025",
            "Sở Khoa học và Công nghệ",
            None,
            "Tháng 3/2025",
        ),
        ("2", "Rà soát thủ tục hành chính", "Văn phòng UBND tỉnh", "Các sở, ngành", "Hằng năm"),
        ("3", "Tổng kết, đánh giá", "Sở Khoa học và Công nghệ", "Các sở, ngành", None),
    ]


def test_the_pipe_lines_decide_where_rows_end_even_when_a_cell_reads_like_a_number():
    text = rows(
        ["**STT**", "**Chỉ tiêu**", "**Chỉ tiêu đến năm 2030**", "**Cơ quan chủ trì**"],
        ["1", "Số trung tâm đổi mới sáng tạo", "2"],
        ["2", "Số vườn ươm công nghệ", "1"],
        ["3", "Tỷ lệ doanh nghiệp ứng dụng AI", "≥ 30%", "Sở Khoa học và Công nghệ"],
    )
    plan = parse_text(text)
    assert [(i.code, i.targets, i.lead) for i in plan.indicators] == [
        ("1", {"2030": "2"}, None),
        ("2", {"2030": "1"}, None),
        ("3", {"2030": "≥ 30%"}, "Sở Khoa học và Công nghệ"),
    ]


def test_a_bold_heading_row_opens_a_section():
    text = rows(
        TASK_HEADER,
        ["**I**", "**Nâng cao nhận thức, đổi mới tư duy**"],
        ["1", "Tuyên truyền Nghị quyết", "Sở Văn hóa, Thể thao và Du lịch", "Báo Lào Cai", "2025"],
        ["**II**", "**Hoàn thiện thể chế**"],
        ["2", "Rà soát văn bản quy phạm", "Sở Tư pháp", "Các sở, ngành", "Quý IV/2025"],
    )
    plan = parse_text(text)
    assert [(t.section, t.section_title, t.number) for t in plan.tasks] == [
        ("I", "Nâng cao nhận thức, đổi mới tư duy", "1"),
        ("II", "Hoàn thiện thể chế", "2"),
    ]


def test_a_two_row_bold_header_puts_lead_and_coordinating_under_the_agency_label():
    text = rows(
        ["**STT**", "**Nội dung**", "**Cơ quan thực hiện**", "**Thời gian hoàn thành**"],
        ["**Chủ trì**", "**Phối hợp**"],
        ["1", "Xây dựng đề án đô thị thông minh", "Sở Xây dựng", "Các sở, ngành", "2026"],
        ["2", "Phát triển hạ tầng số", "Sở Khoa học và Công nghệ", "Viettel Lào Cai", "2025"],
    )
    assert only_tasks(text) == [
        ("1", "Xây dựng đề án đô thị thông minh", "Sở Xây dựng", "Các sở, ngành", "2026"),
        ("2", "Phát triển hạ tầng số", "Sở Khoa học và Công nghệ", "Viettel Lào Cai", "2025"),
    ]


def test_rows_whose_cells_end_with_a_pipe_are_read_cell_by_cell():
    """nhansu.vn: a line '|' starts each row, each cell ends with ' |' on its last line."""
    text = "\n".join(
        [
            "|",
            "STT |",
            "Nhiệm vụ |",
            "Cơ quan chủ trì |",
            "Cơ quan phối hợp |",
            "Thời gian hoàn thành |",
            "|",
            "1 |",
            "Triển khai nền tảng",
            "học tập số |",
            "Sở Giáo dục và Đào tạo |",
            "|",  # an empty cell: the line '|' alone
            "Năm 2025 |",
            "|",
            "2 |",
            "Xây dựng kho dữ liệu mở |",
            "Sở Khoa học và Công nghệ |",
            "Các sở, ngành |",
            "2026 |",
        ]
    )
    assert only_tasks(text) == [
        ("1", "Triển khai nền tảng học tập số", "Sở Giáo dục và Đào tạo", None, "Năm 2025"),
        ("2", "Xây dựng kho dữ liệu mở", "Sở Khoa học và Công nghệ", "Các sở, ngành", "2026"),
    ]


# -- the cell form (thuvienphapluat.vn) --------------------------------------------------------


def test_cells_followed_by_pipe_lines_are_put_back_into_rows_by_the_header_width():
    text = cells(
        *CELL_HEADER,
        "I. Nâng cao nhận thức, đột phá về đổi mới tư duy",  # merged across the row
        "1",
        "Tổ chức quán triệt Nghị quyết số 57-NQ/TW\nđến toàn thể cán bộ",
        "Sở Khoa học và\nCông nghệ",
        "",  # empty cell
        "Quý I/2025",
        "2",
        "Số hóa hồ sơ lưu trữ",
        "Sở Nội vụ",
        "Các sở, ngành",
        "Hằng năm",
    )
    plan = parse_text(text)
    assert plan.parser == "web-cells"
    assert [
        (t.section, t.number, t.name, t.lead, t.coordinating, t.deadline) for t in plan.tasks
    ] == [
        (
            "I",
            "1",
            "Tổ chức quán triệt Nghị quyết số 57-NQ/TW đến toàn thể cán bộ",
            "Sở Khoa học và Công nghệ",
            None,
            "Quý I/2025",
        ),
        ("I", "2", "Số hóa hồ sơ lưu trữ", "Sở Nội vụ", "Các sở, ngành", "Hằng năm"),
    ]


def test_a_cell_merged_across_columns_does_not_shift_the_next_rows():
    text = cells(
        *CELL_HEADER,
        "1",
        "Khai thác cơ sở dữ liệu dùng chung",
        "Thực hiện theo Quyết định số 4765/QĐ-UBND ngày 18/10/2023",  # spans three columns
        "2",
        "Triển khai dữ liệu mở",
        "Sở Khoa học và Công nghệ",
        "Các sở, ngành",
        "Quý III/2025",
    )
    assert only_tasks(text)[1] == (
        "2",
        "Triển khai dữ liệu mở",
        "Sở Khoa học và Công nghệ",
        "Các sở, ngành",
        "Quý III/2025",
    )


def test_a_flattened_two_row_header_in_cells_is_merged_into_its_group():
    text = cells(
        "STT",
        "Nội dung",
        "Cơ quan thực hiện",
        "Thời gian",
        "Chủ trì",
        "Phối hợp",
        "1",
        "Xây dựng đề án",
        "Sở Xây dựng",
        "Các sở, ngành",
        "2026",
    )
    assert only_tasks(text) == [("1", "Xây dựng đề án", "Sở Xây dựng", "Các sở, ngành", "2026")]


# -- site chrome -------------------------------------------------------------------------------

TVPL_PAGE = """THƯ VIỆN PHÁP LUẬT
Đăng nhập
Bản dịch này thuộc quyền sở hữu của
THƯ VIỆN PHÁP LUẬT . Mọi hành vi sao chép, đăng tải lại mà không có sự đồng ý của
Đang tải văn bản...
Số hiệu:
99/QĐ-UBND
Loại văn bản:
Quyết định
Tình trạng:
Đã biết
ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
-------
|
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 120/KH-UBND
|
Lào Cai, ngày 15 tháng 3 năm 2025
|
KẾ HOẠCH
Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị
Tải văn bản
Theo dõi hiệu lực VB
PHỤ LỤC
{table}
Văn bản liên quan
Quyết định 99/QĐ-UBND năm 2024 về quy chế
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.
Văn bản này có hiệu lực kể từ ngày ký.
Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15
Góp ý
© 2025 THƯ VIỆN PHÁP LUẬT
"""


def test_site_chrome_is_ignored_even_where_it_looks_like_content():
    table = cells(*CELL_HEADER, "1", "Ban hành kế hoạch", "Sở Nội vụ", "Các sở", "2025")
    page = TVPL_PAGE.format(table=table)
    plan = parse_text(page)
    assert [(t.number, t.name, t.lead) for t in plan.tasks] == [
        ("1", "Ban hành kế hoạch", "Sở Nội vụ")
    ]
    assert (plan.document.number, plan.document.date) == ("120/KH-UBND", "2025-03-15")
    assert "65/2025/QH15" not in plan.document.bases
    normalised = web_cells_to_text(page)
    for chrome in ("Điều 1.", "Văn bản này có hiệu lực", "Tải văn bản", "99/QĐ-UBND", "©"):
        assert chrome not in normalised, chrome
    assert len(normalised.split("\n")) == len(page.split("\n"))


def test_chrome_words_inside_a_table_are_cell_text():
    table = cells(*CELL_HEADER, "1", "Ban hành kế hoạch", "Sở Nội vụ", "Các sở", "2025")
    lines = ["Văn bản hướng dẫn", "Lưu trữ", *table.split("\n")]
    kept = strip_chrome(lines, frozenset({1, 2}))
    assert kept[:2] == ["Văn bản hướng dẫn", "Lưu trữ"]
    assert strip_chrome(lines)[1] == ""


def test_a_page_without_any_plan_table_is_refused():
    page = TVPL_PAGE.format(table="Không có bảng.")
    assert not looks_like_web_cells(page)
    assert choose_parser(page) == "text-tables"
    with pytest.raises(IngestError):
        parse_text(page)


def test_the_source_line_of_a_record_points_into_the_page():
    table = cells(*CELL_HEADER, "1", "Ban hành kế hoạch", "Sở Nội vụ", "Các sở", "2025")
    page = TVPL_PAGE.format(table=table)
    task = parse_text(page).tasks[0]
    assert page.split("\n")[task.source.line_start - 1] == "1"


def test_rows_with_a_closing_pipe_only_are_table_rows():
    """hethongphapluat.vn prints a row per line: 'a | b | c |'."""
    assert split_row("1 | Ban hành kế hoạch | Sở Nội vụ | 2025 |") == [
        "1",
        "Ban hành kế hoạch",
        "Sở Nội vụ",
        "2025",
    ]
    assert split_row("Số: 130/KH-UBND | Ninh Bình, ngày 13 tháng 7 năm 2022 |") is None
    text = "\n".join(
        [
            "STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |",
            "1 | Ban hành kế hoạch | Sở Nội vụ | Các sở | 2025 |",
        ]
    )
    assert [(t.number, t.lead) for t in parse_text(text).tasks] == [("1", "Sở Nội vụ")]
