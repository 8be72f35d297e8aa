"""nq57.lib.targets: every way the seed plans print an indicator's target."""

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.lib.numbers import format_vn_number
from nq57.lib.targets import Assessment, Comparator, Target, clean_target_text, parse_target

C = Comparator
A = Assessment

# Every non-empty target of the gold extractions of the five seed plans (../shared/gold), copied
# here so that the tests run from a bare clone.
GOLD_TARGETS = [
    (
        "- Là đầu tàu về công nghệ mũi nhọn (AI, robot, vật liệu mới, sinh học,...), sở "
        "hữu công trình nghiên cứu tầm vóc, ứng dụng rộng rãi. - Ứng dụng AI, IoT, Big "
        "Data, GIS ở mức độ cao trong hệ thống đảng số, chính quyền số giúp xây dựng các "
        "hệ thống quản trị thông minh, tự động hóa ra quyết định dựa trên dữ liệu thời "
        "gian thực, tối ưu hóa quy trình vận hành và nâng cao chất lượng các hoạt động "
        "lãnh đạo, chỉ đạo, điều hành và dịch vụ công."
    ),
    "1",
    "10%",
    "100",
    "100%",
    "100% tích hợp trên nền tảng chia sẻ LGSP",
    "100% tích hợp với nền tảng chia sẻ LGSP",
    "12",
    "16 - 18",
    "20%",
    "30%",
    "40%",
    "5 - 10",
    "5.000",
    "50",
    "50%",
    "60%",
    "8 - 10",
    "80",
    "80%",
    "80-90%",
    "85%",
    "90",
    "90%",
    "95",
    "95%",
    "97%",
    "99",
    "99%",
    "> 0,7",
    "> 60",
    "Cao nhất cả nước",
    (
        "Các Trung tâm điều hành thông minh thành phố thực sự đóng vai trò là “bộ não "
        "số” của địa phương, giúp tổ chức đảng, cơ quan đảng, chính quyền thực hiện công "
        "tác lãnh đạo, chỉ đạo, quản lý và điều hành hiệu quả trên nhiều lĩnh vực như "
        "kinh tế - xã hội, an ninh, giao thông, môi trường và dịch vụ công"
    ),
    "Có (hoặc thuê dịch vụ giám sát an toàn thông tin)",
    "Có 07 – 10 trung tâm",
    "Có 15 - 20 trung tâm",
    "Có ít nhất 05 trung tâm đạt chuẩn quốc tế",
    "Có ≥ 60%",
    "Cơ quan đảng hoàn thành tốt mục tiêu Đề án Chuyển đổi số trong các cơ quan đảng",
    "Duy trì hoạt động hiệu quả",
    (
        "Duy trì/nâng cấp trung tâm điều hành thông minh cấp thành phố đóng vai trò thực "
        "sự là “bộ não số” của địa phương, giúp tổ chức đảng, cơ quan đảng, chính quyền "
        "lãnh đạo, chỉ đạo, quản lý và điều hành hiệu quả trên tất cả các lĩnh vực."
    ),
    "Hình thành cụm chuyên gia công nghệ",
    "Hình thành ít nhất 05 trung tâm",
    "Hình thành “cụm chuyên gia”",
    "Hình thành “cụm chuyên gia”.",
    (
        "Hội nhập sâu với mạng lưới đô thị thông minh toàn cầu, là điểm đến của hợp tác "
        "quốc tế về công nghệ, du lịch"
    ),
    (
        "Làm chủ một số công nghệ chiến lược, công nghệ số như: Trí tuệ nhân tạo, "
        "Internet vạn vật (IoT), dữ liệu lớn, điện toán đám mây, chuỗi khổi, bán dẫn, "
        "công nghệ lượng tử, nano; ứng dụng công nghệ hiện đại vào việc quản lý môi "
        "trường, đô thị thông minh; nâng cao chất lượng sống người dân"
    ),
    "Mỗi năm ≥ 200",
    "Mỗi năm ≥ 220",
    "Mỗi năm ≥ 250",
    "Phấn đấu tiệm cận nhóm 50 đô thị dẫn đầu trên thế giới",
    "Phấn đấu đóng góp ít nhất 5% GRDP của thành phố",
    "Phấn đấu đạt 3%",
    "Phần đầu đóng góp ít nhất 10% GRDP của thành phố",
    "Thuộc nhóm các địa phương ở mức tốt về phát triển khoa học, công nghệ và đổi mới sáng tạo",
    (
        "Thành phố Hồ Chí Minh phát triển KH, CN, ĐMST, CĐS ngang tầm Châu Á; Địa phương "
        "có khả năng thu hút nhiều chuyên gia, nhà khoa học hàng đầu thế giới, tạo ra "
        "sản phẩm, dịch vụ công nghệ mang thương hiệu toàn cầu."
    ),
    (
        "Thành phố Hồ Chí Minh trở thành trung tâm nghiên cứu, ứng dụng công nghệ cao "
        "khu vực Đông Nam Á"
    ),
    "Tiên tiến, hiện đại",
    "Tiên tiến, hiện đại, dung lượng siêu lớn, băng thông siêu rộng",
    "Tiếp tục đẩy mạnh",
    "Tiếp tục đẩy mạnh ứng dụng thương mại điện tử",
    "Trung bình mỗi năm ≥ 150",
    (
        "Vận hành dựa trên dữ liệu, quản trị thông minh, giảm phát thải, sử dụng năng "
        "lượng xanh; Ứng dụng AI, IoT và Big Data ở mức độ cao trong hệ thống đảng số, "
        "chính quyền số giúp xây dựng các hệ thống quản trị thông minh, tự động hóa ra "
        "quyết định dựa trên dữ liệu thời gian thực, tối ưu hóa quy trình vận hành và "
        "nâng cao chất lượng các hoạt động lãnh đạo, chỉ đạo, điều hành và dịch vụ công."
    ),
    (
        "Xây dựng các trung tâm điều hành thông minh cấp thành phố đóng vai trò như “bộ "
        "não số” của địa phương, giúp tổ chức đảng, cơ quan đảng, chính quyền thực hiện "
        "công tác lãnh đạo, chỉ đạo, quản lý và điều hành hiệu quả trên nhiều lĩnh vực "
        "như kinh tế - xã hội, an ninh, giao thông, môi trường và dịch vụ công."
    ),
    "Xếp hạng ở nhóm 05 quận dẫn đầu",
    "phần đầu ít nhất 3%",
    "Đạt",
    "Đạt 1,0",
    "Đạt 100%",
    "Đạt 2%",
    "Đạt 20%",
    "Đạt 3%",
    "Đạt 30%",
    "Đạt 40%",
    "Đạt 45%",
    "Đạt 50%",
    "Đạt 80%",
    "Đạt chuẩn tiên tiến, người dân hưởng thụ môi trường sống hiện đại, an toàn, tiện ích",
    "Đạt mức cao của thành phố",
    "Đạt trên 3%",
    "Đạt ≥ 15%",
    "Đạt ≥ 30%",
    "Đẩy mạnh",
    "Ở mức cao, hướng tới phát triển bền vững và nâng cao năng lực cạnh tranh địa phương",
    "Ở mức trên 55%",
    (
        "Ứng dụng AI, IoT, Big Data, GIS... trong quản lý môi trường (đo quan trắc môi "
        "trường, quản lý đất đai, ...), đô thị thông minh (IOC, Hệ thống camera thông "
        "minh, ...), y tế (hồ sơ sức khỏe điện tử, đề án y tế thông minh, ...), giáo dục "
        "(đào tạo AI cho học sinh các cấp, giáo dục thông minh, ...); nâng cao chất "
        "lượng sống người dân (app công dân số, ...)"
    ),
    "≤ 1 0",
    "≤ 5",
    "≥ 0,60",
    "≥ 0,75",
    "≥ 0,85",
    "≥ 0,92",
    "≥ 01",
    "≥ 03",
    "≥ 05",
    "≥ 1,5%",
    "≥ 1.000",
    "≥ 1.100",
    "≥ 1.200",
    "≥ 1.400",
    "≥ 1.800",
    "≥ 10",
    "≥ 10 người",
    "≥ 10%",
    "≥ 100",
    "≥ 12",
    "≥ 120",
    "≥ 15 người",
    (
        "≥ 15% (được hỗ trợ nâng cao năng suất chất lượng, đổi mới quy trình, cải tiến "
        "mô hình kinh doanh, chuyển đổi số)"
    ),
    "≥ 150",
    "≥ 160",
    "≥ 2%",
    "≥ 2% và tăng dần theo yêu cầu phát triển",
    "≥ 2,5%",
    "≥ 2.000",
    "≥ 20",
    "≥ 200",
    "≥ 25",
    "≥ 25 người",
    "≥ 25%",
    "≥ 250",
    "≥ 3%",
    "≥ 3% và tăng dần theo yêu cầu phát triển",
    "≥ 3,5%",
    "≥ 3.000",
    "≥ 3.500",
    "≥ 30",
    "≥ 30%",
    "≥ 300",
    "≥ 300 (trong đó ≥ 10% doanh nghiệp công nghệ số nội địa vươn tầm khu vực)",
    "≥ 33 người",
    "≥ 35",
    "≥ 350",
    "≥ 4.000",
    "≥ 4.500",
    "≥ 40",
    "≥ 40%",
    "≥ 400",
    "≥ 450",
    "≥ 5.000",
    "≥ 50",
    "≥ 50%",
    "≥ 500",
    "≥ 54 người",
    "≥ 60",
    "≥ 60%",
    "≥ 60% tích hợp với trục liên thông dữ liệu Thành phố",
    "≥ 70",
    "≥ 70%",
    "≥ 700",
    "≥ 75%",
    "≥ 8",
    "≥ 80",
    "≥ 80%",
    "≥ 80% (từ 14 tuổi trở lên)",
    "≥ 85",
    "≥ 85%",
    "≥ 85% tích hợp với nền tảng chia sẻ LGSP",
    "≥ 90%",
    "≥ 95",
    (
        "≥ 95 đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên ≥ 90 đối với cơ "
        "sở giáo dục mầm non và các cơ quan quản lý giáo dục"
    ),
    "≥ 95%",
    "≥1",
    "≥60%",
]


