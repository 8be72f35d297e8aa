"""Splitting lead/coordinating cells into units, on strings copied from the seeds' gold files."""

from __future__ import annotations

import pytest

from nq57.orgs.names import (
    UnitMention,
    expand_abbreviations,
    is_collective,
    normalize_unit_name,
    split_assignment,
    split_units,
)


def names(mentions: list[UnitMention]) -> list[str]:
    return [m.name for m in mentions]


def test_it_expands_unit_abbreviations() -> None:
    assert expand_abbreviations("Văn phòng HĐND và UBND huyện") == (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"
    )
    assert expand_abbreviations("Văn phòng HDND – UBND huyện") == (
        "Văn phòng Hội đồng nhân dân – Ủy ban nhân dân huyện"
    )
    assert expand_abbreviations("Sở KH&CN") == "Sở Khoa học và Công nghệ"
    assert expand_abbreviations("Sở KHCN") == "Sở Khoa học và Công nghệ"
    assert expand_abbreviations("Phòng VHKHTT") == "Phòng Văn hóa, Khoa học và Thông tin"
    assert expand_abbreviations("TTCĐS TP") == "Trung tâm Chuyển đổi số Thành phố"
    assert (
        expand_abbreviations("Đại học Quốc gia TP.HCM") == "Đại học Quốc gia Thành phố Hồ Chí Minh"
    )
    assert expand_abbreviations("VP UBND TP") == "Văn phòng Ủy ban nhân dân Thành phố"
    assert expand_abbreviations("QTSC") == "Công ty TNHH Công viên phần mềm Quang Trung"


def test_it_leaves_words_containing_abbreviation_letters_alone() -> None:
    assert expand_abbreviations("Trung tâm TPHCMX") == "Trung tâm TPHCMX"
    assert expand_abbreviations("Phòng Tư pháp") == "Phòng Tư pháp"


def test_it_normalizes_unit_names_for_comparison() -> None:
    assert normalize_unit_name("Phòng Tài chính – Kế hoạch huyện;") == (
        "phong tai chinh - ke hoach huyen"
    )
    assert normalize_unit_name("Phòng Tài chính-Kế hoạch huyện") == (
        "phong tai chinh - ke hoach huyen"
    )
    assert normalize_unit_name("Phòng Văn hoá - Xã hội") == normalize_unit_name(
        "Phòng Văn hóa - Xã hội"
    )
    assert normalize_unit_name("Sở KH&CN.") == "so khoa hoc va cong nghe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phòng Văn hóa, Khoa học và Thông tin", ["Phòng Văn hóa, Khoa học và Thông tin"]),
        ("Phòng Kinh tế, Hạ tầng và Đô thị huyện", ["Phòng Kinh tế, Hạ tầng và Đô thị huyện"]),
        ("Phòng Kinh tế, Hạ tầng, đô thị huyện", ["Phòng Kinh tế, Hạ tầng, đô thị huyện"]),
        ("Sở Khoa học, Công nghệ", ["Sở Khoa học, Công nghệ"]),
        ("Sở Tài chính Sở Khoa học và Công nghệ", ["Sở Tài chính", "Sở Khoa học và Công nghệ"]),
        (
            "Sở Khoa học và Công nghệ Hội Doanh nghiệp Quận 3",
            ["Sở Khoa học và Công nghệ", "Hội Doanh nghiệp Quận 3"],
        ),
        (
            "Sở Khoa học và Công nghệ Công an Thành phố",
            ["Sở Khoa học và Công nghệ", "Công an Thành phố"],
        ),
        (
            "Ban Tuyên giáo và Dân vận Quận ủy, Trung tâm Chính trị Quận 3",
            ["Ban Tuyên giáo và Dân vận Quận ủy", "Trung tâm Chính trị Quận 3"],
        ),
        (
            "Sở Tài chính, Ngân hàng nhà nước, Công an Thành phố, Sở Khoa học và Công nghệ",
            ["Sở Tài chính", "Ngân hàng nhà nước", "Công an Thành phố", "Sở Khoa học và Công nghệ"],
        ),
        (
            "Công an Thành phố, Sở Khoa học và Công nghệ, TTCĐS TP",
            ["Công an Thành phố", "Sở Khoa học và Công nghệ", "TTCĐS TP"],
        ),
        (
            "Ban Quản lý Khu Công nghệ cao TP.HCM, Công ty TNHH Công viên phần mềm Quang Trung, "
            "Đại học Quốc gia TP.HCM, Sở Giáo dục và Đào tạo",
            [
                "Ban Quản lý Khu Công nghệ cao TP.HCM",
                "Công ty TNHH Công viên phần mềm Quang Trung",
                "Đại học Quốc gia TP.HCM",
                "Sở Giáo dục và Đào tạo",
            ],
        ),
        ("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"]),
        ("Văn phòng HDND – UBND huyện", ["Văn phòng HDND – UBND huyện"]),
        (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
            ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"],
        ),
        ("Chi nhánh Ngân hàng Nhà nước", ["Chi nhánh Ngân hàng Nhà nước"]),
        ("Văn phòng HDND và UBND huyện;", ["Văn phòng HDND và UBND huyện"]),
        (
            "Phòng Văn hóa, Khoa học và Thông tin huyện Các",
            ["Phòng Văn hóa, Khoa học và Thông tin huyện"],
        ),
        (
            "Sở Quy hoạch - Kiến trúc (đổi tên thành Sở Xây dựng)",
            ["Sở Quy hoạch - Kiến trúc (đổi tên thành Sở Xây dựng)"],
        ),
        (
            "Phòng Văn hóa, Khoa học và Thông tin; Phòng Tư pháp",
            ["Phòng Văn hóa, Khoa học và Thông tin", "Phòng Tư pháp"],
        ),
        ("Phòng Y tế huyện\nTrung tâm Y tế huyện", ["Phòng Y tế huyện", "Trung tâm Y tế huyện"]),
        ("", []),
        (None, []),
    ],
)
def test_it_splits_a_cell_into_units(text: str | None, expected: list[str]) -> None:
    assert names(split_units(text)) == expected


