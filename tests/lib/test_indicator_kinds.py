"""nq57.lib.indicator_kinds: the value kind and aggregation proposed for real indicators."""

from __future__ import annotations

import pytest

from nq57.lib.indicator_kinds import AGGREGATIONS_FOR, Aggregation, Inferred, ValueKind, infer
from nq57.lib.targets import parse_target

K = ValueKind
G = Aggregation


def kind_of(name: str, unit: str | None, *targets: str) -> Inferred:
    """What `infer` proposes for an indicator printed with these cells (targets as printed)."""
    return infer(name, unit or "", [parse_target(raw, unit) for raw in targets])


# (name, unit, targets as printed, kind, aggregation), copied from the gold extractions of the
# seed plans (tests/fixtures/gold/*.json; the seed in the id).
SEED_INDICATORS = [
    pytest.param(
        "Tỷ lệ người dân có hồ sơ sức khỏe điện tử", "%", ["≥ 95"], K.PERCENT, G.RATIO, id="000-16"
    ),
    pytest.param(
        "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
        "%",
        ["≥ 80"],
        K.PERCENT,
        G.AVERAGE,
        id="000-1.1",
    ),
    pytest.param(
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "%",
        ["100"],
        K.PERCENT,
        G.RATIO,
        id="000-1.3",
    ),
    pytest.param(
        "Tỷ lệ các cơ quan nhà nước thực hiện chỉ đạo, điều hành, quản trị nội bộ trên môi "
        "trường điện tử",
        "%",
        ["100"],
        K.PERCENT,
        G.RATIO,
        id="000-1.11",
    ),
    pytest.param(
        "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo",
        "%",
        ["≥ 40"],
        K.PERCENT,
        G.RATIO,
        id="000-3",
    ),
    pytest.param(
        "Khoa học, công nghệ và đổi mới sáng tạo góp phần quan trọng xây dựng, phát triển giá "
        "trị văn hóa, xã hội, con người Việt Nam duy trì chỉ số phát triển",
        "Chỉ số phát triển con người (HDI)",
        ["> 0,7"],
        K.NUMBER,
        G.NONE,
        id="000-4",
    ),
    pytest.param(
        "Tỷ trọng kinh phí từ xã hội trên kinh phí chi cho nghiên cứu phát triển (R&D)",
        "%",
        ["> 60"],
        K.PERCENT,
        G.AVERAGE,
        id="000-5",
    ),
    pytest.param(
        "Chi ngân sách hàng năm cho phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển "
        "đổi số Thành phố",
        "% tổng chi NSNN",
        ["≥ 3% và tăng dần theo yêu cầu phát triển"],
        K.PERCENT,
        G.AVERAGE,
        id="000-6",
    ),
    pytest.param(
        "Nguồn nhân lực nghiên cứu khoa học, phát triển công nghệ, đổi mới sáng tạo",
        "Người/vạn dân",
        ["12"],
        K.NUMBER,
        G.AVERAGE,
        id="000-7",
    ),
    pytest.param(
        "Số lượng đơn đăng ký sáng chế, văn bằng bảo hộ sáng chế tăng trung bình",
        "%/năm",
        ["16 - 18"],
        K.PERCENT,
        G.AVERAGE,
        id="000-8",
    ),
    pytest.param(
        "Phủ sóng 5G cho người dân", "% dân số", ["99"], K.PERCENT, G.AVERAGE, id="000-10"
    ),
    pytest.param(
        "Thu hút thêm tổ chức, doanh nghiệp công nghệ hàng đầu thế giới đặt trụ sở, đầu tư "
        "nghiên cứu, sản xuất tại Thành phố",
        "Tổ chức, doanh nghiệp",
        ["≥1"],
        K.COUNT,
        G.SUM,
        id="000-11",
    ),
    pytest.param(
        "Dân số từ 15 tuổi trở lên có tài khoản thanh toán điện tử",
        "%",
        ["≥ 95"],
        K.PERCENT,
        G.RATIO,
        id="000-14",
    ),
    pytest.param(
        "Xếp hạng về an toàn thông tin mạng", "Thứ bậc", ["≤ 5"], K.NUMBER, G.NONE, id="000-17"
    ),
    pytest.param(
        "Hình thành doanh nghiệp khởi nghiệp sáng tạo",
        "Doanh nghiệp",
        ["5.000"],
        K.COUNT,
        G.SUM,
        id="000-18",
    ),
    pytest.param(
        "Tỷ lệ doanh nghiệp công nghệ số",
        "Số doanh nghiệp/1000 dân",
        ["1"],
        K.NUMBER,
        G.AVERAGE,
        id="000-22",
    ),
    pytest.param(
        "Xếp hạng năng lực cạnh tranh số",
        "Thứ bậc",
        ["Xếp hạng ở nhóm 05 quận dẫn đầu"],
        K.TEXT,
        G.NONE,
        id="001-3",
    ),
    pytest.param(
        "Quy mô kinh tế số",
        "% GRDP",
        ["Phấn đấu đóng góp ít nhất 5% GRDP của thành phố"],
        K.PERCENT,
        G.AVERAGE,
        id="001-5",
    ),
    pytest.param("Hạ tầng số", None, ["Tiên tiến, hiện đại"], K.TEXT, G.NONE, id="001-10"),
    pytest.param(
        "Hoàn thành xây dựng đô thị thông minh (Nếu được thành phố lựa chọn xây dựng)",
        None,
        ["Đạt"],
        K.BOOLEAN,
        G.ALL,
        id="002-5",
    ),
    pytest.param(
        "Hoàn thành xây dựng, thu thập dữ liệu phục vụ kết nối, chia sẻ đồng bộ cơ sở dữ liệu "
        "quốc gia, cơ sở dữ liệu các ngành",
        "%",
        ["100"],
        K.PERCENT,
        G.AVERAGE,
        id="002-7",
    ),
    pytest.param(
        "Mức độ chuyển đổi số đối với các cơ sở giáo dục, cơ quan quản lý giáo dục trên địa "
        "bàn xã đạt mức 2 trở lên",
        "%",
        [
            "≥ 95 đối với cơ sở giáo dục phổ thông và giáo dục thường xuyên ≥ 90 đối với cơ sở "
            "giáo dục mầm non và các cơ quan quản lý giáo dục"
        ],
        K.PERCENT,
        G.AVERAGE,
        id="002-10.1",
    ),
    pytest.param(
        "Cơ sở giáo dục triển khai ký số trên hệ thống sổ sách, sổ điểm",
        "%",
        ["100"],
        K.PERCENT,
        G.RATIO,
        id="002-10.2",
    ),
    pytest.param(
        "Tỷ lệ phủ sóng 5G trên địa bàn xã.",
        None,
        ["≥60%", "100%", "100%", "100%", "100%"],
        K.PERCENT,
        G.AVERAGE,
        id="002-II-1",
    ),
    pytest.param(
        "Tỉ lệ chi cho khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số trong tổng chi "
        "ngân sách xã.",
        None,
        ["phần đầu ít nhất 3%", "phần đầu ít nhất 3%", "Đạt 3%", "Đạt trên 3%", "Đạt trên 3%"],
        K.PERCENT,
        G.AVERAGE,
        id="002-II-4",
    ),
    pytest.param(
        "Tỷ lệ cán bộ, công chức xã được bồi dưỡng kỹ năng số căn bản.",
        None,
        ["80%", "100%", "100%", "100%", "100%"],
        K.PERCENT,
        G.RATIO,
        id="002-II-5",
    ),
    pytest.param(
        "Tỷ lệ cơ sở giáo dục phổ thông và giáo dục thường xuyên đánh giá mức độ CDS đạt mức 2 "
        "trở lên.",
        None,
        ["≥ 75%", "≥ 95%", "100%", "100%"],
        K.PERCENT,
        G.RATIO,
        id="002-II-9",
    ),
    pytest.param(
        "Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến.",
        None,
        ["≥ 70%", "≥ 85%", "≥ 95%", "100%", "100%"],
        K.PERCENT,
        G.RATIO,
        id="002-II-22",
    ),
    pytest.param(
        "Tỷ lệ người sử dụng có khả năng truy cập băng rộng cố định với tốc độ trên 01 Gbps/s",
        None,
        ["Có ≥ 60%", "100%"],
        K.PERCENT,
        G.RATIO,
        id="003-I-3",
    ),
    pytest.param(
        "Trung tâm an ninh mạng cấp Thành phố giám sát, ứng cứu sự cố cho toàn hệ thống",
        None,
        ["Có (hoặc thuê dịch vụ giám sát an toàn thông tin)", "Duy trì hoạt động hiệu quả"],
        K.TEXT,
        G.NONE,
        id="003-I-4",
    ),
    pytest.param(
        "Tỷ lệ người thực hiện công tác nghiên cứu KH, phát triển CN, ĐMST trên 01 vạn dân",
        None,
        ["≥ 10 người", "≥ 15 người", "≥ 25 người", "≥ 33 người", "≥ 54 người"],
        K.NUMBER,
        G.AVERAGE,
        id="003-II-7",
    ),
    pytest.param(
        "Thu nhập bình quân đầu người", None, ["Cao nhất cả nước"], K.TEXT, G.NONE, id="003-II-11"
    ),
    pytest.param(
        "Tỷ lệ đóng góp TFP vào tăng trưởng kinh tế",
        None,
        [
            "Ở mức trên 55%",
            "Ở mức cao, hướng tới phát triển bền vững và nâng cao năng lực cạnh tranh địa phương",
        ],
        K.PERCENT,
        G.AVERAGE,
        id="003-III-1",
    ),
    pytest.param(
        "Trung tâm nghiên cứu ứng dụng, đổi mới sáng tạo tiêm cận trình độ quốc tế (CoE) trong "
        "các lĩnh vực trọng tâm",
        None,
        ["Hình thành ít nhất 05 trung tâm", "Có ít nhất 05 trung tâm đạt chuẩn quốc tế"],
        K.COUNT,
        G.SUM,
        id="003-III-2",
    ),
    pytest.param(
        "Số lượng doanh nghiệp KH&CN trên địa bàn",
        None,
        [
            "≥ 60",
            "≥ 120",
            "≥ 200",
            "≥ 300 (trong đó ≥ 10% doanh nghiệp công nghệ số nội địa vươn tầm khu vực)",
            "≥ 450",
        ],
        K.COUNT,
        G.SUM,
        id="003-III-4",
    ),
    pytest.param(
        "Số lượng bài báo khoa học có địa chỉ tác giả tại Thành phố được đăng trên hệ thống "
        "Scopus/ISI (Mỗi năm)",
        None,
        ["≥ 2.000", "≥ 3.500", "≥ 4.000", "≥ 4.500", "≥ 5.000"],
        K.COUNT,
        G.SUM,
        id="003-III-11",
    ),
    pytest.param(
        "Trung tâm R&D trọng điểm thu hút nhà khoa học, doanh nghiệp đầu tư",
        None,
        ["Có 15 - 20 trung tâm"],
        K.COUNT,
        G.SUM,
        id="003-III-15",
    ),
    pytest.param(
        "Số lượng sáng kiến trong khu vực công được công nhận",
        None,
        ["≥ 100", "Trung bình mỗi năm ≥ 150", "Mỗi năm ≥ 200"],
        K.COUNT,
        G.SUM,
        id="003-IV-11",
    ),
    pytest.param(
        "Chỉ số chuyên đổi số cấp thành phố",
        None,
        ["≥ 0,60", "≥ 0,75", "≥ 0,85", "≥ 0,92", "Đạt 1,0"],
        K.NUMBER,
        G.NONE,
        id="003-V-1",
    ),
    pytest.param(
        "Tỷ lệ người dân trưởng thành có chữ ký số",
        None,
        ["≥ 10%", "Đạt 20%", "Đạt 30%", "Đạt 40%"],
        K.PERCENT,
        G.RATIO,
        id="003-V-13",
    ),
    pytest.param(
        "Quy mô kinh tế số trên GRDP",
        None,
        ["Đạt ≥ 15%", "Đạt ≥ 30%", "Đạt 40%"],
        K.PERCENT,
        G.AVERAGE,
        id="003-V-15",
    ),
    pytest.param(
        "Ứng dụng thương mại điện tử",
        None,
        ["Đẩy mạnh", "Tiếp tục đẩy mạnh"],
        K.TEXT,
        G.NONE,
        id="003-V-16",
    ),
]


