"""List endpoints run a fixed number of queries, however many rows they return (no N+1)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nq57.api.actions import create_token
from nq57.plans.actions import import_plan
from tests.api.conftest import ApiClient, Plans
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task

# (path, most queries allowed) for the leader of the city, the costliest caller:
# 5 for the session (read it and the user; saved on every request: savepoint, update, release),
# 5 for the roles (memberships, then one per level of the world's tree below the city),
# then the page and the total, and one per prefetched relation (units: 2 to add ancestors).
LISTS = [
    ("/api/units", 5 + 5 + 2 + 2),
    ("/api/plans", 5 + 5 + 2),
    ("/api/tasks", 5 + 5 + 2 + 1),  # assignments with their units
    ("/api/indicators", 5 + 5 + 2 + 2),  # assignments with their units, targets
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
    with django_assert_max_num_queries(5 + 5 + 1 + 2):  # the plan's visibility, page, total
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