def test_it_keeps_the_hcmc_collective_phrase_whole() -> None:
    text = "Các Sở, ban, ngành, UBND thành phố Thủ Đức, các quận, huyện"
    assert split_units(text) == [UnitMention(text, collective=True)]


def test_it_keeps_collectives_whole_next_to_single_units() -> None:
    text = (
        "Ban Tuyên giáo; các Sở, ngành, UBND thành phố Thủ Đức, các quận, huyện; "
        "Báo chí Thành phố, Cổng TTĐT Thành phố"
    )
    assert split_units(text) == [
        UnitMention("Ban Tuyên giáo", False),
        UnitMention("các Sở, ngành, UBND thành phố Thủ Đức, các quận, huyện", True),
        UnitMention("Báo chí Thành phố", False),
        UnitMention("Cổng TTĐT Thành phố", False),
    ]


def test_it_splits_two_collectives_on_a_semicolon() -> None:
    assert split_units("các phòng, ban, đơn vị huyện; UBND các xã, thị trấn") == [
        UnitMention("các phòng, ban, đơn vị huyện", True),
        UnitMention("UBND các xã, thị trấn", True),
    ]
    assert split_units("Các phòng, ban, đơn vị huyện") == [
        UnitMention("Các phòng, ban, đơn vị huyện", True)
    ]


def test_it_splits_a_collective_from_the_unit_glued_before_it() -> None:
    assert split_units(
        "Trung tâm Chuyển đổi số Thành phố Các Sở, ban, ngành, "
        "UBND thành phố Thủ Đức, các quận, huyện"
    ) == [
        UnitMention("Trung tâm Chuyển đổi số Thành phố", False),
        UnitMention("Các Sở, ban, ngành, UBND thành phố Thủ Đức, các quận, huyện", True),
    ]
    assert split_units(
        "Văn phòng UBND TP Sở Khoa học và Công nghệ UBND thành phố Thủ Đức, các quận, huyện"
    ) == [
        UnitMention("Văn phòng UBND TP", False),
        UnitMention("Sở Khoa học và Công nghệ", False),
        UnitMention("UBND thành phố Thủ Đức, các quận, huyện", True),
    ]


def test_it_splits_units_and_collectives_on_commas_when_a_new_unit_starts() -> None:
    assert split_units("Trung tâm Y tế huyện, Ủy ban nhân dân các xã, thị trấn") == [
        UnitMention("Trung tâm Y tế huyện", False),
        UnitMention("Ủy ban nhân dân các xã, thị trấn", True),
    ]
    assert split_units("Các phòng ban, chuyên môn thuộc quận, Ủy ban nhân dân 10 phường") == [
        UnitMention("Các phòng ban, chuyên môn thuộc quận", True),
        UnitMention("Ủy ban nhân dân 10 phường", True),
    ]
    assert split_units("Hội Tin học Các Trường, Viện Các đơn vị liên quan") == [
        UnitMention("Hội Tin học", False),
        UnitMention("Các Trường, Viện", True),
        UnitMention("Các đơn vị liên quan", True),
    ]