@pytest.mark.parametrize(("name", "unit", "targets", "kind", "aggregation"), SEED_INDICATORS)
def test_it_reads_the_kind_of_the_seed_indicators(
    name: str, unit: str | None, targets: list[str], kind: K, aggregation: G
) -> None:
    assert kind_of(name, unit, *targets) == Inferred(kind, aggregation, allows_over_100=False)


@pytest.mark.parametrize(
    ("name", "unit", "targets", "expected"),
    [
        # Percent: no target above 100 and no 'tốc độ tăng' keeps the cap.
        ("Tỷ lệ tăng trưởng doanh thu so với năm trước", "%", ["≥ 15"], False),
        ("Tỷ lệ đóng góp của kinh tế số vào GRDP", "%", ["30"], False),
        ("Tốc độ tăng năng suất lao động bình quân", "%/năm", ["≥ 6,5"], True),
        ("Doanh thu công nghệ số so với năm 2024", "%", ["≥ 150"], True),
        ("Doanh thu công nghệ số so với năm 2024", "%", ["100 - 120"], True),
        # Not a percent: the flag means nothing and stays off.
        ("Số lượng doanh nghiệp khởi nghiệp", "Doanh nghiệp", ["≥ 500"], False),
    ],
)
def test_it_lets_a_percent_exceed_100_only_when_the_plan_says_so(
    name: str, unit: str, targets: list[str], expected: bool
) -> None:
    assert kind_of(name, unit, *targets).allows_over_100 is expected


