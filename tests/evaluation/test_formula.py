"""The unit scoring formula an issuer's standing office sets: defaults when none is set, the
checks with their Vietnamese messages, who may set it, stale pages, the audit row.

People (`world`, `reporting`): `importer` is the standing office of Ủy ban nhân dân Quận 3, the
plan's issuer, and may set the formula; `city_reviewer` (leader of the city) reads the plan's
dashboard but may not; `d3_officer` and `cu_chi_officer` may not either; `admin` may.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nq57.audit.models import AuditEvent
from nq57.evaluation.actions import FormulaErrors, set_formula
from nq57.evaluation.formula_values import DEFAULTS, FormulaValues, problems, summary
from nq57.evaluation.formulas import formula_for, formula_of_issuer, stored_formula
from nq57.evaluation.models import ScoringFormula
from nq57.evaluation.scoring import Facts, Formula, scorecard
from nq57.plans.actions import import_plan
from nq57.reporting.errors import Conflict, NotAllowed
from tests.conftest import ParsedPlanBuilder
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
STRICT = FormulaValues(
    completion=D(40), on_time=D(20), reporting=D(40), indicators=D(0),
    late_credit=D("0.25"), bound_a=D(90), bound_b=D(80), bound_c=D(60),
)  # fmt: skip


def test_it_uses_the_documented_defaults_when_nothing_is_set(reporting: Reporting):
    assert stored_formula(reporting.plan) is None
    assert formula_for(reporting.plan) == Formula()
    documented = FormulaValues(
        completion=D(30), on_time=D(30), reporting=D(20), indicators=D(20),
        late_credit=D("0.5"), bound_a=D(85), bound_b=D(70), bound_c=D(50),
    )  # fmt: skip
    assert documented == DEFAULTS
    assert DEFAULTS.formula() == Formula()


def test_the_defaults_read_as_the_dashboard_always_said():
    assert summary(Formula()) == (
        "Điểm = hoàn thành × 30% + đúng hạn × 30% + báo cáo × 20% + chỉ tiêu × 20% (tỷ lệ nào "
        "không có số liệu thì bỏ, các trọng số còn lại tính lại); báo cáo trễ hạn tính 50%; "
        "xếp loại A từ 85, B từ 70, C từ 50, còn lại D."
    )


def test_as_formula_turns_percents_into_weights(reporting: Reporting):
    row = ScoringFormula.objects.create(unit=reporting.world.d3_ppc, **STRICT.__dict__)
    row.refresh_from_db()  # as stored: two decimals
    assert row.as_formula() == Formula(
        completion=D("0.4"), on_time=D("0.2"), reporting=D("0.4"), indicators=D(0),
        late_credit=D("0.25"),
        classes=(("A", D(90)), ("B", D(80)), ("C", D(60)), ("D", D(0))),
    )  # fmt: skip
    assert formula_for(reporting.plan) == row.as_formula()
    # 100% done, 50% on time, 2 reports of 4 on time and 1 late (counted ¼): 56,3% sent;
    # (100×40 + 50×20 + 56,3×40 + nothing for indicators) / 100
    facts = Facts(tasks_due=2, tasks_done=2, tasks_done_on_time=1, reports_due=4,
                  reports_on_time=2, reports_late=1)  # fmt: skip
    card = scorecard(facts, formula_for(reporting.plan))
    assert (card.score, card.grade) == (D("72.5"), "C")
    assert (scorecard(facts).score, scorecard(facts).grade) == (D("71.9"), "B")  # the defaults


def test_the_standing_office_sets_the_formula_and_the_change_is_audited(reporting: Reporting):
    r = reporting
    with time_machine.travel(datetime(2025, 6, 2, 9, 0, tzinfo=VN), tick=False):
        row = set_formula(actor=r.world.importer, plan=r.plan, values=STRICT, revision=0)
    row.refresh_from_db()
    assert (row.unit, row.revision, row.updated_by) == (r.world.d3_ppc, 1, r.world.importer)
    assert row.values() == STRICT
    assert formula_for(r.plan) == STRICT.formula()
    event = AuditEvent.objects.get(action="evaluation.formula_set")
    assert (event.actor_id, event.object_id) == (r.world.importer.pk, str(row.pk))
    assert event.before == {
        "completion": "30", "on_time": "30", "reporting": "20", "indicators": "20",
        "late_credit": "0.5", "bound_a": "85", "bound_b": "70", "bound_c": "50", "revision": 0,
    }  # fmt: skip
    assert event.after == {
        "completion": "40", "on_time": "20", "reporting": "40", "indicators": "0",
        "late_credit": "0.25", "bound_a": "90", "bound_b": "80", "bound_c": "60", "revision": 1,
    }  # fmt: skip
    again = set_formula(actor=r.world.admin, plan=r.plan, values=DEFAULTS, revision=1)
    assert (again.pk, again.revision, again.updated_by) == (row.pk, 2, r.world.admin)
    second = AuditEvent.objects.filter(action="evaluation.formula_set").order_by("pk").last()
    assert second is not None
    assert (second.before["bound_a"], second.before["revision"]) == ("90", 1)
    assert (second.after["bound_a"], second.after["revision"]) == ("85", 2)


def test_the_formula_holds_for_every_plan_of_the_issuer_and_no_other(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    r = reporting
    plan = import_plan(parsed_plan(number="12/KH-UBND"), source_name="12", source_bytes=b"12",
                       actor=None)  # fmt: skip
    cu_chi = import_plan(
        parsed_plan(number="5/KH-UBND", issuer="Ủy ban nhân dân huyện Củ Chi"),
        source_name="5", source_bytes=b"5", actor=None,
    )  # fmt: skip
    assert (plan.issuer, cu_chi.issuer) == (r.world.d3_ppc, r.world.cu_chi_ppc)
    set_formula(actor=r.world.importer, plan=r.plan, values=STRICT, revision=0)
    assert formula_for(plan) == formula_for(r.plan) == STRICT.formula()
    assert formula_for(cu_chi) == Formula()
    assert formula_of_issuer(r.world.d3_ppc.pk) == STRICT.formula()
    assert formula_of_issuer(r.world.cu_chi_ppc.pk) == Formula()
    with pytest.raises(NotAllowed):  # Quận 3's office does not set Củ Chi's
        set_formula(actor=r.world.importer, plan=cu_chi, values=STRICT, revision=0)
    assert ScoringFormula.objects.count() == 1


def _bad(**changes: Any) -> FormulaValues:
    return replace(DEFAULTS, **{k: D(v) for k, v in changes.items()})


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        (_bad(completion="-5"), {"completion": ["Trọng số «Hoàn thành» không được âm."]}),
        (_bad(indicators="150"), {"indicators": ["Trọng số «Chỉ tiêu» tối đa là 100."]}),
        (
            _bad(completion=0, on_time=0, reporting=0, indicators=0),
            {"__all__": ["Các trọng số không thể cùng bằng 0: cần ít nhất một trọng số lớn "
                         "hơn 0 thì mới chấm được điểm."]},
        ),
        (
            _bad(late_credit="1.5"),
            {"late_credit": ["Hệ số tính cho báo cáo trễ hạn phải từ 0 đến 1 (0 là không tính, "
                             "0,5 là tính một nửa, 1 là tính như đúng hạn)."]},
        ),
        (_bad(bound_c="-1"), {"bound_c": ["Ngưỡng xếp loại C phải từ 0 đến 100 điểm."]}),
        (_bad(bound_a="101"), {"bound_a": ["Ngưỡng xếp loại A phải từ 0 đến 100 điểm."]}),
        (
            _bad(bound_a="70"),
            {"bound_a": ["Ngưỡng xếp loại A (70 điểm) phải cao hơn ngưỡng xếp loại B (70 "
                         "điểm)."]},
        ),
        (
            _bad(bound_c="72,5".replace(",", ".")),
            {"bound_b": ["Ngưỡng xếp loại B (70 điểm) phải cao hơn ngưỡng xếp loại C (72,5 "
                         "điểm)."]},
        ),
        (
            _bad(reporting="12.345"),
            {"reporting": ["Trọng số «Báo cáo»: ghi tối đa hai chữ số sau dấu phẩy."]},
        ),
        (_bad(on_time="NaN"), {"on_time": ["Trọng số «Đúng hạn»: không phải là số."]}),
    ],
)  # fmt: skip
def test_values_that_make_no_formula_are_refused_in_vietnamese_and_nothing_is_stored(
    reporting: Reporting, values: FormulaValues, errors: dict[str, list[str]]
):
    assert problems(values) == errors
    with pytest.raises(FormulaErrors) as refused:
        set_formula(actor=reporting.world.importer, plan=reporting.plan, values=values, revision=0)
    assert refused.value.errors == errors
    assert refused.value.message == "Công thức chưa được lưu: có 1 lỗi. Sửa rồi lưu lại."
    assert not ScoringFormula.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluation.formula_set").exists()


def test_the_defaults_and_edge_values_pass():
    assert problems(DEFAULTS) == {}
    edge = _bad(completion=0, on_time=0, reporting=0, indicators="0.01", late_credit=1,
                bound_a=100, bound_b="0.02", bound_c=0)  # fmt: skip
    assert problems(edge) == {}


def test_only_the_standing_office_of_the_issuer_may_set_the_formula(reporting: Reporting):
    r = reporting
    for person in (r.world.city_reviewer, r.world.d3_officer, r.world.cu_chi_officer,
                   r.ward_officer):  # fmt: skip
        with pytest.raises(NotAllowed) as refused:
            set_formula(actor=person, plan=r.plan, values=STRICT, revision=0)
        assert refused.value.status == 403
        assert refused.value.message == (
            "Chỉ cơ quan thường trực của đơn vị ban hành kế hoạch được sửa công thức chấm điểm."
        )
    assert not ScoringFormula.objects.exists()
    assert formula_for(r.plan) == Formula()
    assert not AuditEvent.objects.filter(action="evaluation.formula_set").exists()


def test_a_save_from_an_out_of_date_page_is_refused_saying_who_changed_it_and_when(
    reporting: Reporting,
):
    r = reporting
    with time_machine.travel(datetime(2025, 6, 2, 9, 15, 30, tzinfo=VN), tick=False):
        set_formula(actor=r.world.importer, plan=r.plan, values=STRICT, revision=0)
    with pytest.raises(Conflict) as refused:  # the administrator opened the page before that
        set_formula(actor=r.world.admin, plan=r.plan, values=DEFAULTS, revision=0)
    assert refused.value.status == 409
    assert refused.value.message == (
        "Công thức chấm điểm đã được importer sửa lúc 09:15:30 ngày 02/06/2025 (lần sửa thứ 1). "
        "Tải lại trang để xem công thức mới; công thức bạn nhập chưa được lưu và vẫn còn trên "
        "biểu mẫu."
    )
    row = ScoringFormula.objects.get()
    assert (row.revision, row.values(), row.updated_by) == (1, STRICT, r.world.importer)
    assert AuditEvent.objects.filter(action="evaluation.formula_set").count() == 1
    with pytest.raises(Conflict):  # a revision from the future is no better
        set_formula(actor=r.world.importer, plan=r.plan, values=DEFAULTS, revision=5)
