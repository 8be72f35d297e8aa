"""The plan dashboard: figures that drill down to their rows, overdue tasks with the units'
difficulties, indicators at risk, the unit ranking, reports per period; as of any day."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client

from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.workflow import approve_submission, submit_submission
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _reports(r: Reporting) -> None:
    with time_machine.travel(datetime(2025, 5, 12, 9, 0, tzinfo=VN), tick=False):
        for unit, actor, entries in (
            (r.world.d3_culture, r.world.d3_officer,
             [TaskEntry(task_id=r.task1.pk, lifecycle="done", completed_on="10/05/2025")]),
            (r.ward, r.ward_officer,
             [TaskEntry(task_id=r.task1.pk, lifecycle="in_progress"),
              TaskEntry(task_id=r.task2.pk, lifecycle="in_progress", percent="20",
                        difficulties="Chưa bố trí được hội trường")]),
        ):  # fmt: skip
            report = r.submission(unit)
            saved = save_submission(submission=report, revision=0, actor=actor,
                                    tasks=entries).submission  # fmt: skip
            sent = submit_submission(submission=saved, revision=saved.revision, actor=actor)
            approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)


def test_the_office_sees_what_is_late_and_who_ranks_where(reporting: Reporting):
    r = reporting
    _reports(r)
    client = Client()
    client.force_login(r.world.importer)
    url = f"/ke-hoach/{r.plan.pk}/bang-dieu-khien/"
    page = client.get(url, {"ngay": "10/01/2026"}).content.decode()
    assert "Nhiệm vụ quá hạn (1)" in page
    assert "Chưa bố trí được hội trường" in page  # the ward's stated difficulty
    assert "Tổ chức hội nghị phổ biến Nghị quyết." in page
    ranking = page[page.index('id="xep-hang"') : page.index('id="xu-huong"')]
    assert ranking.index("Phòng Văn hóa, Khoa học và Thông tin") < ranking.index(
        "Ủy ban nhân dân Phường Võ Thị Sáu"
    )
    assert "<svg" in page and "Tình hình gửi báo cáo theo kỳ" in page
    drill = client.get(url, {"ngay": "10/01/2026", "nhom": "done_on_time"}).content.decode()
    assert "Hoàn thành đúng hạn (1)" in drill
    earlier = client.get(url, {"ngay": "01/06/2025"}).content.decode()
    assert "Nhiệm vụ quá hạn (0)" in earlier  # as it stood then


def test_officers_do_not_see_the_dashboard(reporting: Reporting):
    for person in (reporting.ward_officer, reporting.world.d3_officer):
        client = Client()
        client.force_login(person)
        assert client.get(f"/ke-hoach/{reporting.plan.pk}/bang-dieu-khien/").status_code == 404
