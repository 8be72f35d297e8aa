"""What kind of value an indicator (chỉ tiêu) takes and how unit values add up to the plan's.

``infer(name, measure_unit, targets)`` reads the indicator's name, its unit of measure
('đơn vị tính') and its parsed targets (``lib.targets.Target``) and proposes a ``ValueKind``,
an ``Aggregation`` over units and whether a percent may exceed 100. A standing office
officer may change the proposal; the stored choice then wins (``Indicator.kind_confirmed``).

Rules, first match wins; names and units are compared folded (``vntext.fold``):

1. **percent** when the unit holds '%' ('%', '% dân số', '%GRDP', '%/năm') or a numeric target
   was printed with '%' ('≥ 60%', 'Đạt 3%', '100% tích hợp …'). Aggregation **ratio** (sum
   of numerators / sum of denominators) when the name reads like a share of a countable
   population: after 'tỷ lệ' (or from the start when there is none) comes a population noun
   ('người dân', 'dân số', 'cán bộ', 'doanh nghiệp', 'cơ sở', 'cơ quan', 'hệ thống' …), or
   'được' / 'có' / 'trên tổng số' follow, or records are counted anywhere ('hồ sơ', 'thủ tục
   hành chính', 'TTHC', 'văn bản'); never for budget, economy and growth shares ('chi ngân
   sách', 'kinh phí', 'GRDP', 'tăng trưởng', 'quy mô', 'phủ sóng') nor for a level reached
   ('Mức độ chuyển đổi số …'), which are **averaged**.
2. **text** when every target is qualitative (there is at least one), or **boolean** when each
   of them reads as yes/no ('Có', 'Đạt', 'Hoàn thành', 'Có (hoặc …)'); boolean aggregates as
   'every unit met it', text is not aggregated.
3. **number**, averaged, for a rate per population or size: a unit 'X/Y' whose Y is not a
   time ('Người/vạn dân', 'Số doanh nghiệp/1000 dân'), or a name saying 'trên 01 vạn dân',
   'bình quân đầu người'. (Kind **ratio** is a share reported as numerator and denominator,
   read as a percent by `lib.report_values`; a rate per 10,000 people is not one, so it is
   never proposed here; a person may choose it.)
4. **number** without aggregation for ranks, scores and indices ('Thứ bậc', 'hạng', 'vị trí',
   'điểm', 'Chỉ số …', 'Xếp hạng …' in the unit or the name).
5. **number** for money ('tỷ đồng', 'triệu đồng', 'USD': summed) and sizes ('km', 'Mbps',
   'GB', 'lần', 'ha', 'giờ': averaged).
6. **count**, summed, for a counting unit ('doanh nghiệp', 'sản phẩm', 'hệ thống', 'người',
   'trung tâm', 'lượt' …).
7. **percent** for a name starting 'Tỷ lệ' / 'Tỷ trọng' with no unit and plain numbers no
   greater than 100.
8. **count** when every numeric target is a whole number ('≥ 1.000', 'Có 15 - 20 trung tâm'),
   or with no numeric target when the name starts 'Số lượng'; else **number**, averaged,
   when there are numbers, and **number** without aggregation when nothing is known.

``allows_over_100`` (percent only, conservative): a target value above 100, or a name saying
'tốc độ tăng'. Growth and contribution shares without either stay capped at 100.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from nq57.lib.targets import Target
from nq57.lib.vntext import collapse_ws, fold, fold_with_offsets, nfc, normalize_tone

__all__ = ["AGGREGATIONS_FOR", "Aggregation", "Inferred", "ValueKind", "infer"]


class ValueKind(StrEnum):
    """What a unit reports for an indicator."""

    PERCENT = "percent"
    COUNT = "count"
    RATIO = "ratio"
    BOOLEAN = "boolean"
    TEXT = "text"
    NUMBER = "number"

    @property
    def label(self) -> str:
        """Vietnamese name of the kind."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    ValueKind.PERCENT: "Tỷ lệ %",
    ValueKind.COUNT: "Số lượng",
    ValueKind.RATIO: "Tỷ số (tử số/mẫu số)",
    ValueKind.BOOLEAN: "Có/Không",
    ValueKind.TEXT: "Văn bản",
    ValueKind.NUMBER: "Giá trị số",
}


class Aggregation(StrEnum):
    """How the values of several units make the value of the whole."""

    SUM = "sum"
    AVERAGE = "average"
    RATIO = "ratio"
    ALL = "all"
    NONE = "none"

    @property
    def label(self) -> str:
        """Vietnamese name of the rule."""
        return _AGGREGATION_LABELS[self]


_AGGREGATION_LABELS = {
    Aggregation.SUM: "Cộng",
    Aggregation.AVERAGE: "Trung bình",
    Aggregation.RATIO: "Tổng tử số / tổng mẫu số",
    Aggregation.ALL: "Mọi đơn vị đều đạt",
    Aggregation.NONE: "Không tổng hợp",
}