def test_it_drops_stray_words_left_by_page_breaks() -> None:
    assert split_units("huyện Các phòng, ban, đơn vị huyện; UBND các xã, thị trấn") == [
        UnitMention("Các phòng, ban, đơn vị huyện", True),
        UnitMention("UBND các xã, thị trấn", True),
    ]


@pytest.mark.parametrize(
    ("name", "collective"),
    [
        ("Các đơn vị có liên quan", True),
        ("đơn vị liên quan.", True),
        ("Công an 10 phường", True),
        ("UBND xã, thị trấn", True),
        ("Các trường học trên địa bàn xã", True),
        ("Ban quản lý các Khu chế xuất và Công nghiệp Thành phố", False),
        ("Công an xã", False),
        ("Báo chí Thành phố", False),
    ],
)
def test_it_recognises_collective_phrases(name: str, collective: bool) -> None:
    assert is_collective(name) is collective


@pytest.mark.parametrize(
    ("lead", "expected_lead", "expected_coordinating"),
    [
        (
            "Văn phòng HĐND và UBND huyện chủ trì phối hợp các phòng, ban, đơn vị huyện; "
            "UBND các xã, thị trấn",
            ["Văn phòng HĐND và UBND huyện"],
            ["các phòng, ban, đơn vị huyện", "UBND các xã, thị trấn"],
        ),
        (
            "Phòng Kinh tế, Hạ tầng và Đô thị huyện chủ trì phối hợp các phòng, ban, đơn vị huyện, "
            "Ủy ban nhân dân các xã, thị trấn",
            ["Phòng Kinh tế, Hạ tầng và Đô thị huyện"],
            ["các phòng, ban, đơn vị huyện", "Ủy ban nhân dân các xã, thị trấn"],
        ),
        (
            "Phòng Tài chính - Kế hoạch huyện chủ trì phối hợp, Ủy ban nhân dân các xã, thị trấn",
            ["Phòng Tài chính - Kế hoạch huyện"],
            ["Ủy ban nhân dân các xã, thị trấn"],
        ),
        (
            "Văn phòng HDND – UBND huyện chủ trì, phối hợp Phòng Kinh tế, Hạ tầng và Đô thị huyện",
            ["Văn phòng HDND – UBND huyện"],
            ["Phòng Kinh tế, Hạ tầng và Đô thị huyện"],
        ),
        (
            "Phòng Văn hóa, Khoa học và Thông tin huyện phối hợp Phòng Tài chính – Kế hoạch",
            ["Phòng Văn hóa, Khoa học và Thông tin huyện"],
            ["Phòng Tài chính – Kế hoạch"],
        ),
        (
            "Trung tâm Y tế huyện phối hợp Phòng Y tế huyện;",
            ["Trung tâm Y tế huyện"],
            ["Phòng Y tế huyện"],
        ),
        (
            "Sở Tài chính, Sở Khoa học và Công nghệ",
            ["Sở Tài chính", "Sở Khoa học và Công nghệ"],
            [],
        ),
    ],
)
def test_it_splits_a_lead_cell_that_names_coordinating_units(
    lead: str, expected_lead: list[str], expected_coordinating: list[str]
) -> None:
    lead_units, coordinating_units = split_assignment(lead, None)
    assert names(lead_units) == expected_lead
    assert names(coordinating_units) == expected_coordinating


def test_it_appends_the_coordinating_column_after_units_named_in_the_lead_cell() -> None:
    lead, coordinating = split_assignment(
        "Phòng Văn hóa, Khoa học và Thông tin huyện phối hợp Phòng Tài chính – Kế hoạch",
        "Ban Tuyên giáo và Dân vận huyện; Các phòng, ban, đơn vị huyện",
    )
    assert names(lead) == ["Phòng Văn hóa, Khoa học và Thông tin huyện"]
    assert coordinating == [
        UnitMention("Phòng Tài chính – Kế hoạch", False),
        UnitMention("Ban Tuyên giáo và Dân vận huyện", False),
        UnitMention("Các phòng, ban, đơn vị huyện", True),
    ]
