"""An upper indicator's value from the lower plans' approved values, by the upper indicator's
rule, on the roll-up page's data and in the consolidated report's Phụ lục 4; the coverage of the
upper plan's indicators, on the page and in Excel."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from nq57.cascade.actions import decide_indicator_links, link_plans
from nq57.cascade.coverage import coverage
from nq57.cascade.rollup import indicator_rollup
from nq57.exports.coverage_xlsx import coverage_xlsx
from nq57.exports.reports import ReportFormat, export_report
from nq57.lib.regimes import Frequency, Regime
from nq57.lib.report_values import RawValue
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan
from nq57.reporting.actions import set_regimes
from nq57.reporting.entry import TaskEntry, ValueEntry, save_submission
from nq57.reporting.workflow import approve_submission, submit_submission
from tests.conftest import ParsedPlanBuilder, make_indicator, make_task
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SENT = datetime(2025, 5, 10, 9, 0, tzinfo=VN)


def _plan(parsed_plan: ParsedPlanBuilder, name: bytes, aggregation: str) -> Plan:
    parsed = parsed_plan(tasks=[make_task()], indicators=[make_indicator(code="1")])
    plan = import_plan(parsed, source_name=name.decode(), source_bytes=name, actor=None,
                       publish=True)  # fmt: skip
    plan.indicators.update(aggregation=aggregation)
    return plan


def _report_value(r: Reporting, value: str) -> None:
    report = r.submission(r.world.d3_culture)
    with time_machine.travel(SENT, tick=False):
        saved = save_submission(
            submission=report, revision=report.revision, actor=r.world.d3_officer,
            tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="in_progress", percent="50")],
            values=[ValueEntry(indicator_id=r.indicator.pk, raw=RawValue(value=value),
                               as_of="30/04/2025")],
        ).submission  # fmt: skip
        sent = submit_submission(submission=saved, revision=saved.revision,
                                 actor=r.world.d3_officer)  # fmt: skip
        approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)


def _link(parent: Plan, child: Plan, actor) -> None:  # type: ignore[no-untyped-def]
    link = link_plans(parent=parent, child=child, actor=actor)
    decisions = {child.indicators.get().pk: [parent.indicators.get().pk]}
    decide_indicator_links(link=link, revision=link.revision, decisions=decisions, actor=actor)


def test_the_upper_value_adds_the_lower_values_by_its_rule(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    r = reporting
    admin = r.world.admin
    _report_value(r, "62,5")
    parent = _plan(parsed_plan, b"city", "average")
    silent = _plan(parsed_plan, b"ward", "average")  # a lower plan with no value yet
    _link(parent, r.plan, admin)
    _link(parent, silent, admin)
    row = indicator_rollup(parent, date(2025, 6, 1))[0]
    assert [value for _child, value in row.parts] == [62.5, None]
    assert row.value == 62.5  # the average of the values known
    assert indicator_rollup(parent, date(2025, 5, 1))[0].value is None  # not approved yet

    parent.indicators.update(aggregation="sum")
    assert indicator_rollup(parent, date(2025, 6, 1))[0].value == 62.5

    period = set_regimes(plan=parent, regimes=[Regime(Frequency.HALF_YEARLY,
                         due_dates=((6, 20), (12, 20)))], first=date(2025, 1, 1),
                         last=date(2025, 12, 31), actor=None)[0]  # fmt: skip
    export = export_report(period=period, fmt=ReportFormat.DOCX, actor=None, day=date(2025, 6, 1))
    document = Document(io.BytesIO(export.content))
    table = next(t for t in document.tables
                 if [c.text for c in t.rows[0].cells][3:4] == ["Tổng hợp từ cấp dưới"])  # fmt: skip
    cells = [c.text for c in table.rows[1].cells]
    assert cells[3:5] == ["62,5", "1/2 kế hoạch cấp dưới có số liệu"]


def test_the_upper_indicators_coverage_counts_each_kind_of_decision(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    admin = reporting.world.admin
    codes = ["1", "2", "3"]
    parent, child = (
        import_plan(parsed_plan(indicators=[make_indicator(code=c, name=f"{name} {c}")
                                            for c in codes]),
                    source_name=name, source_bytes=name.encode(), actor=None, publish=True)
        for name in ("Tỷ lệ thành phố", "Tỷ lệ phường")
    )  # fmt: skip
    link = link_plans(parent=parent, child=child, actor=admin)
    upper = {i.code: i.pk for i in parent.indicators.all()}
    lower = {i.code: i.pk for i in child.indicators.all()}
    decisions = {lower["1"]: [upper["2"]], lower["2"]: []}  # the third is left undecided
    decide_indicator_links(link=link, revision=link.revision, decisions=decisions, actor=admin)

    found = coverage(parent)[0].indicators
    assert [i.code for i in found.localised] == ["2"]
    assert [i.code for i in found.not_localised] == ["1", "3"]
    assert ([i.code for i in found.own], [i.code for i in found.undecided]) == (["2"], ["3"])
    assert found.share == 33
    book = load_workbook(io.BytesIO(coverage_xlsx(coverage(parent))))
    summary = list(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary[0][7] == "Chỉ tiêu cấp trên đã cụ thể hóa"
    assert summary[1][7:] == (1, 2, 33, 1, 1)
    detail = [row[1:] for row in book["Theo chỉ tiêu"].iter_rows(min_row=2, values_only=True)]
    assert [(code, state) for code, _name, state in detail] == [
        ("1", "Chưa cụ thể hóa"), ("2", "Đã cụ thể hóa"), ("3", "Chưa cụ thể hóa")
    ]  # fmt: skip
    client = Client()
    client.force_login(admin)
    page = client.get(f"/ke-hoach/{parent.pk}/bao-phu/").content.decode()
    table = page[page.index("coverage--indicators") :]
    assert re.search(r"<td>1</td><td>2</td><td>33%</td><td>1</td><td>1</td>", table)
    assert "2 chỉ tiêu chưa cụ thể hóa" in table
