"""List endpoints run a fixed number of queries, however many rows they return (no N+1)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nq57.api.actions import create_token
from nq57.plans.actions import import_plan
from nq57.plans.models import Assignment
from tests.api.conftest import ApiClient, Plans
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task
from tests.reporting.conftest import Reporting

# (path, most queries allowed) for the leader of the city, the costliest caller:
# 5 for the session (read it and the user; saved on every request: savepoint, update, release),
# 6 for the roles (memberships, the collectives standing for their units, then one per level
# of the world's tree below the city),
# then the page and the total, and one per prefetched relation (units: 2 to add ancestors).
LISTS = [
    ("/api/units", 5 + 6 + 2 + 2),
    ("/api/plans", 5 + 6 + 2),
    ("/api/tasks", 5 + 6 + 2 + 1),  # assignments with their units
    ("/api/indicators", 5 + 6 + 2 + 2),  # assignments with their units, targets
]


def big_plan(parsed_plan: ParsedPlanBuilder) -> None:
    """A published Quận 3 plan of 60 tasks in 4 sections and 30 indicators with 3 targets."""
    tasks = [
        make_task(
            number=str(n),
            section=["I", "II", "III", "IV"][n % 4],
            section_title=f"Mục {n % 4}",
            lead="Phòng Văn hóa, Khoa học và Thông tin",
            coordinating="Phòng Nội vụ; Phòng Tư pháp",
        )
        for n in range(60)
    ]
    indicators = [
        make_indicator(code=f"1.{n}", targets={"2025": "≥ 60", "2030": "≥ 80", "2035": "100"})
        for n in range(30)
    ]
    import_plan(
        parsed_plan(number="100/KH-UBND", tasks=tasks, indicators=indicators),
        source_name="100.docx",
        source_bytes=b"100",
        actor=None,
        publish=True,
    )


def queries_for(client: ApiClient, path: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        status, _body = client.get(path, **params)
    assert status == 200
    return len(captured)


@pytest.mark.parametrize(("path", "most"), LISTS)
def test_a_list_costs_the_same_for_3_rows_or_100(
    plans: Plans, parsed_plan: ParsedPlanBuilder, api_as, path: str, most: int
) -> None:
    client = api_as("city_reviewer")
    few = queries_for(client, path, limit=3)
    big_plan(parsed_plan)
    many = queries_for(client, path, limit=100)
    assert many == few
    assert many <= most


def test_a_plans_sections_cost_a_fixed_number_of_queries(
    plans: Plans, parsed_plan: ParsedPlanBuilder, api_as, django_assert_max_num_queries
) -> None:
    big_plan(parsed_plan)
    client = api_as("city_reviewer")
    with django_assert_max_num_queries(5 + 6 + 1 + 2):  # the plan's visibility, page, total
        status, body = client.get(f"/api/plans/{plans.district3.pk}/sections")
    assert (status, body["total"]) == (200, 3)


@pytest.mark.parametrize(("path", "most"), LISTS)
def test_a_list_with_a_token_stays_within_bounds(
    plans: Plans,
    parsed_plan: ParsedPlanBuilder,
    world: World,
    client,
    django_assert_max_num_queries,
    path: str,
    most: int,
) -> None:
    big_plan(parsed_plan)
    _token, secret = create_token(user=world.city_reviewer, name="Tích hợp", actor=None)
    api = ApiClient(client, {"Authorization": f"Bearer {secret}"})
    api.get("/api/units")  # the first use writes `last_used_at`
    with django_assert_max_num_queries(most):
        status, body = api.get(path, limit=100)
    assert status == 200 and len(body["items"]) > 3


# A report's detail for the leader of the city: session and roles as above, then the report,
# the unit's scope (assignments, and the collectives the unit belongs to) twice — for its lines
# and for the coordinating units' contributions —, the task lines and their evidence, the
# values, the contributions and the events.
REPORT_DETAIL = 5 + 6 + 1 + 2 * 2 + 2 + 1 + 1 + 1


@time_machine.travel(datetime(2025, 5, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
def test_a_reports_detail_costs_the_same_for_2_lines_or_22_with_evidence(
    reporting: Reporting,
) -> None:
    r = reporting
    ward = r.submission(r.ward)
    officer = ApiClient(Client())
    officer.client.force_login(r.ward_officer)
    reader = ApiClient(Client())
    reader.client.force_login(r.world.city_reviewer)
    path = f"/api/submissions/{ward.pk}"

    def save_every_task(revision: int) -> None:
        tasks = Assignment.objects.filter(unit=r.ward, task__isnull=False)
        lines = [{"task_id": t, "lifecycle": "done"} for t in tasks.values_list("task", flat=True)]
        assert officer.put(path, {"revision": revision, "tasks": lines})[0] == 200

    def attach(task_id: int, name: str) -> None:
        upload = SimpleUploadedFile(name, b"%PDF-1.4\n" + name.encode())
        status, _ = officer.upload(f"{path}/evidence/file", {"task_id": task_id, "file": upload})
        assert status == 201

    save_every_task(0)
    attach(r.task2.pk, "a.pdf")
    few = queries_for(reader, path)
    for n in range(20):
        task = r.plan.tasks.create(order=100 + n, number=str(100 + n), name=f"Việc {n}")
        Assignment.objects.create(task=task, unit=r.ward, role="lead", order=1, text_as_printed="")
        if n % 4 == 0:
            attach(task.pk, f"b{n}.pdf")
    save_every_task(1)
    many = queries_for(reader, path)
    status, body = reader.get(path)
    assert (status, len(body["tasks"])) == (200, 22)
    assert sum(len(line["evidence"]) for line in body["tasks"]) == 6
    assert many == few
    assert many <= REPORT_DETAIL