@pytest.mark.parametrize("raw", GOLD_TARGETS)
def test_it_reads_every_target_printed_in_the_seed_plans(raw):
    target = parse_target(raw)
    assert target.raw == raw
    if target.comparator is C.QUALITATIVE:
        assert target.text
        assert target.value is None
    else:
        assert target.value is not None
        assert (target.value_max is not None) == (target.comparator is C.RANGE)
    assert target.label_vi()


@pytest.mark.parametrize(
    ("raw", "comparator", "value", "unit"),
    [
        ("≥ 80", C.GE, "80", None),
        ("≥80", C.GE, "80", None),
        (">= 80", C.GE, "80", None),
        ("=> 80", C.GE, "80", None),
        ("$\\geq 80$", C.GE, "80", None),
        ("$> 0,7$", C.GT, "0.7", None),
        ("$\\leq 5$", C.LE, "5", None),
        ("<= 5", C.LE, "5", None),
        ("≤ 1 0", C.LE, "10", None),
        ("≥1", C.GE, "1", None),
        ("≥ 01", C.GE, "1", None),
        ("≥ 1.000", C.GE, "1000", None),
        ("≥ 0,60", C.GE, "0.60", None),
        ("≥ 1,5%", C.GE, "1.5", "%"),
        ("100%", C.EQ, "100", "%"),
        ("90", C.EQ, "90", None),
        ("5.000", C.EQ, "5000", None),
        ("= 100", C.EQ, "100", None),
        ("trên 80%", C.GT, "80", "%"),
        ("tối thiểu 50%", C.GE, "50", "%"),
        ("ít nhất 2%", C.GE, "2", "%"),
        ("không quá 5", C.LE, "5", None),
        ("tối đa 3", C.LE, "3", None),
        ("dưới 10%", C.LT, "10", "%"),
        ("< 10", C.LT, "10", None),
        ("Đạt 3%", C.EQ, "3", "%"),
        ("Đạt 1,0", C.EQ, "1.0", None),
        ("Đạt ≥ 15%", C.GE, "15", "%"),
        ("Đạt trên 3%", C.GT, "3", "%"),
        ("Ở mức trên 55%", C.GT, "55", "%"),
        ("Có ≥ 60%", C.GE, "60", "%"),
        ("80% trở lên", C.GE, "80", "%"),
        ("<b>≥ 70%</b>", C.GE, "70", "%"),
        ("**≥ 70%**", C.GE, "70", "%"),
        ("<ul><li>&ge; 70%</li></ul>", C.GE, "70", "%"),
    ],
)
def test_it_reads_a_comparator_and_a_value(raw, comparator, value, unit):
    target = parse_target(raw)
    assert (target.comparator, target.value, target.value_max) == (comparator, Decimal(value), None)
    assert target.measure_unit == unit
    assert target.raw == raw


