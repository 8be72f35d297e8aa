"""What units reported is user data: a plan revision or re-import may not discard it."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nq57.plans.actions import PlanActionError
from nq57.plans.revision import revise_plan
from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.models import TaskUpdate
from tests.conftest import ParsedPlanBuilder, make_indicator, make_task
from tests.reporting.conftest import WARD, Reporting


@time_machine.travel(datetime(2025, 5, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
def test_a_revision_may_not_drop_a_task_a_unit_reported_on(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    r = reporting
    assert not r.plan.has_user_data() and not r.task2.has_user_data()
    save_submission(submission=r.submission(r.ward), revision=0, actor=r.ward_officer,
                    tasks=[TaskEntry(task_id=r.task2.pk, lifecycle="in_progress")])  # fmt: skip
    assert r.plan.has_user_data() and r.task2.has_user_data()
    without_task2 = parsed_plan(
        tasks=[make_task(number="1", coordinating=WARD)],
        indicators=[make_indicator(lead="Phòng Văn hóa, Khoa học và Thông tin")],
    )
    with pytest.raises(PlanActionError, match="bỏ 1 dòng đã có số liệu báo cáo"):
        revise_plan(plan=r.plan, parsed=without_task2, source_name="91-sua.docx",
                    source_bytes=b"91 sua", actor=r.world.importer)  # fmt: skip
    assert TaskUpdate.objects.get().task_id == r.task2.pk
    assert r.plan.tasks.count() == 2


@time_machine.travel(datetime(2025, 6, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
def test_a_unit_a_revision_brings_in_reports_from_the_next_period(
    reporting: Reporting, parsed_plan: ParsedPlanBuilder
):
    from nq57.reporting.actions import open_plan_submissions
    from nq57.reporting.models import Submission

    r = reporting
    revised = parsed_plan(
        tasks=[
            make_task(number="1", coordinating=WARD),
            make_task(number="2", name="Tổ chức hội nghị phổ biến Nghị quyết.", lead=WARD,
                      coordinating=None, deadline="Quý IV/2025"),
            make_task(number="3", name="Rà soát thủ tục hành chính.", lead="Phòng Nội vụ",
                      coordinating=None),
        ],
        indicators=[make_indicator(lead="Phòng Văn hóa, Khoa học và Thông tin")],
    )  # fmt: skip
    revise_plan(plan=r.plan, parsed=revised, source_name="91-sua.docx", source_bytes=b"91 sua",
                actor=r.world.importer)  # fmt: skip
    assert open_plan_submissions(plan=r.plan) == 1
    added = Submission.objects.get(unit__name="Phòng Nội vụ")
    assert added.period == r.second_half  # the first half was due on 15/05: left as it was