# The aggregations that make sense for each kind (a person's choice is checked against it).
AGGREGATIONS_FOR: dict[ValueKind, tuple[Aggregation, ...]] = {
    ValueKind.PERCENT: (Aggregation.RATIO, Aggregation.AVERAGE, Aggregation.NONE),
    ValueKind.COUNT: (Aggregation.SUM, Aggregation.AVERAGE, Aggregation.NONE),
    ValueKind.RATIO: (Aggregation.RATIO, Aggregation.AVERAGE, Aggregation.NONE),
    ValueKind.BOOLEAN: (Aggregation.ALL, Aggregation.NONE),
    ValueKind.TEXT: (Aggregation.NONE,),
    ValueKind.NUMBER: (Aggregation.SUM, Aggregation.AVERAGE, Aggregation.NONE),
}


@dataclass(frozen=True)
class Inferred:
    """The proposed kind of an indicator's values (see the module rules)."""

    kind: ValueKind
    aggregation: Aggregation
    allows_over_100: bool = False


# ---------------------------------------------------------------------------------------------
# Vocabulary (folded)


def _words(phrases: str) -> str:
    """Regex alternation of '|'-separated folded phrases, each as whole words."""
    return r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in phrases.split("|")) + r")\b"


_SHARE = re.compile(_words("ty le|ti le|ty trong|ti trong"))
_POPULATION_NOUNS = (
    "nguoi dan|nguoi su dung|nguoi dung|nguoi|dan so|dan cu|can bo|cong chuc|vien chuc|"
    "dang vien|lao dong|doanh nghiep|hop tac xa|ho gia dinh|ho dan|ho kinh doanh|co so|"
    "co quan|don vi|to chuc|truong|hoc sinh|sinh vien|giao vien|xa(?! hoi)|phuong|thon|ap|"
    "khu pho|dang uy|chi bo|benh vien|tram y te|nhiem vu|giao dich|he thong|du lieu|csdl|"
    "dich vu cong|thiet che"
)
_POPULATION = re.compile(r"^(?:(?:cac|so|nhung|toan bo|tong so)\s+)?" + _words(_POPULATION_NOUNS))
_COUNTED_RECORDS = re.compile(_words("ho so|thu tuc hanh chinh|tthc|van ban"))
_SHARE_OF_WHOLE = re.compile(_words("duoc|tren tong so|so voi tong so"))
_NOT_A_POPULATION_SHARE = re.compile(
    _words(
        "chi ngan sach|chi ns|chi cho|tong chi|ngan sach|kinh phi|von|grdp|gdp|tang truong|"
        "tang trung binh|toc do tang|dong gop|quy mo|phu song"
    )
)
_HAS = re.compile(r"(?<!\w)có(?!\w)")
_GROWTH_RATE = re.compile(_words("toc do tang"))

# Targets that read as yes/no (lowercase, tone marks placed as `normalize_tone` does).
_YES_NO = frozenset(
    {
        "có",
        "không",
        "có/không",
        "đã có",
        "đạt",
        "không đạt",
        "đạt chuẩn",
        "hoàn thành",
        "đã hoàn thành",
        "chưa hoàn thành",
        "ban hành",
        "đã ban hành",
    }
)
_PARENTHESES = re.compile(r"\([^()]*\)")

_PER_CAPITA_NAME = re.compile(
    r"(?:\btren|/)\s*(?:0*1\s+)?(?:van|nghin|ngan|tram|trieu|1\.?000|10\.?000|100\.?000)\s+dan\b"
    r"|\bbinh quan dau nguoi\b|\btren dau nguoi\b"
)
_TIME = re.compile(r"^(?:nam|thang|quy|ky|tuan|ngay|gio|hoc ky|nam hoc)$")

_RANK = re.compile(
    _words("thu bac|thu hang|xep hang|chi so") + r"|^(?:hang|bac|vi tri|diem)\b(?!\s+truy)"
)
_RANK_NAME = re.compile(r"^(?:chi so|thu hang)\b|\bxep hang\b")
_MONEY = re.compile(_words("ty dong|trieu dong|nghin dong|ngan dong|dong|usd|vnd|ty usd"))
_SIZE = re.compile(
    _words(
        "km|km2|m2|m|ha|hecta|mbps|gbps|kbps|gb/s|mb/s|gb|tb|mb|lan|gio|phut|ngay|kwh|mw|tan|nam"
    )
)
_COUNTING = re.compile(
    _words(
        "san pham|doanh nghiep|to chuc|he thong|nen tang|nguoi|co so|trung tam|dich vu|ho so|"
        "bai bao|sang che|don vi|xa|phuong|luot|cong trinh|du an|de tai|nhiem vu|mo hinh|"
        "ung dung|thu tuc|van ban|chuong trinh|giai phap|sang kien|hoi thao|lop|khoa hoc|cuoc|"
        "cai|chiec|diem truy cap|truong|ho|hoc sinh|can bo|chuyen gia|nha khoa hoc|vuon uom|"
        "co so du lieu|bo|tai khoan|thiet bi|camera|giai thuong|hop dong|buoi|tin bai|video"
    )
)
_COUNT_NAME = re.compile(r"^so luong\b|^so\s+(?:doanh nghiep|nguoi|san pham|du an)\b")
_TIMES_NAME = re.compile(r"\(\s*moi nam\s*\)")