@pytest.mark.parametrize(
    ("raw", "low", "high", "unit"),
    [
        ("16 - 18", "16", "18", None),
        ("8 - 10", "8", "10", None),
        ("5 - 10", "5", "10", None),
        ("80-90%", "80", "90", "%"),
        ("80% - 90%", "80", "90", "%"),
        ("Có 07 – 10 trung tâm", "7", "10", None),
        ("từ 5 đến 10", "5", "10", None),
        ("10 - 5", "5", "10", None),
    ],
)
def test_it_reads_a_range(raw, low, high, unit):
    target = parse_target(raw)
    assert (target.comparator, target.value, target.value_max) == (
        C.RANGE,
        Decimal(low),
        Decimal(high),
    )
    assert target.measure_unit == unit


def test_it_takes_the_indicators_unit_unless_percent_is_printed():
    assert parse_target("≥ 300", "doanh nghiệp").measure_unit == "doanh nghiệp"
    assert parse_target("99", "% dân số").measure_unit == "% dân số"
    assert parse_target("99%", "% dân số").measure_unit == "%"


def test_it_reads_a_sentence_with_one_clear_comparator():
    raw = "Phấn đấu đóng góp ít nhất 5% GRDP của thành phố"
    assert parse_target(raw) == Target(
        raw=raw,
        comparator=C.GE,
        value=Decimal(5),
        measure_unit="%",
        qualifier="phấn đấu",
        text=raw,
    )


