"""Plans, their sections, tasks and indicators (with targets); visible iff the plan is."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from nq57.api import queries
from nq57.api.auth import caller
from nq57.api.errors import ErrorOut
from nq57.api.pagination import paginate
from nq57.api.schemas import (
    IndicatorOut,
    IndicatorPage,
    IndicatorQuery,
    PlanDetailOut,
    PlanPage,
    PlanQuery,
    SectionPage,
    SectionQuery,
    TaskOut,
    TaskPage,
    TaskQuery,
)
from nq57.plans.models import Indicator, Plan, Task

router = Router()

_LIST_ERRORS = {401: ErrorOut, 422: ErrorOut}
_DETAIL_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get(
    "/plans",
    response={200: PlanPage, **_LIST_ERRORS},
    tags=["Kế hoạch"],
    summary="Danh sách kế hoạch",
    description="Các kế hoạch bạn được xem, như trên giao diện web (dự thảo khi vai trò cho phép).",
)
def list_plans(request: HttpRequest, wanted: Query[PlanQuery]) -> dict[str, Any]:
    return paginate(queries.plan_list(caller(request), wanted), wanted)


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, **_DETAIL_ERRORS},
    tags=["Kế hoạch"],
    summary="Một kế hoạch",
)
def get_plan(request: HttpRequest, plan_id: int) -> Plan:
    return queries.plan_detail(caller(request), plan_id)


@router.get(
    "/plans/{plan_id}/sections",
    response={200: SectionPage, **_DETAIL_ERRORS},
    tags=["Kế hoạch"],
    summary="Các mục của một kế hoạch",
)
def list_sections(
    request: HttpRequest, plan_id: int, wanted: Query[SectionQuery]
) -> dict[str, Any]:
    return paginate(queries.section_list(caller(request), plan_id, wanted), wanted)


@router.get(
    "/tasks",
    response={200: TaskPage, **_LIST_ERRORS},
    tags=["Nhiệm vụ"],
    summary="Danh sách nhiệm vụ",
    description="Nhiệm vụ của các kế hoạch bạn được xem, theo kế hoạch và thứ tự trong văn bản.",
)
def list_tasks(request: HttpRequest, wanted: Query[TaskQuery]) -> dict[str, Any]:
    return paginate(queries.task_list(caller(request), wanted), wanted)


@router.get(
    "/tasks/{task_id}",
    response={200: TaskOut, **_DETAIL_ERRORS},
    tags=["Nhiệm vụ"],
    summary="Một nhiệm vụ",
)
def get_task(request: HttpRequest, task_id: int) -> Task:
    return queries.task_detail(caller(request), task_id)


@router.get(
    "/indicators",
    response={200: IndicatorPage, **_LIST_ERRORS},
    tags=["Chỉ tiêu"],
    summary="Danh sách chỉ tiêu (kèm mục tiêu theo mốc)",
    description="Chỉ tiêu của các kế hoạch bạn được xem, theo kế hoạch và thứ tự trong văn bản.",
)
def list_indicators(request: HttpRequest, wanted: Query[IndicatorQuery]) -> dict[str, Any]:
    return paginate(queries.indicator_list(caller(request), wanted), wanted)


@router.get(
    "/indicators/{indicator_id}",
    response={200: IndicatorOut, **_DETAIL_ERRORS},
    tags=["Chỉ tiêu"],
    summary="Một chỉ tiêu (kèm mục tiêu theo mốc)",
)
def get_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    return queries.indicator_detail(caller(request), indicator_id)
