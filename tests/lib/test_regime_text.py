"""Reading the reporting regime a plan prescribes (nq57.lib.regime_text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nq57.lib.regime_text import reporting_sentences, suggest_regimes

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _read(text: str) -> list[tuple[str, tuple[tuple[int, int], ...]]]:
    return [(s.regime.frequency.value, s.regime.due_dates)
            for s in suggest_regimes(reporting_sentences(text))]  # fmt: skip


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("000", [("half_yearly", ((6, 1), (11, 15)))]),  # Củ Chi
        ("001", [("half_yearly", ((5, 15), (11, 5)))]),  # Quận 3
        ("002", [("yearly", ((11, 30),))]),  # xã Chí Minh: 'trước ngày 30/11'
        ("003", [("monthly", ()), ("quarterly", ()), ("half_yearly", ()), ("yearly", ())]),
    ],
)
def test_the_seed_plans_regimes(seed: str, expected: list[object]) -> None:
    assert _read(_seed(seed)) == expected


def test_the_district3_sentence_is_kept_as_printed() -> None:
    sentences = reporting_sentences(_seed("001"))
    assert len(sentences) == 1
    assert "định kỳ 6 tháng báo cáo kết quả thực hiện" in sentences[0]
    assert "trước ngày 15 tháng 5 và trước ngày 05 tháng 11 để tổng hợp" in sentences[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Định kỳ hằng quý, các đơn vị báo cáo kết quả.", [("quarterly", ())]),
        ("Các đơn vị báo cáo định kỳ 01 tháng/lần về Sở.", [("monthly", ())]),
        ("Báo cáo định kỳ trước ngày 15/6 và 15/12 hằng năm.", [("half_yearly", ((6, 15), (12, 15)))]),  # noqa: E501
        ("Định kỳ báo cáo trước ngày 20 tháng 3, 20 tháng 6, 20 tháng 9 và ngày 15 tháng 12.",
         [("quarterly", ((3, 20), (6, 20), (9, 20), (12, 15)))]),
        ("Tổng hợp báo cáo theo quy định.", []),  # 'quy định' is not a quarter
        ("Kế hoạch ban hành ngày 24 tháng 3 năm 2025; báo cáo định kỳ 6 tháng.", [("half_yearly", ())]),  # noqa: E501
        ("Thủ trưởng các cơ quan chịu trách nhiệm thi hành.", []),
        ("Tổ chức sơ kết định kỳ.", []),  # periodic, but no report
    ],
)  # fmt: skip
def test_general_forms(text: str, expected: list[object]) -> None:
    assert _read(text) == expected


def test_suggestions_read_in_words() -> None:
    labels = [s.label for s in suggest_regimes(reporting_sentences(_seed("001")))]
    assert labels == ["6 tháng, hạn 15/5 và 5/11"]
    labels = [s.label for s in suggest_regimes(["Báo cáo định kỳ hằng quý."])]
    assert labels == ["Hằng quý (hạn nộp chưa ghi trong văn bản)"]
