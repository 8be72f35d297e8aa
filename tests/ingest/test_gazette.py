"""Plans taken from the official gazette (Công báo) PDF text: page furniture, one cell per line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nq57.cli import plan_to_json
from nq57.ingest import parse_text
from nq57.ingest.gazette import gazette_to_text, looks_like_gazette, strip_furniture
from tests.fixtures.web.make_forms import fixture_path, parts_of, seeds
from tests.fixtures.web.make_forms import gazette as render_gazette
from tests.scoring import score

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = seeds()
HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
RUNNING = "CÔNG BÁO/Số 45 + 46/Ngày 20-3-2025"


def gazette(*lines: str) -> str:
    """Gazette text: a first running header, then the lines ('§N' marks page N's header)."""
    out = [RUNNING, "17"]
    for line in lines:
        out += [RUNNING, line[1:]] if line.startswith("§") else [line]
    return "\n".join(out)


def tasks_of(text: str) -> list[tuple[str | None, ...]]:
    plan = parse_text(text)
    assert plan.parser == "gazette"
    return [(t.number, t.name, t.lead, t.coordinating, t.deadline) for t in plan.tasks]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_each_gazette_rendering_of_each_seed_scores_at_least_0_99(seed: Path):
    gold = json.loads((FIXTURES / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    plan = parse_text(fixture_path(seed, "gazette").read_text(encoding="utf-8"), seed.name)
    assert plan.parser == "gazette"
    result = score(gold, plan_to_json(plan))
    assert result["score"] >= 0.99, json.dumps(result, ensure_ascii=False)


@pytest.mark.parametrize("seed", [SEEDS[0], SEEDS[2]], ids=lambda p: p.name[:3])
def test_cells_wrapped_like_narrow_pdf_columns_still_score_at_least_0_99(seed: Path):
    parts, gold = parts_of(seed)
    plan = parse_text(render_gazette(parts, int(seed.name[:3]), cell_width=45))
    assert plan.parser == "gazette"
    result = score(gold, plan_to_json(plan))
    assert result["score"] >= 0.99, json.dumps(result, ensure_ascii=False)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_document_header_is_read_from_lines_wrapped_on_the_page(seed: Path):
    gold = json.loads((FIXTURES / "gold" / f"{seed.stem}.json").read_text(encoding="utf-8"))
    document = parse_text(fixture_path(seed, "gazette").read_text(encoding="utf-8")).document
    for field in ("number", "issuer", "date", "level", "bases"):
        assert getattr(document, field) == gold["document"][field], field


def test_it_detects_the_gazette_by_its_running_headers():
    assert looks_like_gazette(gazette("Nội dung", "§18", "tiếp"))
    assert looks_like_gazette(
        "a\n4 CÔNG BÁO/Số 1175 + 1176/Ngày 30-12-2014\nb\n"
        "CÔNG BÁO/Số 1175 + 1176/Ngày 30-12-2014 5\n"
    )
    assert not looks_like_gazette("Xem CÔNG BÁO/Số 45 + 46/Ngày 20-3-2025 tại trang 3")
    for seed in SEEDS:
        assert not looks_like_gazette(seed.read_text(encoding="utf-8")), seed.name


def test_running_headers_and_their_page_numbers_are_blanked_and_row_numbers_kept():
    lines = [
        "CÔNG BÁO/Số 18/Ngày 18-01-2026",  # 2026: the page number on a line of its own
        "21",
        "Nội dung trang 21",
        "CÔNG BÁO/Số 18/Ngày 18-01-2026",
        "22",
        "12",  # a row number at the top of the page
        "Ký bởi: Cổng Thông tin điện tử Chính phủ",
        "Email: thongtinchinhphu@chinhphu.vn",
        "Cơ quan: Văn phòng Chính phủ",
        "Thời gian ký: 25.03.2025 08:30:15 +07:00",
        "(Xem tiếp Công báo số 47 + 48)",
    ]
    assert strip_furniture(lines) == ["", "", "Nội dung trang 21", "", "", "12", *[""] * 5]
    inline = ["4 CÔNG BÁO/Số 1175 + 1176/Ngày 30-12-2014", "5", "Điều 2."]
    assert strip_furniture(inline) == ["", "5", "Điều 2."]  # the '5' is not a page number
    before = ["17", "CÔNG BÁO/Số 9/Ngày 15-5-2025", "3", "x", "18", "CÔNG BÁO/Số 9/Ngày 15-5-2025"]
    assert strip_furniture(before) == ["", "", "3", "x", "", ""]


def test_a_row_and_a_cell_running_across_a_page_break_are_joined():
    text = gazette(
        *HEADER,
        "1",
        "Xây dựng cơ sở dữ liệu chuyên ngành về khoa học, công nghệ và đổi mới sáng tạo",
        "§18",
        *HEADER,  # the table header, repeated on the new page
        "của tỉnh, kết nối với cơ sở dữ liệu quốc gia",
        "Sở Khoa học và Công nghệ",
        "Các sở, ngành",
        "Quý IV/2025",
        "2",
        "Số hóa hồ sơ",
        "Sở Nội vụ",
        "Năm 2026",
    )
    assert tasks_of(text) == [
        (
            "1",
            "Xây dựng cơ sở dữ liệu chuyên ngành về khoa học, công nghệ và đổi mới sáng tạo "
            "của tỉnh, kết nối với cơ sở dữ liệu quốc gia",
            "Sở Khoa học và Công nghệ",
            "Các sở, ngành",
            "Quý IV/2025",
        ),
        ("2", "Số hóa hồ sơ", "Sở Nội vụ", None, "Năm 2026"),  # an empty cell leaves no line
    ]


def test_wrapped_lines_stay_in_their_cell():
    text = gazette(
        *HEADER,
        "I",
        "Nâng cao nhận thức",
        "1",
        "Tổ chức hội nghị quán triệt Nghị quyết",
        "số 57-NQ/TW",
        "Sở Khoa học và",
        "Công nghệ",
        "Các sở, ban, ngành",
        "Hằng năm",
    )
    assert tasks_of(text) == [
        (
            "1",
            "Tổ chức hội nghị quán triệt Nghị quyết số 57-NQ/TW",
            "Sở Khoa học và Công nghệ",
            "Các sở, ban, ngành",
            "Hằng năm",
        )
    ]
    assert parse_text(text).tasks[0].section == "I"


def test_a_target_that_reads_like_a_row_number_is_a_target():
    text = gazette(
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu đến năm 2030",
        "Cơ quan chủ trì",
        "1",
        "Số doanh nghiệp công nghệ số trên 1.000 dân",
        "Doanh nghiệp",
        "2",
        "Sở Khoa học và Công nghệ",
        "2",
        "Tỷ lệ hộ gia đình có cáp quang",
        "%",
        "3",
        "Sở Khoa học và Công nghệ",
        "3",
        "Số khu công nghệ thông tin tập trung",
        "Khu",
        "1",
        "Ban Quản lý các khu công nghiệp",
    )
    plan = parse_text(text)
    assert [(i.code, i.unit, i.targets, i.lead) for i in plan.indicators] == [
        ("1", "Doanh nghiệp", {"2030": "2"}, "Sở Khoa học và Công nghệ"),
        ("2", "%", {"2030": "3"}, "Sở Khoa học và Công nghệ"),
        ("3", "Khu", {"2030": "1"}, "Ban Quản lý các khu công nghiệp"),
    ]


def test_an_unnumbered_row_with_its_number_printed_below_is_a_record_of_its_own():
    text = gazette(
        "STT",
        "Chỉ tiêu",
        "Năm 2025",
        "Năm 2030",
        "12",
        "Số bài báo khoa học",
        "≥ 100",
        "≥ 200",
        "Làm chủ công nghệ chiến lược",
        "-",
        "Đạt",
        "13",
        "14",
        "Số sáng chế được cấp",
        "≥ 10",
        "≥ 20",
    )
    plan = parse_text(text)
    assert [(i.code, i.name, i.targets) for i in plan.indicators] == [
        ("12", "Số bài báo khoa học", {"2025": "≥ 100", "2030": "≥ 200"}),
        (None, "Làm chủ công nghệ chiến lược", {"2030": "Đạt"}),
        ("14", "Số sáng chế được cấp", {"2025": "≥ 10", "2030": "≥ 20"}),
    ]


def test_tables_already_separated_by_tabs_are_left_to_the_table_reader():
    text = gazette(
        "\t".join(HEADER),
        "1\tBan hành kế hoạch\tSở Nội vụ\tCác sở\t2025",
        "§18",
        "2\tSố hóa hồ sơ\tSở Nội vụ\t\t2026",
        "3\tĐào tạo kỹ năng số\tSở Nội vụ\t\t2026",
        "4\tXây dựng kho dữ liệu\tSở Tài chính\t\t2026",
        "5\tTổng kết\tSở Nội vụ\t\t2030",
    )
    assert "CÔNG BÁO" not in gazette_to_text(text)
    assert [t[0] for t in tasks_of(text)] == ["1", "2", "3", "4", "5"]