def test_it_keeps_a_trailing_remark_as_text():
    raw = "$\\geq 3\\%$ và tăng dần theo yêu cầu phát triển"
    assert parse_target(raw) == Target(
        raw=raw,
        comparator=C.GE,
        value=Decimal(3),
        measure_unit="%",
        qualifier="tăng dần",
        text="và tăng dần theo yêu cầu phát triển",
    )


def test_it_keeps_a_parenthesised_remark_with_its_own_number():
    target = parse_target("≥ 300 (trong đó ≥ 10% doanh nghiệp công nghệ số nội địa)")
    assert (target.comparator, target.value) == (C.GE, Decimal(300))
    assert target.text == "(trong đó ≥ 10% doanh nghiệp công nghệ số nội địa)"


@pytest.mark.parametrize(
    ("raw", "qualifier"),
    [
        ("Phấn đấu đạt 3%", "phấn đấu"),
        ("phần đầu ít nhất 3%", "phần đầu"),
        ("Đạt 2%", "đạt"),
        ("trên 80%", "trên"),
        ("tối thiểu 50%", "tối thiểu"),
        ("ít nhất 2%", "ít nhất"),
        ("không quá 5", "không quá"),
        ("Hình thành ít nhất 05 trung tâm", "ít nhất"),
        ("≥ 80", None),
        ("100%", None),
    ],
)
def test_it_reports_the_first_qualifier_as_printed(raw, qualifier):
    assert parse_target(raw).qualifier == qualifier


@pytest.mark.parametrize(
    ("raw", "qualifier"),
    [
        ("Đạt", "đạt"),
        ("Tiên tiến, hiện đại", None),
        ("Xếp hạng ở nhóm 05 quận dẫn đầu", None),
        ("Phấn đấu tiệm cận nhóm 50 đô thị dẫn đầu trên thế giới", "phấn đấu"),
        ("Tiếp tục đẩy mạnh", "tiếp tục"),
        ("Duy trì hoạt động hiệu quả", "duy trì"),
        ("Đất đai được quản lý 100% bằng số", None),
        ("Băng thông 10 Gbps", None),
        ("Cao nhất cả nước", None),
        ("≥ 95 đối với cơ sở giáo dục phổ thông ≥ 90 đối với cơ sở giáo dục mầm non", None),
        ("90% năm 2025, 100% năm 2030", None),
        ("- Là đầu tàu về công nghệ mũi nhọn (AI, robot, vật liệu mới, sinh học,...)", None),
    ],
)
def test_it_leaves_words_and_several_numbers_to_a_person(raw, qualifier):
    target = parse_target(raw)
    assert target == Target(
        raw=raw, comparator=C.QUALITATIVE, qualifier=qualifier, text=clean_target_text(raw)
    )
    assert target.assess(100) is A.NEEDS_PERSON
    assert target.label_vi() == clean_target_text(raw)


@pytest.mark.parametrize("raw", [None, "", "  ", "<b></b>"])
def test_it_reads_an_empty_target_as_qualitative_without_text(raw):
    target = parse_target(raw)
    assert (target.comparator, target.value, target.text) == (C.QUALITATIVE, None, None)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("$\\geq 3\\%$", "≥ 3%"),
        ("$\\leq 5$", "≤ 5"),
        ("$\\ge 80$", "≥ 80"),
        ("<b>Đạt</b> <i>80%</i>", "Đạt 80%"),
        ("**Tiên tiến**", "Tiên tiến"),
        ("a &amp; b", "a & b"),
        ("=> 5", "≥ 5"),
    ],
)
def test_it_removes_markup_before_reading(raw, cleaned):
    assert clean_target_text(raw) == cleaned