@pytest.mark.parametrize(
    ("targets", "kind"),
    [
        (["Có"], K.BOOLEAN),
        (["Hoàn thành"], K.BOOLEAN),
        (["Đã hoàn thành.", "Đạt"], K.BOOLEAN),
        (["Có (hoặc thuê dịch vụ)"], K.BOOLEAN),
        (["KHÔNG"], K.BOOLEAN),
        (["Có", "Duy trì hoạt động hiệu quả"], K.TEXT),
        (["Hoàn thành 100%"], K.TEXT),  # qualitative: a person reads it
        (["Đất"], K.TEXT),  # folds like 'Đạt' but is another word
    ],
)
def test_it_tells_yes_no_targets_from_other_text(targets: list[str], kind: K) -> None:
    inferred = kind_of("Trung tâm giám sát an toàn thông tin", None, *targets)
    expected = G.ALL if kind is K.BOOLEAN else G.NONE
    assert (inferred.kind, inferred.aggregation) == (kind, expected)


@pytest.mark.parametrize(
    ("name", "unit", "targets", "kind", "aggregation"),
    [
        ("Tổng vốn đầu tư cho hạ tầng số", "Tỷ đồng", ["≥ 1.500"], K.NUMBER, G.SUM),
        ("Kim ngạch xuất khẩu sản phẩm số", "Triệu USD", ["200"], K.NUMBER, G.SUM),
        ("Tốc độ băng rộng di động trung bình", "Mbps", ["≥ 100"], K.NUMBER, G.AVERAGE),
        ("Chiều dài tuyến cáp quang", "km", ["1.200"], K.NUMBER, G.AVERAGE),
        ("Dung lượng lưu trữ dữ liệu", "GB", ["500"], K.NUMBER, G.AVERAGE),
        ("Năng suất lao động tăng", "lần", ["1,5"], K.NUMBER, G.AVERAGE),
        ("Chỉ số hài lòng của người dân", "điểm", ["≥ 85"], K.NUMBER, G.NONE),
        ("Vị trí trong bảng xếp hạng PCI", "vị trí", ["≤ 10"], K.NUMBER, G.NONE),
        ("Thứ hạng chỉ số đổi mới sáng tạo", "Hạng", ["≤ 5"], K.NUMBER, G.NONE),
        ("Số sản phẩm OCOP", "sản phẩm/năm", ["≥ 20"], K.COUNT, G.SUM),
        ("Điểm truy cập Wi-Fi công cộng", "điểm truy cập", ["≥ 50"], K.COUNT, G.SUM),
        ("Nền tảng số dùng chung", "nền tảng", ["3"], K.COUNT, G.SUM),
        ("Lượt truy cập cổng thông tin", "lượt", ["≥ 100.000"], K.COUNT, G.SUM),
        ("Số hồ sơ trực tuyến", "hồ sơ", ["≥ 1.000"], K.COUNT, G.SUM),
        ("Số lượng xã đạt chuẩn", "xã", ["12"], K.COUNT, G.SUM),
        ("Bác sĩ trên vạn dân", "bác sĩ/vạn dân", ["15"], K.NUMBER, G.AVERAGE),
        # 'Tỷ lệ' with bare numbers up to 100 and no unit is a percent; above 100 it is not.
        ("Tỷ lệ hộ gia đình có kết nối Internet", None, ["≥ 90"], K.PERCENT, G.RATIO),
        ("Tỷ lệ phủ sóng 4G", None, ["99,5"], K.PERCENT, G.AVERAGE),
        ("Tỷ lệ hồ sơ trực tuyến", None, ["250"], K.COUNT, G.SUM),
        # A percent printed in the target wins over words: '100% … có' is still a percent.
        ("Xã có điểm phục vụ chuyển đổi số", None, ["100% xã có điểm phục vụ"], K.PERCENT, G.RATIO),
        ("Hoàn thành số hóa dữ liệu đất đai", "%", ["Hoàn thành"], K.PERCENT, G.AVERAGE),
        # 'có' is a word; 'cơ' (as in 'cơ quan') folds the same and does not count.
        ("Tỷ lệ kết nối giữa các cơ quan", "%", ["80"], K.PERCENT, G.AVERAGE),
        ("Tỷ lệ trường học có phòng máy", "%", ["80"], K.PERCENT, G.RATIO),
        # Nothing printed: nothing to add up, unless the name counts.
        ("Hạ tầng số", None, [], K.NUMBER, G.NONE),
        ("Số lượng công trình nghiệm thu (Mỗi năm)", None, [], K.COUNT, G.SUM),
        ("Xếp hạng chỉ số chuyển đổi số", None, ["≥ 60", "Tiên tiến, hiện đại"], K.NUMBER, G.NONE),
        ("Giá trị sản xuất công nghệ cao", None, ["≥ 2,5"], K.NUMBER, G.AVERAGE),
        ("Số cơ sở dữ liệu chuyên ngành", None, ["≥ 12"], K.COUNT, G.SUM),
    ],
)
def test_it_reads_units_and_plain_numbers(
    name: str, unit: str | None, targets: list[str], kind: K, aggregation: G
) -> None:
    inferred = kind_of(name, unit, *targets)
    assert (inferred.kind, inferred.aggregation) == (kind, aggregation)


