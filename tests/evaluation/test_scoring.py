"""A unit's scorecard: rates, weighted score, class, and the sentences explaining them."""

from __future__ import annotations

from decimal import Decimal as D

from nq57.evaluation.scoring import Facts, Formula, scorecard


def test_every_figure_is_explained() -> None:
    card = scorecard(Facts(tasks_due=10, tasks_done=8, tasks_done_on_time=6, reports_due=4,
                           reports_on_time=2, reports_late=1, indicators_with_value=5,
                           indicators_met_or_on_track=4))  # fmt: skip
    assert [(r.name, r.value) for r in card.rates] == [
        ("Hoàn thành", D("80.0")), ("Đúng hạn", D("75.0")), ("Báo cáo", D("62.5")),
        ("Chỉ tiêu", D("80.0")),
    ]  # fmt: skip
    # 80×0,3 + 75×0,3 + 62,5×0,2 + 80×0,2 = 24 + 22,5 + 12,5 + 16 = 75
    assert (card.score, card.grade) == (D("75.0"), "B")
    assert card.why == (
        "Hoàn thành: 8/10 nhiệm vụ đến hạn đã hoàn thành (80%).",
        "Đúng hạn: 6/8 nhiệm vụ hoàn thành đúng hạn (75%).",
        "Báo cáo: 2 đúng hạn, 1 trễ hạn (tính 50%), 1 chưa gửi trên 4 kỳ (62,5%).",
        "Chỉ tiêu: 4/5 chỉ tiêu đạt hoặc đúng lộ trình (80%).",
        "Điểm = 80% × 30% + 75% × 30% + 62,5% × 20% + 80% × 20% = 75%; xếp loại B.",
    )


def test_a_rate_with_nothing_to_count_is_left_out_and_weights_rescaled() -> None:
    card = scorecard(Facts(tasks_due=4, tasks_done=4, tasks_done_on_time=4, reports_due=2,
                           reports_on_time=2))  # fmt: skip
    assert card.rates[3].value is None
    assert (card.score, card.grade) == (D("100.0"), "A")
    assert card.why[-1] == "Điểm = 100% × 37,5% + 100% × 37,5% + 100% × 25% = 100%; xếp loại A."


def test_class_bounds_are_inclusive_and_configurable() -> None:
    just_a = Facts(tasks_due=20, tasks_done=17, tasks_done_on_time=17)  # 85 and 100
    assert scorecard(just_a, Formula(on_time=D(0))).grade == "A"  # exactly 85
    strict = Formula(on_time=D(0), classes=(("A", D(90)), ("B", D(0))))
    assert scorecard(just_a, strict).grade == "B"


def test_nothing_to_score() -> None:
    card = scorecard(Facts())
    assert (card.score, card.grade, card.why) == (None, "—", ("Chưa có gì để chấm điểm.",))


def test_a_rate_with_nothing_to_count_says_what_it_would_count() -> None:
    card = scorecard(Facts(reports_due=2, reports_on_time=1))
    assert card.why[0] == "Hoàn thành: chưa có nhiệm vụ nào đến hạn."
    assert card.why[1] == "Đúng hạn: chưa có nhiệm vụ nào hoàn thành."
    assert card.why[3] == "Chỉ tiêu: chưa có chỉ tiêu nào có số liệu."


def test_the_score_alone_is_the_scorecards_score():
    import itertools
    from decimal import Decimal

    from nq57.evaluation.scoring import score_of

    strict = Formula(reporting=Decimal("0.4"), indicators=Decimal(0), late_credit=Decimal("0.25"))
    for due, done, on_time, reports, sent, late, values, met in itertools.product(
        (0, 3), (0, 2, 3), (0, 1), (0, 4), (0, 2), (0, 1), (0, 2), (0, 1)
    ):
        sent = min(sent, reports)
        facts = Facts(due, min(done, due), min(on_time, done), reports, sent,
                      min(late, reports - sent), values, min(met, values))  # fmt: skip
        for formula in (None, strict):
            assert score_of(facts, formula) == scorecard(facts, formula).score, facts
