"""Indicator value kinds: proposed on import, kept on revision once a person confirmed them."""

from __future__ import annotations

import importlib
from collections import Counter
from typing import Any

import pytest
from django.apps import apps as django_apps

from nq57.audit.models import AuditEvent
from nq57.plans.actions import PlanActionError, import_plan, set_indicator_kind
from nq57.plans.models import Indicator, Plan
from nq57.plans.revision import revise_plan
from tests.conftest import ParsedPlanBuilder, World, make_indicator
from tests.exports.helpers import SEEDS, import_seed

SEED_002 = next(seed for seed in SEEDS if seed.name.startswith("002"))


def kinds(plan: Plan) -> dict[str, tuple[str, str, bool, bool]]:
    """Indicator code → (value kind, aggregation, allows over 100, confirmed)."""
    return {
        i.code: (i.value_kind, i.aggregation, i.allows_over_100, i.kind_confirmed)
        for i in plan.indicators.all()
    }


def two_indicators(**second: Any) -> list[Any]:
    """A share of people (percent, ratio) and a count of enterprises (count, sum)."""
    return [
        make_indicator(
            code="1", name="Tỷ lệ người dân có chữ ký số", unit="%", targets={"2030": "≥ 50"}
        ),
        make_indicator(
            **{
                "code": "2",
                "name": "Số lượng doanh nghiệp khởi nghiệp sáng tạo",
                "unit": None,
                "targets": {"2030": "≥ 100"},
                **second,
            }
        ),
    ]


def store(parsed_plan: ParsedPlanBuilder, indicators: list[Any], source: bytes = b"v1") -> Plan:
    return import_plan(
        parsed_plan(indicators=indicators), source_name="91.docx", source_bytes=source, actor=None
    )


def revise(parsed_plan: ParsedPlanBuilder, plan: Plan, indicators: list[Any], actor: Any) -> Plan:
    return revise_plan(
        plan=plan,
        parsed=parsed_plan(indicators=indicators),
        source_name="91-sua-doi.docx",
        source_bytes=b"v2",
        actor=actor,
    ).plan


def test_importing_the_commune_plan_gives_each_indicator_its_kind(db: Any) -> None:
    plan = import_seed(SEED_002)

    def kind_of(name: str) -> tuple[str, str, bool]:
        found = {
            (i.value_kind, i.aggregation, i.allows_over_100)
            for i in plan.indicators.filter(name=name)
        }
        assert len(found) == 1, name
        return found.pop()

    assert kind_of("Tỷ lệ người dân có hồ sơ sức khỏe điện tử") == ("percent", "ratio", False)
    assert kind_of("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến.") == (
        "percent",
        "ratio",
        False,
    )
    assert kind_of("Phủ sóng 5G cho người dân") == ("percent", "average", False)
    assert kind_of("Tỉ lệ phủ sóng 6G trên địa bàn xã.") == ("percent", "average", False)
    assert kind_of(
        "Chi ngân sách hằng năm cho phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số"
    ) == ("percent", "average", False)
    assert kind_of("Hạ tầng số") == ("text", "none", False)
    assert kind_of(
        "Hoàn thành xây dựng đô thị thông minh (Nếu được thành phố lựa chọn xây dựng)"
    ) == ("boolean", "all", False)
    assert Counter(plan.indicators.values_list("value_kind", flat=True)) == {
        "percent": 55,
        "text": 1,
        "boolean": 1,
    }
    assert not plan.indicators.filter(kind_confirmed=True).exists()


def test_importing_the_city_programme_counts_what_it_counts(db: Any) -> None:
    plan = import_seed(next(seed for seed in SEEDS if seed.name.startswith("003")))
    assert Counter(plan.indicators.values_list("value_kind", "aggregation")) == {
        ("percent", "ratio"): 23,
        ("percent", "average"): 6,
        ("count", "sum"): 20,
        ("text", "none"): 13,
        ("number", "average"): 1,  # 'Tỷ lệ người … trên 01 vạn dân': a rate, not a share
        ("number", "none"): 1,  # 'Chỉ số chuyển đổi số'
    }