@pytest.mark.parametrize(("name", "unit", "targets", "kind", "aggregation"), SEED_INDICATORS)
def test_every_proposal_is_a_combination_a_person_could_choose(
    name: str, unit: str | None, targets: list[str], kind: K, aggregation: G
) -> None:
    inferred = kind_of(name, unit, *targets)
    assert inferred.aggregation in AGGREGATIONS_FOR[inferred.kind]


def test_it_reads_nothing_into_empty_milestone_cells() -> None:
    assert kind_of("Tỷ lệ người dân có chữ ký số", None, "", "  ", "≥ 50%") == Inferred(
        K.PERCENT, G.RATIO
    )
    assert kind_of("Hạ tầng số", None, "", "") == Inferred(K.NUMBER, G.NONE)


def test_it_ignores_case_diacritics_and_spacing_in_units_and_names() -> None:
    assert kind_of("TY LE NGUOI DAN  CO CHU KY SO", "  %  ", "≥ 50") == Inferred(K.PERCENT, G.RATIO)
    assert kind_of("Doanh nghiep", "DOANH NGHIỆP", "100") == Inferred(K.COUNT, G.SUM)


def test_every_kind_and_rule_has_a_vietnamese_label() -> None:
    assert [kind.label for kind in ValueKind] == [
        "Tỷ lệ %",
        "Số lượng",
        "Tỷ số (tử số/mẫu số)",
        "Có/Không",
        "Văn bản",
        "Giá trị số",
    ]
    assert [rule.label for rule in Aggregation] == [
        "Cộng",
        "Trung bình",
        "Tổng tử số / tổng mẫu số",
        "Mọi đơn vị đều đạt",
        "Không tổng hợp",
    ]
