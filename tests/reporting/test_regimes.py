"""A plan's reporting regimes and the periods they generate, stored once and audited."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from nq57.audit.models import AuditEvent
from nq57.lib.regimes import Frequency, Regime
from nq57.plans.actions import import_plan
from nq57.reporting.actions import set_regimes
from nq57.reporting.models import ReportingPeriod
from tests.conftest import ParsedPlanBuilder, World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DISTRICT3 = Regime(Frequency.HALF_YEARLY, due_dates=((5, 15), (11, 5)))


def test_district3s_six_monthly_regime_generates_its_periods_once(
    world: World, parsed_plan: ParsedPlanBuilder
):
    plan = import_plan(parsed_plan(), source_name="91", source_bytes=b"91", actor=None)
    added = set_regimes(
        plan=plan, regimes=[DISTRICT3], first=date(2025, 1, 1), last=date(2026, 12, 31),
        actor=world.importer,
    )  # fmt: skip
    assert [p.label for p in added] == [
        "6 tháng đầu năm 2025",
        "6 tháng cuối năm 2025",
        "6 tháng đầu năm 2026",
        "6 tháng cuối năm 2026",
    ]
    first = ReportingPeriod.objects.filter(plan=plan).order_by("due").first()
    assert first is not None
    assert first.due == datetime(2025, 5, 15, 17, 0, tzinfo=VN)
    again = set_regimes(
        plan=plan, regimes=[DISTRICT3], first=date(2025, 1, 1), last=date(2027, 6, 30),
        actor=world.importer,
    )  # fmt: skip
    assert [p.label for p in again] == ["6 tháng đầu năm 2027"]
    assert ReportingPeriod.objects.filter(plan=plan).count() == 5
    event = AuditEvent.objects.filter(action="reporting.regimes_set").order_by("pk").last()
    assert event is not None and event.after["periods_added"] == ["6 tháng đầu năm 2027"]


def test_a_quarterly_regime_replaces_the_monthly_report_of_its_last_month(
    world: World, parsed_plan: ParsedPlanBuilder
):
    plan = import_plan(parsed_plan(), source_name="91", source_bytes=b"91", actor=None)
    regimes = [
        Regime(Frequency.MONTHLY, due_day=10),
        Regime(Frequency.QUARTERLY, due_day=15, replaces_shorter=True),
    ]
    set_regimes(plan=plan, regimes=regimes, first=date(2025, 1, 1), last=date(2025, 6, 30),
                actor=None)  # fmt: skip
    labels = list(ReportingPeriod.objects.filter(plan=plan).values_list("label", flat=True))
    assert labels == ["Tháng 1/2025", "Tháng 2/2025", "Quý I/2025", "Tháng 4/2025",
                      "Tháng 5/2025", "Quý II/2025"]  # fmt: skip
    quarter = ReportingPeriod.objects.get(plan=plan, label="Quý I/2025")
    assert quarter.replaces == ["Tháng 3/2025"]