def test_a_person_sets_the_kind_and_the_audit_keeps_before_and_after(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = store(parsed_plan, two_indicators())
    indicator = plan.indicators.get(code="1")
    returned = set_indicator_kind(
        indicator=indicator,
        value_kind="ratio",
        aggregation="ratio",
        allows_over_100=False,
        actor=world.importer,
    )
    assert returned is indicator and indicator.value_kind == "ratio"
    assert kinds(plan)["1"] == ("ratio", "ratio", False, True)
    event = AuditEvent.objects.get(action="plans.indicator_kind_set")
    assert (event.actor_id, event.object_id) == (world.importer.pk, str(indicator.pk))
    assert event.before == {
        "value_kind": "percent",
        "aggregation": "ratio",
        "allows_over_100": False,
        "kind_confirmed": False,
    }
    assert event.after == {
        "value_kind": "ratio",
        "aggregation": "ratio",
        "allows_over_100": False,
        "kind_confirmed": True,
    }


def test_only_a_percent_or_a_ratio_may_exceed_100(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = store(parsed_plan, two_indicators())
    for code, kind, aggregation in (("1", "percent", "average"), ("2", "count", "sum")):
        set_indicator_kind(
            indicator=plan.indicators.get(code=code),
            value_kind=kind,
            aggregation=aggregation,
            allows_over_100=True,
            actor=world.importer,
        )
    assert kinds(plan) == {
        "1": ("percent", "average", True, True),
        "2": ("count", "sum", False, True),
    }


def test_an_aggregation_that_does_not_fit_the_kind_is_refused_and_nothing_changes(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = store(parsed_plan, two_indicators())
    before = kinds(plan)
    with pytest.raises(PlanActionError) as refused:
        set_indicator_kind(
            indicator=plan.indicators.get(code="2"),
            value_kind="text",
            aggregation="sum",
            allows_over_100=False,
            actor=world.importer,
        )
    assert refused.value.message == (
        "Cách tổng hợp «Cộng» không dùng được cho loại số liệu «Văn bản»."
    )
    assert kinds(plan) == before
    assert not AuditEvent.objects.filter(action="plans.indicator_kind_set").exists()


def test_a_revision_keeps_a_confirmed_kind_and_proposes_again_for_the_others(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = store(parsed_plan, two_indicators())
    first = plan.indicators.get(code="1")
    set_indicator_kind(
        indicator=first,
        value_kind="percent",
        aggregation="average",
        allows_over_100=True,
        actor=world.importer,
    )
    # The file now prints both rows differently: new targets, and the second in percent.
    revised = two_indicators(unit="%", targets={"2030": "≥ 30"})
    revised[0] = make_indicator(
        code="1", name="Tỷ lệ người dân có chữ ký số", unit="%", targets={"2030": "≥ 70"}
    )
    revise(parsed_plan, plan, revised, world.importer)
    assert plan.indicators.get(code="1").pk == first.pk
    assert kinds(plan) == {
        "1": ("percent", "average", True, True),  # the person's choice
        "2": ("percent", "average", False, False),  # proposed again from the new row
    }


def test_replacing_a_plan_with_the_same_file_keeps_confirmed_kinds(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = store(parsed_plan, two_indicators())
    set_indicator_kind(
        indicator=plan.indicators.get(code="2"),
        value_kind="number",
        aggregation="average",
        allows_over_100=False,
        actor=world.importer,
    )
    import_plan(
        parsed_plan(indicators=two_indicators()),
        source_name="91.docx",
        source_bytes=b"v1",
        actor=None,
        replace=True,
    )
    assert kinds(plan) == {
        "1": ("percent", "ratio", False, False),
        "2": ("number", "average", False, True),
    }


def test_the_migration_proposes_kinds_for_indicators_already_stored(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = store(parsed_plan, two_indicators())
    proposed = kinds(plan)
    Indicator.objects.update(value_kind="number", aggregation="none")
    migration = importlib.import_module("nq57.plans.migrations.0004_indicator_value_kind")
    migration.infer_kinds(django_apps, None)
    assert (
        kinds(plan)
        == proposed
        == {
            "1": ("percent", "ratio", False, False),
            "2": ("count", "sum", False, False),
        }
    )
