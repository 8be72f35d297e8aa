"""Suggesting the upper plan's task (indicator) a lower plan's row localises: pure, no database.

The rows below are shortened from the seed plans (the city appendix 004 and Củ Chi's 000) or
written like them.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from nq57.cascade.matching import (
    INDICATOR_NO_MATCH,
    NO_MATCH,
    IndicatorItem,
    Item,
    agency_fields,
    suggest_indicator_links,
    suggest_task_links,
    tokens,
)

SECTION_I = "I. Nâng cao nhận thức, đột phá về đổi mới tư duy"
SECTION_V = "V. Đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan trong hệ thống chính trị"
SECTION_VI = "VI. Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ trong doanh nghiệp"

CITY = [
    Item(
        "1",
        "Ban hành và tổ chức triển khai chương trình tuyên truyền thường xuyên, sâu rộng về nội "
        "dung Nghị quyết 57-NQ/TW theo hướng đa dạng hóa các hình thức",
        SECTION_I,
        "3/2025",
        "period_end",
        date(2025, 3, 31),
        "Sở Khoa học và Công nghệ",
        "Ban Tuyên giáo; các Sở, ngành, UBND thành phố Thủ Đức, các quận, huyện",
    ),
    Item(
        "2",
        "Xây dựng văn bản quy định trách nhiệm người đứng đầu các cơ quan nhà nước trực tiếp phụ "
        "trách, chỉ đạo triển khai nhiệm vụ về phát triển khoa học, công nghệ",
        SECTION_I,
        "6/2025",
        "period_end",
        date(2025, 6, 30),
        "Sở Nội vụ",
        "Các Sở, ban, ngành, UBND thành phố Thủ Đức, các quận, huyện",
    ),
    Item(
        "3",
        "Triển khai Hệ thống thông tin về đất đai TP.HCM",
        SECTION_V,
        "Quý 1/2025",
        "period_end",
        date(2025, 3, 31),
        "Sở Tài nguyên và Môi trường",
        "Các Sở, ban, ngành; Trung tâm Chuyển đổi số Thành phố",
    ),
    Item(
        "4",
        "Tạo lập dữ liệu sức khỏe của người dân Thành phố",
        SECTION_V,
        "Quý 4/2025",
        "period_end",
        date(2025, 12, 31),
        "Sở Y tế",
        "Các Sở, ban, ngành; Trung tâm Chuyển đổi số Thành phố",
    ),
    Item(
        "5",
        "Triển khai đăng ký, cấp chữ ký số cho các cơ sở y tế, cán bộ, nhân viên y tế",
        SECTION_V,
        "06/2025",
        "period_end",
        date(2025, 6, 30),
        "Sở Khoa học và Công nghệ",
        "Sở Y tế",
    ),
]


def _child(number: str, text: str, **fields: object) -> Item:
    return replace(Item(number, text, SECTION_I), **fields)  # type: ignore[arg-type]


def _by_number(items: list[Item], number: str) -> Item:
    return next(item for item in items if item.number == number)


# --- words ------------------------------------------------------------------------------------


def test_it_folds_diacritics_so_a_mistyped_accent_still_matches():
    assert tokens("chuyên đổi số") == tokens("Chuyển Đổi Số") == ["chuyen", "doi", "so"]
    assert tokens("Tạo lập dữ liệu") == tokens("tao lap du lieu")


def test_it_writes_out_abbreviations_and_drops_function_words():
    assert tokens("KH&CN của các xã") == ["khoa", "hoc", "cong", "nghe", "xa"]
    assert tokens("CĐS, CSDL") == ["chuyen", "doi", "so", "co", "so", "du", "lieu"]
    assert tokens("UBND huyện") == ["uy", "ban", "nhan", "dan", "huyen"]


# --- tasks ------------------------------------------------------------------------------------


def test_it_finds_the_city_task_a_district_rewords():
    child = _child(
        "4",
        "Theo dõi, triển khai văn bản quy định trách nhiệm người đứng đầu các cơ quan nhà nước "
        "trực tiếp phụ trách, chỉ đạo triển khai nhiệm vụ về phát triển khoa học, công nghệ",
        deadline_raw="6/2025",
        deadline_kind="period_end",
        deadline_due=date(2025, 6, 30),
        lead="Phòng Nội vụ huyện",
    )
    [suggestion] = suggest_task_links([child], CITY)
    assert (suggestion.child_number, suggestion.parent_number) == ("4", "2")
    assert suggestion.parent_index == 1
    assert suggestion.score >= 0.8
    assert any("«văn bản quy định trách nhiệm người đứng đầu" in r for r in suggestion.reasons)
    assert "Cùng thời hạn: «6/2025» ↔ «6/2025»." in suggestion.reasons
    assert f"Cùng chủ đề mục: «{SECTION_I}»." in suggestion.reasons


def test_a_child_keeping_one_sentence_of_a_long_parent_row_still_finds_it():
    long_row = Item(
        "9",
        "Ban hành kế hoạch, chính sách thúc đẩy phát triển kinh tế số. Rà soát, hoàn thiện "
        "phương pháp và kết quả đo lường chỉ tiêu, tỷ trọng giá trị tăng thêm của kinh tế số "
        "trong GRDP của Thành phố Hồ Chí Minh",
    )
    [suggestion] = suggest_task_links(
        [_child("14", "Theo dõi kế hoạch, chính sách thúc đẩy phát triển kinh tế số.")],
        [*CITY, long_row],
    )
    assert suggestion.parent_number == "9"
    assert suggestion.score > NO_MATCH  # words alone: no deadline, section or agency given
    assert "«kế hoạch, chính sách thúc đẩy phát triển kinh tế số»" in suggestion.reasons[0]


def test_a_new_task_has_no_counterpart():
    """Ward police checking information security: shares 'thông tin', 'hệ thống' with the city
    land information system, and nothing else."""
    child = _child(
        "63",
        "Kiểm tra, đánh giá an toàn thông tin các hệ thống thông tin quan trọng",
        section="IX. Bảo đảm an toàn, an ninh mạng",
        deadline_raw="Quý III/2025",
        deadline_kind="period_end",
        deadline_due=date(2025, 9, 30),
        lead="Công an 10 phường",
    )
    [suggestion] = suggest_task_links([child], CITY)
    assert suggestion.parent_number is None
    assert suggestion.parent_index is None
    assert 0.15 < suggestion.score < NO_MATCH
    assert suggestion.alternatives[0][0] == "3"
    assert suggestion.reasons == (
        f"Không có nhiệm vụ nào của kế hoạch cấp trên đủ gần (điểm cao nhất "
        f"{suggestion.score:.2f} < {NO_MATCH:.2f}).".replace(".", ",", 2),
    )


def test_generic_plan_verbs_count_little():
    """'Theo dõi, phối hợp, tổ chức triển khai thực hiện' is how a district rewrites any task."""
    parents = [
        *CITY,
        Item("6", "Theo dõi, phối hợp, tổ chức triển khai thực hiện quy hoạch đô thị"),
        Item("7", "Xây dựng cơ sở dữ liệu du lịch"),
    ]
    text = "Theo dõi, phối hợp, tổ chức triển khai thực hiện cơ sở dữ liệu du lịch"
    [suggestion] = suggest_task_links([_child("1", text)], parents)
    assert suggestion.parent_number == "7"
    assert all(number != "6" or score < 0.2 for number, score in suggestion.alternatives)


def test_a_task_merging_two_city_tasks_names_the_other_as_a_possible_merge():
    child = _child(
        "36",
        "Phối hợp tạo lập dữ liệu sức khỏe của người dân Thành phố; triển khai đăng ký, cấp chữ "
        "ký số cho các cơ sở y tế, cán bộ, nhân viên y tế",
        section=SECTION_V,
        lead="Phòng Y tế huyện",
    )
    [suggestion] = suggest_task_links([child], CITY)
    assert {suggestion.parent_number, suggestion.alternatives[0][0]} == {"4", "5"}
    other = suggestion.alternatives[0][0]
    assert any(r.startswith(f"Có thể gộp cả nhiệm vụ số {other}") for r in suggestion.reasons)


def test_it_names_the_corresponding_agencies():
    child = _child(
        "37",
        "Triển khai Hệ thống thông tin về đất đai TP.HCM",
        section=SECTION_V,
        lead="Phòng Nông nghiệp và Môi trường huyện",
    )
    [suggestion] = suggest_task_links([child], CITY)
    assert suggestion.parent_number == "3"
    assert (
        "Cơ quan chủ trì tương ứng (nông nghiệp, môi trường): "
        "«Phòng Nông nghiệp và Môi trường huyện» ↔ «Sở Tài nguyên và Môi trường»."
    ) in suggestion.reasons


def test_agency_fields_ignore_the_level_words():
    district = agency_fields("Phòng Văn hóa, Khoa học và Thông tin huyện")
    assert district & agency_fields("Sở Khoa học và Công nghệ") == {"khoa học, công nghệ"}
    assert district & agency_fields("Sở Văn hóa và Thể thao") == {"văn hóa, thể thao"}
    assert agency_fields("Phòng Nội vụ") == agency_fields("Sở Nội vụ") == {"nội vụ, lao động"}
    assert agency_fields("UBND xã") == agency_fields("Ủy ban nhân dân quận, huyện")
    assert agency_fields("Văn phòng HĐND – UBND huyện") == {"văn phòng"}
    assert agency_fields("Các đơn vị có liên quan") == frozenset()


def test_the_lead_agency_decides_between_two_rows_with_the_same_words():
    text = "Triển khai số hóa hồ sơ lưu trữ của ngành"
    parents = [
        Item("1", text, SECTION_V, lead="Sở Tư pháp"),
        Item("2", text, SECTION_V, lead="Sở Y tế"),
    ]
    [health] = suggest_task_links(
        [_child("1", text, section=SECTION_V, lead="Phòng Y tế")], parents
    )
    [justice] = suggest_task_links(
        [_child("1", text, section=SECTION_V, lead="Phòng Tư pháp huyện")], parents
    )
    assert (health.parent_number, justice.parent_number) == ("2", "1")


def test_the_deadline_and_the_section_separate_twins_in_two_sections():
    """The city plan holds the same assessment in section II (2025) and section VI (9/2025)."""
    text = "Triển khai đánh giá mức độ chuyển đổi số doanh nghiệp"
    parents = [
        Item("11", text, "II. Hoàn thiện thể chế", "2025", "period_end", date(2025, 12, 31)),
        Item("68", text, SECTION_VI, "9/2025", "period_end", date(2025, 9, 30)),
    ]
    child = _child(
        "47",
        text,
        section=SECTION_VI,
        deadline_raw="9/2025",
        deadline_kind="period_end",
        deadline_due=date(2025, 9, 30),
    )
    [suggestion] = suggest_task_links([child], parents)
    assert suggestion.parent_number == "68"
    assert suggestion.alternatives[0][0] == "11"
    assert (suggestion.parent_index, suggestion.alternative_indices) == (1, (0,))


def test_the_order_of_the_plans_decides_between_identical_candidates():
    """Twins at positions 2 and 5: the child between the children linked to 4 and 6 takes 5."""
    twin = "Triển khai giải pháp hỗ trợ, bảo vệ người dân trên không gian mạng ở mức cơ bản"
    texts = [
        "Triển khai Hệ thống thông tin về đất đai TP.HCM",
        twin,
        "Tạo lập dữ liệu sức khỏe của người dân Thành phố",
        "Triển khai Hệ thống thông tin Quản lý Cấp phép xây dựng",
        twin,
        "Số hóa và tạo lập dữ liệu ngành lao động - thương binh và xã hội (giai đoạn 1)",
    ]
    parents = [Item(str(k), text, SECTION_V) for k, text in enumerate(texts, start=1)]
    children = [
        _child("1", texts[3], section=SECTION_V),
        _child("2", twin, section=SECTION_V),
        _child("3", texts[5], section=SECTION_V),
    ]
    suggestions = suggest_task_links(children, parents)
    assert [s.parent_number for s in suggestions] == ["4", "5", "6"]
    assert "Đúng thứ tự" in suggestions[1].reasons[-1]


def test_it_is_deterministic_and_does_not_depend_on_the_parents_order():
    children = [
        _child("1", "Theo dõi, triển khai chương trình tuyên truyền về Nghị quyết 57-NQ/TW"),
        _child("2", "Phối hợp tạo lập dữ liệu sức khỏe của người dân theo hướng dẫn của Sở Y tế"),
        _child("3", "Kiểm tra phòng cháy, chữa cháy tại các chợ"),
    ]
    first = suggest_task_links(children, CITY)
    assert suggest_task_links(children, CITY) == first
    shuffled = CITY[:]
    random.Random(57).shuffle(shuffled)
    again = suggest_task_links(children, shuffled)
    assert [(s.parent_number, s.score) for s in again] == [
        (s.parent_number, s.score) for s in first
    ]
    assert [s.parent_number for s in first] == ["1", "4", None]


def test_scores_stay_between_0_and_1_and_alternatives_are_at_most_three():
    children = [replace(item, number=f"c{item.number}") for item in CITY]
    for suggestion in suggest_task_links(children, CITY):
        assert 0.0 <= suggestion.score <= 1.0
        assert len(suggestion.alternatives) <= 3
        assert all(0.0 <= score <= 1.0 for _, score in suggestion.alternatives)
        assert suggestion.parent_number == suggestion.child_number[1:]


def test_nothing_to_match_against():
    assert suggest_task_links([], CITY) == []
    [suggestion] = suggest_task_links([_child("1", "Tạo lập dữ liệu sức khỏe")], [])
    assert (suggestion.parent_number, suggestion.score, suggestion.alternatives) == (None, 0.0, ())


# --- indicators -------------------------------------------------------------------------------

BY_2030_95, BY_2030_100 = (("2030", "≥ 95"),), (("2030", "100%"),)
CITY_INDICATORS = [
    IndicatorItem("5", "Tỷ lệ hồ sơ, kết quả giải quyết TTHC được số hóa", targets=BY_2030_100),
    IndicatorItem("12", "Tỷ lệ người dân có tài khoản định danh điện tử (VneID)", "", "%"),
    IndicatorItem("13", "Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "", "%", BY_2030_95),
    IndicatorItem("18", "Số doanh nghiệp khởi nghiệp sáng tạo", "", "doanh nghiệp"),
    IndicatorItem("19", "Số doanh nghiệp khởi nghiệp sáng tạo", "", "% tổng số doanh nghiệp"),
]  # fmt: skip


def test_it_finds_indicators_by_name():
    children = [
        IndicatorItem("1.3", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "", "%"),
        IndicatorItem("16", "Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "", "%", BY_2030_95),
        IndicatorItem(
            "17", "Xếp hạng về an toàn thông tin mạng", "", "Thứ bậc", (("2030", "≤ 5"),)
        ),
    ]
    suggestions = suggest_indicator_links(children, CITY_INDICATORS)
    assert [s.parent_number for s in suggestions] == ["5", "13", None]
    assert "Cùng đơn vị tính: «%»." in suggestions[1].reasons
    assert "Cùng mục tiêu mốc 2030: «≥ 95»." in suggestions[1].reasons
    assert suggestions[2].score < INDICATOR_NO_MATCH
    assert suggestions[2].reasons[0].startswith("Không có chỉ tiêu nào")


def test_the_measure_unit_decides_between_indicators_of_the_same_name():
    name = "Số doanh nghiệp khởi nghiệp sáng tạo"
    [count] = suggest_indicator_links(
        [IndicatorItem("18", name, "", "Doanh nghiệp")], CITY_INDICATORS
    )
    [share] = suggest_indicator_links([IndicatorItem("18", name, "", "%")], CITY_INDICATORS)
    assert (count.parent_number, share.parent_number) == ("18", "19")


def test_a_percent_in_the_targets_stands_for_a_missing_unit():
    child = IndicatorItem("1.3", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC", "", "%")
    [suggestion] = suggest_indicator_links([child], CITY_INDICATORS)
    assert suggestion.parent_number == "5"
    assert "Cùng đơn vị tính: «%»." in suggestion.reasons