class TestAssess:
    @pytest.mark.parametrize(
        ("raw", "actual", "expected"),
        [
            ("≥ 80", 80, A.MET),
            ("≥ 80", Decimal("79.9"), A.NOT_MET),
            ("> 0,7", 0.7, A.NOT_MET),
            ("> 0,7", 0.71, A.MET),
            ("≤ 5", 5, A.MET),
            ("≤ 5", 6, A.NOT_MET),
            ("< 10", 9, A.MET),
            ("< 10", 10, A.NOT_MET),
            ("100%", 100, A.MET),
            ("100%", 99, A.NOT_MET),
            ("Đạt 3%", "3,5", A.MET),
            ("16 - 18", 16, A.MET),
            ("16 - 18", 18, A.MET),
            ("16 - 18", "18,5", A.NOT_MET),
            ("16 - 18", 15, A.NOT_MET),
            ("≥ 1.000", "1.200", A.MET),
            ("≥ 80%", "85%", A.MET),
        ],
    )
    def test_it_compares_a_numeric_actual(self, raw, actual, expected):
        assert parse_target(raw).assess(actual) is expected

    def test_it_reads_a_plain_value_as_a_ceiling_when_lower_is_better(self):
        target = parse_target("5")
        assert target.assess(4, lower_is_better=True) is A.MET
        assert target.assess(6, lower_is_better=True) is A.NOT_MET
        assert target.assess(6) is A.MET
        assert parse_target("≥ 5").assess(6, lower_is_better=True) is A.MET

    @pytest.mark.parametrize("actual", [None, "N/A", "Có", "", float("nan"), True])
    def test_it_needs_a_person_for_a_missing_or_non_numeric_actual(self, actual):
        assert parse_target("≥ 80").assess(actual) is A.NEEDS_PERSON

    def test_it_gives_assessments_vietnamese_labels(self):
        assert [a.label for a in A] == ["Đạt", "Không đạt", "Cần đánh giá"]


@pytest.mark.parametrize(
    ("raw", "unit", "label"),
    [
        ("≥ 80", None, "≥ 80"),
        ("≥ 80", "%", "≥ 80%"),
        ("≥ 1.000", "doanh nghiệp", "≥ 1.000"),
        ("$> 0,7$", None, "> 0,7"),
        ("16 - 18", "%/năm", "16–18%/năm"),
        ("99", "% dân số", "99% dân số"),
        ("Đạt 3%", None, "3%"),
        ("Tiên tiến, hiện đại", None, "Tiên tiến, hiện đại"),
    ],
)
def test_it_labels_targets_in_vietnamese(raw, unit, label):
    assert parse_target(raw, unit).label_vi() == label


def test_it_gives_comparators_their_symbols():
    assert [c.symbol for c in C] == ["≥", "≤", ">", "<", "=", "–", ""]


def test_it_serialises_to_json_and_back():
    target = parse_target("80-90%")
    data = target.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "raw": "80-90%",
        "comparator": "range",
        "value": "80",
        "value_max": "90",
        "measure_unit": "%",
        "qualifier": None,
        "text": None,
        "label": "80–90%",
    }
    assert Target.from_dict(data) == target


@pytest.mark.parametrize("raw", GOLD_TARGETS)
def test_it_round_trips_every_seed_target_through_a_dict(raw):
    target = parse_target(raw)
    assert Target.from_dict(target.to_dict()) == target


finite_decimals = st.decimals(
    allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9
)


@given(finite_decimals, st.sampled_from(["≥ ", "≥", "$\\geq ", ">= "]))
def test_it_reads_back_any_number_after_a_comparator(x, prefix):
    raw = prefix + format_vn_number(x) + ("$" if prefix.startswith("$") else "")
    target = parse_target(raw)
    assert (target.comparator, target.value) == (C.GE, x)


@given(finite_decimals)
def test_it_reads_back_any_percentage(x):
    target = parse_target(f"≥ {format_vn_number(x)}%")
    assert (target.comparator, target.value, target.measure_unit) == (C.GE, x, "%")


@given(finite_decimals, finite_decimals, finite_decimals)
def test_it_assesses_monotonically_under_ge(target_value, a, b):
    low, high = min(a, b), max(a, b)
    target = parse_target(f"≥ {format_vn_number(target_value)}")
    if target.assess(low) is A.MET:
        assert target.assess(high) is A.MET
    assert (target.assess(high) is A.MET) == (high >= target_value)


@given(st.text(max_size=80), st.none() | st.text(max_size=10))
def test_it_never_raises_and_keeps_the_raw_text(raw, unit):
    target = parse_target(raw, unit)
    assert target.raw == raw
    assert isinstance(target.label_vi(), str)
    assert (target.value is None) == (target.comparator is C.QUALITATIVE)