# ---------------------------------------------------------------------------------------------


def infer(name: str, measure_unit: str | None, targets: Sequence[Target]) -> Inferred:
    """The proposed value kind, aggregation and 100% cap of an indicator (module rules)."""
    folded_name = fold(name)
    unit = fold(measure_unit or "")
    targets = [t for t in targets if t.raw.strip()]  # an empty milestone cell says nothing
    numeric = [t for t in targets if t.is_numeric]
    values = [v for t in numeric for v in (t.value, t.value_max) if v is not None]

    if "%" in unit or any((t.measure_unit or "").startswith("%") for t in numeric):
        return _percent(name, folded_name, values)
    if targets and not numeric:
        if all(_reads_yes_no(t) for t in targets):
            return Inferred(ValueKind.BOOLEAN, Aggregation.ALL)
        return Inferred(ValueKind.TEXT, Aggregation.NONE)
    if _is_rate(unit) or _PER_CAPITA_NAME.search(folded_name):
        return Inferred(ValueKind.NUMBER, Aggregation.AVERAGE)
    per_time = _without_time(unit)
    if _RANK.search(per_time) or _RANK_NAME.search(folded_name):
        return Inferred(ValueKind.NUMBER, Aggregation.NONE)
    if _MONEY.search(per_time):
        return Inferred(ValueKind.NUMBER, Aggregation.SUM)
    if _SIZE.search(per_time):
        return Inferred(ValueKind.NUMBER, Aggregation.AVERAGE)
    if _COUNTING.search(per_time):
        return Inferred(ValueKind.COUNT, Aggregation.SUM)
    if not unit and values and _SHARE.match(folded_name) and max(values) <= 100:
        return _percent(name, folded_name, values)
    if values:
        if all(v == v.to_integral_value() for v in values):
            return Inferred(ValueKind.COUNT, Aggregation.SUM)
        return Inferred(ValueKind.NUMBER, Aggregation.AVERAGE)
    if _COUNT_NAME.search(folded_name) or _TIMES_NAME.search(folded_name):
        return Inferred(ValueKind.COUNT, Aggregation.SUM)
    return Inferred(ValueKind.NUMBER, Aggregation.NONE)


def _percent(name: str, folded_name: str, values: list[Decimal]) -> Inferred:
    over_100 = any(v > 100 for v in values) or bool(_GROWTH_RATE.search(folded_name))
    aggregation = Aggregation.RATIO if _population_share(name) else Aggregation.AVERAGE
    return Inferred(ValueKind.PERCENT, aggregation, allows_over_100=over_100)


def _population_share(name: str) -> bool:
    """Whether a percent indicator's name reads as a share of a countable population."""
    printed = normalize_tone(nfc(name)).lower()
    folded, offsets = fold_with_offsets(printed)
    if _NOT_A_POPULATION_SHARE.search(folded):
        return False
    share = _SHARE.search(folded)
    subject = folded[share.end() :].strip() if share else folded
    if subject.startswith("muc do"):  # a level reached ('Mức độ chuyển đổi số …'), not a share
        return False
    if _POPULATION.match(subject) or _COUNTED_RECORDS.search(folded):
        return True
    if share is None or share.end() >= len(folded):
        return False
    # 'có' (has) folds like 'cơ' (as in 'cơ quan'): only the printed word counts.
    after = printed[offsets[share.end()] :]
    return bool(_SHARE_OF_WHOLE.search(subject) or _HAS.search(after))


def _reads_yes_no(target: Target) -> bool:
    text = target.text or target.raw
    text = _PARENTHESES.sub(" ", normalize_tone(nfc(text)).lower())
    return collapse_ws(text).strip(" .;:,-–") in _YES_NO


def _is_rate(unit: str) -> bool:
    """'Người/vạn dân', 'Số doanh nghiệp/1000 dân': a per-population or per-size unit."""
    if "/" not in unit:
        return False
    numerator, _, denominator = unit.partition("/")
    if not numerator.strip() or not denominator.strip():
        return False
    return _TIME.match(denominator.strip()) is None and _SIZE.fullmatch(numerator.strip()) is None


def _without_time(unit: str) -> str:
    """'sản phẩm/năm' → 'san pham' (a count per year is still a count)."""
    numerator, slash, denominator = unit.partition("/")
    if slash and _TIME.match(denominator.strip()):
        return numerator.strip()
    return unit
